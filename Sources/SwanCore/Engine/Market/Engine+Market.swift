extension Engine {
    /// Day-start step 4 (RULES-MARKET M2.2, M4): one `market_quote` from the usage history,
    /// the active providers' occupancy and their asking prices.
    func publishQuote(_ d: Int64, at t: Int64) throws(EngineError) {
        guard let market else { return }
        let h = market.parameters.historyDays
        let from = max(1, d - h)
        let window = from <= d - 1 ? Array(market.usage[Int(from - 1)..<Int(d - 1)]) : []
        var occupied: Int64 = 0, supply: Int64 = 0
        var prices: [Int128] = []
        for provider in providers where status(provider.index) == .active {
            supply += provider.spec.cardCount
            for work in provider.running { occupied += work.gpuCount }
            if let price = market.providers[provider.index].askingPriceAtto { prices.append(price) }
        }
        let quote: MarketQuote, price: Int128
        do {
            (quote, price) = try MarketPricing.quote(window: window, occupiedGPUs: occupied, activeCards: supply,
                                                     askingPrices: prices, basePrice: market.parameters.basePriceAtto)
        } catch {
            throw .overflow("market price")
        }
        self.market?.quotePriceAtto = price
        try emit(Entry(day: d, time: t, kind: .marketQuote, origin: .engine, amountAtto: price, payload: .marketQuote(quote)),
                 reevaluate: false)
    }

    /// `set_price` (RULES-MARKET M6).
    func setPrice(_ id: String, _ price: Int128?, at t: Int64, scriptIndex: Int64) throws(EngineError) {
        guard let p = providerIndexByID[id] else {
            return try reject(.setPrice, reason: .unknownProvider, at: t, origin: .script, scriptIndex: scriptIndex,
                              provider: id, amount: price)
        }
        guard !providers[p].isTerminal else {
            return try reject(.setPrice, reason: .exited, at: t, origin: .script, scriptIndex: scriptIndex, provider: id, amount: price)
        }
        let old = market?.providers[p].askingPriceAtto
        try emit(Entry(day: day, time: t, kind: .priceSet, origin: .script, scriptIndex: scriptIndex, provider: id,
                       providerIndex: Int32(p), amountAtto: price, payload: .priceSet(oldAtto: old, newAtto: price)),
                 reevaluate: false)
    }

    /// Keeps the market counters of RULES-MARKET M3.1 in step with the ledger: every entry
    /// the engine appends passes through here once.
    func observeMarket(_ entry: Entry) {
        guard let market else { return }
        let p = Int(entry.providerIndex)
        switch entry.payload {
        case .register(let terms):
            market.providers.append(ProviderMarket(askingPriceAtto: terms.askingPriceAtto,
                                                   reputation: market.parameters.reputationInitial, registeredAt: entry.time))
        case .status(let change):
            guard market.providers.indices.contains(p) else { return }
            if change.from == .active, let since = market.providers[p].activeSince {
                market.providers[p].activeSeconds += entry.time - since
                market.providers[p].activeSince = nil
            }
            if change.to == .active { market.providers[p].activeSince = entry.time }
            if change.to.isTerminal { providers[p].terminalAt = entry.time }
        case .priceSet(_, let new):
            market.providers[p].askingPriceAtto = new
        case .taskComplete, .jobSubmit:
            market.providers[p].userOK += 1
        case .taskFail:
            market.providers[p].userFailed += 1
            market.providers[p].refunds += 1
        case .jobFail:
            market.providers[p].userFailed += 1
        case .auctionFail(_, let charged), .auctionRefund(let charged):
            for provider in charged { market.providers[Int(provider)].refunds += 1 }
        default:
            break
        }
    }


    /// u(d) of RULES-MARKET M4.1, fixed at the close: busy GPU-seconds of the paid work that
    /// ran today over the registered providers' provisioned GPU-seconds.
    func recordUsage(_ d: Int64) {
        guard market != nil else { return }
        let start = Self.dayStart(d), end = start + 86_400
        var busy: Int64 = 0
        forEachWorkOfToday { gpuCount, from, until, _, _ in busy += gpuCount * max(0, min(until ?? end, end) - max(from, start)) }
        var provisioned: Int64 = 0
        for provider in providers {
            let from = max(market?.providers[provider.index].registeredAt ?? 0, start)
            let until = min(provider.terminalAt ?? end, end)
            if until > from { provisioned += provider.spec.cardCount * (until - from) }
        }
        market?.usage.append(MarketPricing.usage(busyGPUSeconds: busy, provisionedGPUSeconds: provisioned))
    }
}
