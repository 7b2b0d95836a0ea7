import SwanCore
import SwanTables

/// The market columns of the derived tables (OUTPUTS-MARKET §2): `jobs`, and what a market
/// run appends to `tasks`, `provider_day` and `network_day`.
extension LedgerReplay {
    /// An auction task's jobs as `jobs` rows.
    func jobRows(_ task: ReplayTask) -> [JobRow] {
        (task.auction?.jobs ?? []).map { job in
            JobRow(ordinal: job.ordinal, task: task.id, round: job.ref.round, job: job.ref.job, provider: providers[job.provider].id,
                   model: state.modelNames[Int(job.model)], gpuCount: job.gpuCount, lock: job.lock, weight: job.weight,
                   assignedTime: job.assignedTime, endTime: job.endTime, settledTime: job.settledTime, state: job.state.rawValue,
                   slashed: job.slashed, unlocked: job.unlocked, payout: job.payout, leading: job.leading)
        }
    }

    /// `assignment`, `rounds`, `leader`, `charged` of a task row.
    func marketTaskCells(_ task: ReplayTask) -> [Cell] {
        guard let auction = task.auction else { return [.text(task.assignment), .null, .null, .null] }
        let charged = auction.failedProviders.map { jsonQuoted(providers[Int($0)].id) }
        let chargedCell: Cell = auction.state == .failed || auction.state == .cancelled
            ? (charged.isEmpty ? .null : .text("[" + charged.joined(separator: ",") + "]")) : .null
        return [.text(task.assignment), .integer(auction.round), auction.leader.map { .text(providers[$0].id) } ?? .null,
                chargedCell]
    }

    /// Fills each provider row's market cells and returns the network row's; the day's market
    /// flows start again. Day 0 has no quote: its network market columns are NULL.
    func marketDayCells(day: Int64, rows: inout [ProviderDayRow]) -> [Cell] {
        guard let market else { return [] }
        var runningByProvider: [Int: Int64] = [:]
        var open: Int64 = 0, running: Int64 = 0
        for task in tasks.values {
            guard let auction = task.auction else { continue }
            if auction.state == .acceptingBids || auction.state == .processing { open += 1 }
            for job in auction.jobs where job.state == .running {
                runningByProvider[job.provider, default: 0] += 1
                running += 1
            }
        }
        func score(_ value: Int128?) -> Cell { value.map { .ratio($0) } ?? .null }
        var scoredTotals: [Int128] = []
        for p in rows.indices {
            let scored = market.providers[p].today.scored
            if let scored { scoredTotals.append(scored.total) }
            rows[p].marketCells = [
                score(market.providers[p].reputation), score(scored?.uptime), score(scored?.join), score(scored?.system), score(scored?.user),
                score(scored?.refund), scored.map { .text($0.averaged.joinedNames) } ?? .null,
                .integer(market.providers[p].today.systemOK), .integer(market.providers[p].today.systemFailed),
                market.providers[p].askingPriceAtto.map { .atto($0) } ?? .null, .integer(market.providers[p].today.jobs.assigned),
                .integer(market.providers[p].today.jobs.submitted), .integer(market.providers[p].today.jobs.failed),
                .integer(market.providers[p].today.jobs.cancelled), .integer(runningByProvider[p] ?? 0),
                .atto(market.providers[p].today.auctionIncome),
            ]
            market.providers[p].today = ProviderMarketDay()
        }
        let flows = market.flows
        market.flows = MarketDayFlows()
        guard day >= 1, let quote = flows.quote else { return Array(repeating: .null, count: DailyColumns.marketNetwork.count) }
        let mean = scoredTotals.isEmpty ? nil : scoredTotals.reduce(0, +) / Int128(scoredTotals.count)
        return [
            score(market.usage.last), score(quote.h), score(quote.c), score(quote.occupancy), score(quote.demandFactor),
            score(quote.uAvg), score(quote.uMax), .atto(quote.wamAtto), flows.priceAtto.map { .atto($0) } ?? .null,
            .integer(quote.priced), .integer(quote.fallback ? 1 : 0), .integer(flows.auctionsPosted), .integer(flows.auctionRounds),
            .integer(flows.auctionsCompleted), .integer(flows.auctionsFailed), .integer(flows.auctionsCancelled), .integer(open),
            .integer(flows.jobs.assigned), .integer(flows.jobs.submitted), .integer(flows.jobs.failed),
            .integer(flows.jobs.cancelled), .integer(running), score(mean),
        ]
    }
}
