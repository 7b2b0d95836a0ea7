import SwanCore
import SwanTables

/// A provider's `market` object of summary.json (OUTPUTS-MARKET §3).
public struct ProviderMarketSummary: Sendable {
    public var askingPriceAtto: Int128?
    public var reputation: Int128
    public var components: ReputationFigures?
    public var systemOK: Int64, systemFailed: Int64
    public var userOK: Int64, userFailed: Int64, refunds: Int64
    public var jobsAssigned: Int64, jobsSubmitted: Int64, jobsFailed: Int64, jobsCancelled: Int64, jobsLed: Int64
    public var auctionIncome: Int128

    var json: OrderedJSON {
        .object([
            ("asking_price", .amount(askingPriceAtto)), ("reputation", .amount(reputation)),
            ("components", components.map { c in
                .object([("uptime", .amount(c.uptime)), ("join", .amount(c.join)), ("system", .amount(c.system)),
                         ("user", .amount(c.user)), ("refund", .amount(c.refund))])
            } ?? .null),
            ("system_jobs_ok", .integer(systemOK)), ("system_jobs_failed", .integer(systemFailed)),
            ("user_jobs_ok", .integer(userOK)), ("user_jobs_failed", .integer(userFailed)), ("refunds", .integer(refunds)),
            ("jobs_assigned", .integer(jobsAssigned)), ("jobs_submitted", .integer(jobsSubmitted)),
            ("jobs_failed", .integer(jobsFailed)), ("jobs_cancelled", .integer(jobsCancelled)), ("jobs_led", .integer(jobsLed)),
            ("auction_income", .amount(auctionIncome)),
        ])
    }
}

/// The top-level `market` object of summary.json (OUTPUTS-MARKET §3).
public struct MarketRunSummary: Sendable {
    public var quoteDays: Int64
    public var demandFactorMin: Int128?, demandFactorMax: Int128?, priceMin: Int128?, priceMax: Int128?
    public var lastQuote: (day: Int64, quote: MarketQuote, price: Int128)?
    public var auctionsPosted: Int64, rounds: Int64, completed: Int64, failed: Int64, cancelled: Int64, noBids: Int64, open: Int64
    public var jobsAssigned: Int64, jobsSubmitted: Int64, jobsFailed: Int64, jobsCancelled: Int64, jobsRunning: Int64
    public var auctionPayouts: Int128, auctionFees: Int128, auctionRefunds: Int128, jobSlashed: Int128
    /// Reputations of the non-terminal providers at the end.
    public var reputations: [Int128]
    public var providers: [ProviderMarketSummary]

    var json: OrderedJSON {
        let last: OrderedJSON = lastQuote.map { day, q, price in
            .object([("day", .integer(day)), ("h", .amount(q.h)), ("c", .amount(q.c)), ("occupancy", .amount(q.occupancy)),
                     ("demand_factor", .amount(q.demandFactor)), ("wam", .amount(q.wamAtto)), ("price", .amount(price)),
                     ("priced", .integer(q.priced))])
        } ?? .null
        let mean = reputations.isEmpty ? nil : reputations.reduce(0, +) / Int128(reputations.count)
        return .object([
            ("quotes", .object([
                ("days", .integer(quoteDays)), ("demand_factor_min", .amount(demandFactorMin)),
                ("demand_factor_max", .amount(demandFactorMax)), ("price_min", .amount(priceMin)), ("price_max", .amount(priceMax)),
                ("last", last),
            ])),
            ("auctions", .object([
                ("posted", .integer(auctionsPosted)), ("rounds", .integer(rounds)), ("completed", .integer(completed)),
                ("failed", .integer(failed)), ("cancelled", .integer(cancelled)), ("no_bids", .integer(noBids)),
                ("open", .integer(open)),
            ])),
            ("jobs", .object([
                ("assigned", .integer(jobsAssigned)), ("submitted", .integer(jobsSubmitted)), ("failed", .integer(jobsFailed)),
                ("cancelled", .integer(jobsCancelled)), ("running", .integer(jobsRunning)),
            ])),
            ("totals", .object([
                ("auction_payouts", .amount(auctionPayouts)), ("auction_fees", .amount(auctionFees)),
                ("auction_refunds", .amount(auctionRefunds)), ("job_slashed", .amount(jobSlashed)),
            ])),
            ("reputation", .object([
                ("scored", .integer(Int64(reputations.count))), ("min", .amount(reputations.min())),
                ("max", .amount(reputations.max())), ("mean", .amount(mean)),
            ])),
        ])
    }
}

extension LedgerReplay {
    /// The market summary at the end of the run; nil for a version-1 run.
    func marketSummary() -> MarketRunSummary? {
        guard let market else { return nil }
        let providerSummaries = market.providers.map { view in
            ProviderMarketSummary(
                askingPriceAtto: view.askingPriceAtto, reputation: view.reputation, components: view.lastFigures,
                systemOK: view.systemOK, systemFailed: view.systemFailed, userOK: view.userOK, userFailed: view.userFailed,
                refunds: view.refunds, jobsAssigned: view.jobs.assigned, jobsSubmitted: view.jobs.submitted,
                jobsFailed: view.jobs.failed, jobsCancelled: view.jobs.cancelled, jobsLed: view.jobsLed,
                auctionIncome: view.auctionIncome)
        }
        var open: Int64 = 0, running: Int64 = 0
        for task in tasks.values {
            guard let auction = task.auction else { continue }
            if auction.state == .acceptingBids || auction.state == .processing { open += 1 }
            running += Int64(auction.jobs.filter { $0.state == .running }.count)
        }
        let t = market.totals
        return MarketRunSummary(
            quoteDays: t.quoteCount, demandFactorMin: t.demandFactorMin, demandFactorMax: t.demandFactorMax,
            priceMin: t.priceMin, priceMax: t.priceMax, lastQuote: t.lastQuote, auctionsPosted: t.auctionsPosted,
            rounds: t.rounds, completed: t.completed, failed: t.failed, cancelled: t.cancelled, noBids: t.noBids, open: open,
            jobsAssigned: t.jobs.assigned, jobsSubmitted: t.jobs.submitted, jobsFailed: t.jobs.failed,
            jobsCancelled: t.jobs.cancelled, jobsRunning: running, auctionPayouts: t.payouts, auctionFees: t.fees,
            auctionRefunds: t.refunds, jobSlashed: t.jobSlashed,
            reputations: providers.indices.filter { !providers[$0].isTerminal }.map { market.providers[$0].reputation },
            providers: providerSummaries)
    }
}
