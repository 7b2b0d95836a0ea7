import SwanCore
import SwanTables

/// The checker's market entries (RULES-MARKET M10, M11): quotes and reputations are
/// recomputed from its own counts, auctions followed through the state machine of M5.2.
extension LedgerReplay {
    func marketEntry(_ entry: Entry) {
        guard market != nil else {
            return invariants.fail(.auctionStates, seq: entry.seq, "\(entry.kind.rawValue) in a version-1 ledger")
        }
        switch entry.payload {
        case .marketQuote(let quote): checkQuote(entry, quote)
        case .reputation(let figures): recordReputation(entry, figures)
        case .priceSet(let old, let new): priceSet(entry, old: old, new: new)
        case .auctionOpen(let round, let close): auctionOpen(entry, round: round, close: close)
        case .auctionClose(let selection): auctionClose(entry, selection)
        case .jobAssign(let job, let model, let end, let weight): jobAssign(entry, job, model: model, end: end, weight: weight)
        case .jobSubmit(let job): jobSettled(entry, job, state: .submitted)
        case .jobFail(let job, let parts, let unlocked): jobSettled(entry, job, state: .failed, slashed: parts.total, unlocked: unlocked)
        case .jobCancel(let job): jobSettled(entry, job, state: .cancelled)
        case .auctionComplete(let round, let fee, let leaderJob, let payouts):
            auctionComplete(entry, round: round, fee: fee, leaderJob: leaderJob, payouts: payouts)
        case .auctionFail(let rounds, let charged): auctionFail(entry, rounds: rounds, charged: charged)
        default: break
        }
    }

    // MARK: Providers

    func marketRegister(_ entry: Entry, _ terms: RegisterTerms) {
        guard let parameters = market?.parameters else { return }
        market?.providers.append(ReplayProviderMarket(askingPriceAtto: terms.askingPriceAtto, reputation: parameters.reputationInitial))
        market?.runningWork.append([])
    }

    func marketStatus(_ p: Int, from: ProviderStatus, to: ProviderStatus, at t: Int64) {
        guard market != nil else { return }
        if from == .active, let since = market?.providers[p].activeSince {
            market?.providers[p].activeSeconds += t - since
            market?.providers[p].activeSince = nil
        }
        if to == .active { market?.providers[p].activeSince = t }
    }

    private func priceSet(_ entry: Entry, old: Int128?, new: Int128?) {
        guard let p = provider(entry) else { return }
        checkNotTerminal(entry, .terminal, "price_set")
        if old != market?.providers[p].askingPriceAtto || new != entry.amountAtto || (new ?? 1) <= 0 {
            invariants.fail(.auctionStates, seq: entry.seq, "price_set of \(providers[p].id): old or new price does not follow the ledger")
        }
        market?.providers[p].askingPriceAtto = new
    }

    // MARK: Quote (I15)

    private func checkQuote(_ entry: Entry, _ quote: MarketQuote) {
        guard let parameters = market?.parameters else { return }
        market?.quotesToday += 1
        let d = entry.day
        let from = max(1, d - parameters.historyDays)
        let usage = market?.usage ?? []
        let window = from <= d - 1 && usage.count >= Int(d - 1) ? Array(usage[Int(from - 1)..<Int(d - 1)]) : []
        var occupied: Int64 = 0, supply: Int64 = 0
        var prices: [Int128] = []
        for p in providers.indices where providers[p].status == .active {
            supply += providers[p].cardCount
            if let price = market?.providers[p].askingPriceAtto { prices.append(price) }
        }
        for p in providers.indices where providers[p].status == .active {
            for work in market?.runningWork[p] ?? [] { occupied += work.gpuCount }
        }
        let expected = try? MarketPricing.quote(window: window, occupiedGPUs: occupied, activeCards: supply,
                                                askingPrices: prices, basePrice: parameters.basePriceAtto)
        let wad = Decimal18.scale
        let ranges = quote.uAvg <= quote.uMax && quote.uMax <= wad && (0...wad).contains(quote.h)
            && (0...wad).contains(quote.occupancy) && (0...wad).contains(quote.c)
            && (wad...(5 * wad)).contains(quote.demandFactor)
        if !ranges || expected?.0 != quote || expected?.price != entry.amountAtto || market?.quotesToday != 1 {
            let shown = expected.map { "DF \(Decimal18.render($0.0.demandFactor)), price \(Decimal18.render($0.price))" } ?? "an overflow"
            invariants.fail(.quote, seq: entry.seq, "market_quote of day \(d): the ledger gives \(shown)")
        }
        let price = entry.amountAtto ?? 0
        market?.flows.quote = quote
        market?.flows.priceAtto = price
        guard var totals = market?.totals else { return }
        totals.quoteCount += 1
        totals.lastQuote = (d, quote, price)
        totals.demandFactorMin = min(totals.demandFactorMin ?? quote.demandFactor, quote.demandFactor)
        totals.demandFactorMax = max(totals.demandFactorMax ?? quote.demandFactor, quote.demandFactor)
        totals.priceMin = min(totals.priceMin ?? price, price)
        totals.priceMax = max(totals.priceMax ?? price, price)
        market?.totals = totals
    }

    /// At the seal of day d: u(d) from the day's busy and provisioned GPU-seconds (M4.1), and
    /// exactly one quote for days ≥ 1 (I15).
    func marketSealed(day: Int64, busy: Int64, provisioned: Int64, seq: Int64) {
        guard market != nil, day >= 1 else { return }
        market?.usage.append(MarketPricing.usage(busyGPUSeconds: busy, provisionedGPUSeconds: provisioned))
        if market?.quotesToday != 1 {
            invariants.fail(.quote, seq: seq, "day \(day) has \(market?.quotesToday ?? 0) market_quote entries, expected 1")
        }
        market?.quotesToday = 0
    }
}
