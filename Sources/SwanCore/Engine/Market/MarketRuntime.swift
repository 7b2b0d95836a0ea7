/// What the engine keeps for a market run (RULES-MARKET M3–M6) beyond version 1: the
/// providers' market counters, the usage history, and the auction tasks' jobs.
///
/// Counters are updated from the entries the engine emits (`Engine.observeMarket`), so
/// they count exactly what the ledger shows; the checker counts the same from the stored
/// entries with its own code. A class: updated in place on every entry, never copied.
final class MarketRuntime {
    let parameters: MarketParameters
    var providers: [ProviderMarket] = []
    /// u(x) for the days closed so far; u(x) is at position x − 1.
    var usage: [Int128] = []
    /// The day's quote price, for market-priced generators.
    var quotePriceAtto: Int128 = 0

    init(parameters: MarketParameters) {
        self.parameters = parameters
    }
}

/// A provider's market counters (RULES-MARKET M3.1).
struct ProviderMarket {
    var askingPriceAtto: Int128?
    /// The last reputation, `reputation.initial` before the first.
    var reputation: Int128
    var registeredAt: Int64
    /// Seconds with status active before `activeSince`, and the start of the current active spell.
    var activeSeconds: Int64 = 0
    var activeSince: Int64?
    /// The system jobs of the last 30 days, oldest first, and today's.
    var systemDays: [SystemDay] = []
    var today = SystemDay(day: 0)
    var sAll: Int64 = 50
    var systemOK: Int64 = 0
    var systemFailed: Int64 = 0
    var streak: Int64 = 0
    var userOK: Int64 = 0
    var userFailed: Int64 = 0
    var refunds: Int64 = 0

    /// act(p, T): active seconds in [reg(p), T).
    func activeSeconds(until t: Int64) -> Int64 {
        activeSeconds + (activeSince.map { t - $0 } ?? 0)
    }
}

/// One day's system jobs of a provider, in settlement order, as the walk of M3.3 needs them:
/// the runs of successes before each failure, and the successes after the last one.
struct SystemDay {
    var day: Int64
    var runs: [Int32] = []
    var tail: Int64 = 0

    var failures: Int64 { Int64(runs.count) }
    var jobs: Int64 { tail + runs.reduce(Int64(0)) { $0 + Int64($1) } + failures }

    mutating func record(success: Bool) {
        if success {
            tail += 1
        } else {
            runs.append(Int32(tail))
            tail = 0
        }
    }

    /// The window walk continued over this day's jobs from score s (whole points).
    func walk(from start: Int64) -> Int64 {
        var s = start
        for run in runs { s = max(0, min(100, s + 10 * Int64(run)) - 20) }
        return min(100, s + 10 * tail)
    }
}

/// An auction task's own state (RULES-MARKET M5.2): the current round and every job.
struct AuctionRuntime {
    enum State { case acceptingBids, processing, completed, failed, cancelled }
    var state: State = .acceptingBids
    var round: Int64 = 1
    var jobs: [AuctionJob] = []
    /// Providers charged a refund, in the order of their `job_fail`.
    var failedProviders: [Int32] = []
}

/// One job of an auction task (RULES-MARKET M5.4).
struct AuctionJob {
    typealias State = JobState
    var ref: JobRef
    var provider: Int
    var model: ModelID
    var gpuCount: Int64
    var lockAtto: Int128
    var weight: Int64
    var assignedTime: Int64
    var end: Int64
    var fails: Bool
    var state: State = .running
    var settledTime: Int64?
}
