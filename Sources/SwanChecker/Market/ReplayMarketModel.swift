import SwanCore
import SwanTables

/// The checker's model of a market run (RULES-MARKET M3–M6, M11), built from the entries
/// alone: what it needs to recompute every quote, reputation, bidder set, pick and payout.
/// A class: the checker updates it in place many times per entry, never copies it.
final class ReplayMarket {
    let parameters: MarketParameters
    var providers: [ReplayProviderMarket] = []
    /// u(x) of the days sealed so far (position x − 1).
    var usage: [Int128] = []
    /// Quotes seen today, and the day's `reputation` entries in order.
    var quotesToday = 0
    var reputationsToday: [(seq: Int64, provider: Int, figures: ReputationFigures)] = []
    /// The job assignments an `auction_close` announced, in pick order, still to come.
    var expectedAssigns: [(task: Int, provider: Int, job: JobRef, weight: Int64)] = []
    /// Auction tasks with jobs that ran today (busy seconds).
    var dayAuctions: Set<Int> = []
    var flows = MarketDayFlows()
    var totals = MarketTotals()
    /// Each provider's running paid work (v1 tasks and jobs): task, model, GPUs (capacity, M7).
    var runningWork: [[(task: Int, model: ModelID, gpuCount: Int64)]] = []

    init(parameters: MarketParameters) {
        self.parameters = parameters
    }
}

/// A provider's market view in the checker.
struct ReplayProviderMarket {
    var askingPriceAtto: Int128?
    var reputation: Int128
    var lastFigures: ReputationFigures?
    var activeSeconds: Int64 = 0
    var activeSince: Int64?
    /// Each day's system jobs as the walk they make, last 30 days.
    var systemDays: [(day: Int64, walk: DayWalk)] = []
    var sAll: Int64 = 50
    var systemOK: Int64 = 0
    var systemFailed: Int64 = 0
    var streak: Int64 = 0
    var userOK: Int64 = 0
    var userFailed: Int64 = 0
    var refunds: Int64 = 0
    /// Today's UBI failure positions (from `ubi_fail.j` / `benchmark_fail`).
    var failingToday: [Int64] = []
    var jobsLed: Int64 = 0
    var auctionIncome: Int128 = 0
    var jobs = JobCounts()
    var today = ProviderMarketDay()
}

/// Counts of `job_*` entries.
struct JobCounts {
    var assigned: Int64 = 0
    var submitted: Int64 = 0
    var failed: Int64 = 0
    var cancelled: Int64 = 0
}

/// A provider's market figures of the current day (OUTPUTS-MARKET §2.3).
struct ProviderMarketDay {
    var jobs = JobCounts()
    var auctionIncome: Int128 = 0
    var systemOK: Int64 = 0
    var systemFailed: Int64 = 0
    var scored: ReputationFigures?
}

/// The network's market figures of the current day (OUTPUTS-MARKET §2.4).
struct MarketDayFlows {
    var quote: MarketQuote?
    var priceAtto: Int128?
    var auctionsPosted: Int64 = 0
    var auctionRounds: Int64 = 0
    var auctionsCompleted: Int64 = 0
    var auctionsFailed: Int64 = 0
    var auctionsCancelled: Int64 = 0
    var jobs = JobCounts()
}

/// Run totals of the market (OUTPUTS-MARKET §3 `market`).
struct MarketTotals {
    var demandFactorMin: Int128?
    var demandFactorMax: Int128?
    var priceMin: Int128?
    var priceMax: Int128?
    var lastQuote: (day: Int64, quote: MarketQuote, price: Int128)?
    var quoteCount: Int64 = 0
    var auctionsPosted: Int64 = 0
    var rounds: Int64 = 0
    var completed: Int64 = 0
    var failed: Int64 = 0
    var cancelled: Int64 = 0
    var noBids: Int64 = 0
    var jobs = JobCounts()
    var payouts: Int128 = 0
    var fees: Int128 = 0
    var refunds: Int128 = 0
    var jobSlashed: Int128 = 0
}

/// An auction task in the checker (RULES-MARKET M5.2).
struct ReplayAuction {
    enum State: String { case created, acceptingBids = "accepting_bids", processing, completed, failed, cancelled }
    var state: State = .created
    var round: Int64 = 0
    var closeTime: Int64 = 0
    var jobs: [ReplayJob] = []
    /// Providers with a failed job, in the order of their `job_fail`.
    var failedProviders: [Int32] = []
    var leader: Int?
}

/// One job in the checker (OUTPUTS-MARKET §2.1 `jobs`).
struct ReplayJob {
    /// Its place in `job_assign` order over the run.
    var ordinal: Int64 = 0
    var ref: JobRef
    var provider: Int
    var model: ModelID
    var gpuCount: Int64
    var lock: Int128
    var weight: Int64
    var assignedTime: Int64
    var endTime: Int64
    var settledTime: Int64?
    var state: JobState = .running
    var slashed: Int128?
    var unlocked: Int128?
    var payout: Int128?
    var leading = false
}

/// One day's system jobs as the walk they make on a window score (M3.3 step 1): `settled`
/// jobs in settlement order, failing at the sorted positions `failing`. The checker applies a
/// day per window (30 a close) at the cost of its failures, not of its jobs.
struct DayWalk {
    var settled: Int64
    var failing: [Int64]

    /// The score after the day's jobs from `start`: each run of successes adds 10 (capped at
    /// 100), each failure takes 20 (floored at 0).
    func apply(_ start: Int64) -> Int64 {
        var s = start, done: Int64 = 0
        for position in failing {
            s = max(0, min(100, s + 10 * (position - done)) - 20)
            done = position + 1
        }
        return min(100, s + 10 * (settled - done))
    }
}
