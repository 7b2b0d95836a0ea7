import SwanCore
import SwanTables

/// What the checker knows of a run before its first entry: the genesis meta.
public struct ReplayContext: Sendable {
    public var parameters: Parameters
    /// The genesis catalog.
    public var catalog: Catalog
    public var days: Int64
    /// The market parameters of a `swan-scenario/2` run; nil for version 1.
    public var market: MarketParameters?
    /// The run's seed: the checker redraws roulette picks and job outcomes (RULES-MARKET M11).
    public var seed: UInt64
    /// The encoding of the ledger's entries (`meta.encoding_version`).
    public var format: EntryFormat

    public init(parameters: Parameters, catalog: Catalog, days: Int64, market: MarketParameters? = nil, seed: UInt64 = 0,
                format: EntryFormat = .v3) {
        self.market = market
        self.format = format
        self.seed = seed
        self.parameters = parameters
        self.catalog = catalog
        self.days = days
    }
}

/// A provider as the ledger shows it.
struct ReplayProvider {
    var id: String
    var index: Int
    var kind: ProviderKind
    /// Cards as the checker's model ids.
    var cards: [CardCount]
    var cardCount: Int64
    /// Its accounts in the checker's state.
    var wallet: AccountID
    var free: AccountID
    var escrow: AccountID
    /// wcu(p) and required(p), recomputed when a `param` entry changes C_base or a model's CU.
    var weightedCU: Int128 = 0
    var required: Int128 = 0
    var status: ProviderStatus = .none
    var exited = false
    var removed = false
    var suspendedUntil: Int64?
    var pending: (amount: Int128, due: Int64)?
    var registeredTime: Int64
    var registeredOrigin: EntryOrigin
    var terminalTime: Int64?
    var ubiFailureRate: Int128
    var taskFailureRate: Int128

    // Today's UBI tasks.
    var ubiDay: Int64?
    var ubiN: Int64 = 0
    var ubiVoided = false
    var ubiLastSettled = false
    /// Time of the provider's latest UBI failure today (its task is settled at that time).
    var lastUBIFailTime: Int64?
    var running = 0


    // Run totals.
    var totals = ProviderTotals()
    // Today's flows and integrals.
    var today = ProviderDayFlows()
    var statusSince: Int64 = 0
    var peakCollateral: Int128 = 0

    var isTerminal: Bool { exited || removed }

    /// Adds the seconds since the last status change to today's ineligible time when the
    /// provider is nsc or suspended; the clock restarts at t.
    mutating func accumulateIneligible(until t: Int64) {
        if status == .nsc || status == .suspended { today.ineligibleSeconds += max(0, t - statusSince) }
        statusSince = t
    }

    /// Holds work: unsettled non-void UBI tasks of today, or a running paid task (RULES.md §13.2).
    func holdsWork(day: Int64) -> Bool {
        running > 0 || ubiOutstanding(day: day)
    }

    func ubiOutstanding(day: Int64) -> Bool {
        ubiDay == day && !ubiVoided && !ubiLastSettled && !isTerminal
    }
}

/// Run totals of one provider (summary.json `providers[]`).
struct ProviderTotals {
    var ubiEarned: Int128 = 0
    var ubiTasksAssigned: Int64 = 0
    var ubiTasksFailed: Int64 = 0
    var slashed: Int128 = 0
    var slashedUnbacked: Int128 = 0
    var taskIncome: Int128 = 0
    var tasksCompleted: Int64 = 0
    var tasksFailed: Int64 = 0
    var breachSeconds: Int64 = 0
    var busyGPUSeconds: Int64 = 0
    var provisionedGPUSeconds: Int64 = 0
}

/// One provider's flows of the current day (OUTPUTS.md §2.2).
struct ProviderDayFlows {
    var ubiAssigned: Int64 = 0
    var ubiFailed: Int64 = 0
    var ubiVoided: Int64 = 0
    var ubiPaid: Int128 = 0
    var slashed: Int128 = 0
    var slashedUnbacked: Int128 = 0
    var tasksAssigned: Int64 = 0
    var tasksCompleted: Int64 = 0
    var tasksFailed: Int64 = 0
    var taskIncome: Int128 = 0
    var taskFees: Int128 = 0
    var ineligibleSeconds: Int64 = 0
    var breachSeconds: Int64 = 0
}

/// A paid task as the ledger shows it.
struct ReplayTask {
    enum State: String { case posted, running, completed, failed, refunded }
    var id: String
    var index: Int
    var origin: EntryOrigin
    var user: String
    var reward: Int128
    var collateral: Int128
    var durationSeconds: Int64
    var gpuCount: Int64
    /// The posted model (nil: any) and provider kind, for the bid conditions of RULES-MARKET M5.4.
    var gpuModel: ModelID?
    var providerKind: ProviderKindFilter = .any
    /// `task_post.assignment` as text (`provider`, `auto`, `manual`, `auction`; OUTPUTS-MARKET §2.2).
    var assignment = "auto"
    var postedTime: Int64
    var state: State = .posted
    var provider: Int?
    var model: ModelID?
    var lock: Int128?
    var assignedTime: Int64?
    var endTime: Int64?
    var settledTime: Int64?
    var fee: Int128?
    var payout: Int128?
    var slashed: Int128?
    var refund: Int128?
    /// An auction task's rounds and jobs, as the checker follows them (RULES-MARKET M5).
    var auction: ReplayAuction?
}

/// Network flows of the current day (OUTPUTS.md §2.3).
struct NetworkDayFlows {
    var ubiTasksAssigned: Int64 = 0
    var ubiTasksFailed: Int64 = 0
    var slashed: Int128 = 0
    var slashedBacked: Int128 = 0
    var slashedUnbacked: Int128 = 0
    var fees: Int128 = 0
    var taskPayouts: Int128 = 0
    var taskRefunds: Int128 = 0
    var tasksPosted: Int64 = 0
    var tasksAssigned: Int64 = 0
    var tasksCompleted: Int64 = 0
    var tasksFailed: Int64 = 0
    var tasksRefunded: Int64 = 0
    var rejections: Int64 = 0
    var entries: Int64 = 0
    var ubiDay: UBIDayFigures?
    var ubiYEffective: Int128?
    var poolAtCloseStart: Int128?
    var ubiPaid: Int128 = 0
}

/// Run totals (summary.json `totals` and `counts`).
public struct RunTotals: Sendable {
    public var ubiPaid: Int128 = 0
    public var slashed: Int128 = 0
    public var slashedBacked: Int128 = 0
    public var slashDebt: Int128 = 0
    public var fees: Int128 = 0
    public var taskPayouts: Int128 = 0
    public var taskRefunds: Int128 = 0
    public var deposits: Int128 = 0
    public var withdrawals: Int128 = 0
    public var grants: Int128 = 0
    public var ubiTasksAssigned: Int64 = 0
    public var ubiTasksFailed: Int64 = 0
    public var tasksPosted: Int64 = 0
    public var tasksCompleted: Int64 = 0
    public var tasksFailed: Int64 = 0
    public var tasksRefunded: Int64 = 0
    public var statusChanges: Int64 = 0
    public var entries: Int64 = 0
    public var entriesByKind: [String: Int64] = [:]
    public var rejectionsByReason: [String: Int64] = [:]
}
