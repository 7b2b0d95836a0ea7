import SwanCore

/// One row of `network_day` (OUTPUTS.md §2.3). UBI fields are nil for day 0.
public struct NetworkDayRow: Sendable {
    public var day: Int64
    public var cBase: Int128
    /// Σ wcu over active providers at day start, in 10^-19 CU.
    public var cuTotal: Int128
    public var active: Int64, nsc: Int64, suspended: Int64, exited: Int64, removed: Int64
    public var ubiX: Int64?
    public var ubiTDay: Int128?
    public var ubiTTotal: Int128?
    /// rhe(min(T_day, T_total) × 10^9, T_total) in 10^-9 units.
    public var ubiUNano: Int128?
    public var ubiYMilli: Int64?
    public var ubiYEffective: Int128?
    public var ubiPaid: Int128?
    public var ubiEligible: Int64?
    public var ubiPool: Int128?
    public var ubiTasksAssigned: Int64?
    public var ubiTasksFailed: Int64?
    public var slashed: Int128, slashedBacked: Int128, slashedUnbacked: Int128
    public var debtOutstanding: Int128
    public var fees: Int128, taskPayouts: Int128, taskRefunds: Int128
    public var tasksPosted: Int64, tasksAssigned: Int64, tasksCompleted: Int64, tasksFailed: Int64, tasksRefunded: Int64
    public var tasksRunning: Int64
    public var rejections: Int64
    public var entries: Int64
    public var blockHash: String
    /// The market columns of a market run (`DailyColumns.marketNetwork`); empty in version 1.
    public var marketCells: [Cell] = []
}

/// One row of `provider_day` (OUTPUTS.md §2.2).
public struct ProviderDayRow: Sendable {
    public var day: Int64
    public var provider: String
    public var providerIndex: Int
    public var kind: ProviderKind
    public var status: ProviderStatus
    public var cards: Int64
    public var weightedCU: Int128
    public var required: Int128
    public var wallet: Int128, free: Int128, escrow: Int128, debt: Int128
    public var pendingWithdraw: Int128?
    public var ubiAssigned: Int64, ubiFailed: Int64, ubiVoided: Int64
    public var ubiPaid: Int128
    public var slashed: Int128, slashedUnbacked: Int128
    public var tasksAssigned: Int64, tasksCompleted: Int64, tasksFailed: Int64
    public var taskIncome: Int128, taskFees: Int128
    public var busyGPUSeconds: Int64, provisionedGPUSeconds: Int64
    public var ineligibleSeconds: Int64, breachSeconds: Int64
    public var revenueMicroUSD: Int128?, powerMicroUSD: Int128?, slashedMicroUSD: Int128?, netMicroUSD: Int128?
    /// The market columns of a market run (`DailyColumns.marketProvider`); empty in version 1.
    public var marketCells: [Cell] = []
}

/// One row of `providers` (OUTPUTS.md §2).
public struct ProviderRow: Sendable {
    public var provider: String
    public var providerIndex: Int
    public var kind: ProviderKind
    public var cards: [CardGroup]
    public var origin: EntryOrigin
    public var population: String?
    public var registeredTime: Int64
    public var exitTime: Int64?
    public var finalStatus: ProviderStatus
    public var ubiFailureRate: Int128
    public var taskFailureRate: Int128
}

/// One row of `tasks` (OUTPUTS.md §2).
public struct TaskRow: Sendable {
    public var task: String
    public var taskIndex: Int
    public var origin: EntryOrigin
    public var user: String
    public var provider: String?
    public var gpuModel: String?
    public var gpuCount: Int64
    public var durationSeconds: Int64
    public var reward: Int128
    public var collateral: Int128
    public var lock: Int128?
    public var postedTime: Int64
    public var assignedTime: Int64?
    public var endTime: Int64?
    public var settledTime: Int64?
    public var state: String
    public var fee: Int128?
    public var payout: Int128?
    public var slashed: Int128?
    public var refund: Int128?
    /// The columns a market run appends (`RunColumns.marketTasks`); empty in version 1.
    public var marketCells: [Cell] = []
}

/// One row of `jobs` (OUTPUTS-MARKET §2.1).
public struct JobRow: Sendable {
    /// The job's place in `job_assign` order (the table's row order).
    public var ordinal: Int64
    public var task: String
    public var round: Int64, job: Int64
    public var provider: String
    public var model: String
    public var gpuCount: Int64
    public var lock: Int128
    public var weight: Int64
    public var assignedTime: Int64, endTime: Int64, settledTime: Int64?
    public var state: String
    public var slashed: Int128?, unlocked: Int128?, payout: Int128?
    public var leading: Bool
}

/// Everything about one closed day.
public struct DayReport: Sendable {
    public var network: NetworkDayRow
    public var providers: [ProviderDayRow]
    /// Tasks settled this day, by task index: their final `tasks` rows.
    public var settledTasks: [TaskRow]
    /// The jobs of the auction tasks settled this day (market run), in `job_assign` order.
    public var settledJobs: [JobRow] = []
}
