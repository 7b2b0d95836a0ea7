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

    public init(day: Int64, cBase: Int128, cuTotal: Int128, active: Int64, nsc: Int64, suspended: Int64,
                exited: Int64, removed: Int64, ubiX: Int64?, ubiTDay: Int128?, ubiTTotal: Int128?, ubiUNano: Int128?,
                ubiYMilli: Int64?, ubiYEffective: Int128?, ubiPaid: Int128?, ubiEligible: Int64?, ubiPool: Int128?,
                ubiTasksAssigned: Int64?, ubiTasksFailed: Int64?, slashed: Int128, slashedBacked: Int128,
                slashedUnbacked: Int128, debtOutstanding: Int128, fees: Int128, taskPayouts: Int128,
                taskRefunds: Int128, tasksPosted: Int64, tasksAssigned: Int64, tasksCompleted: Int64,
                tasksFailed: Int64, tasksRefunded: Int64, tasksRunning: Int64, rejections: Int64, entries: Int64,
                blockHash: String, marketCells: [Cell] = []) {
        self.day = day
        self.cBase = cBase
        self.cuTotal = cuTotal
        self.active = active
        self.nsc = nsc
        self.suspended = suspended
        self.exited = exited
        self.removed = removed
        self.ubiX = ubiX
        self.ubiTDay = ubiTDay
        self.ubiTTotal = ubiTTotal
        self.ubiUNano = ubiUNano
        self.ubiYMilli = ubiYMilli
        self.ubiYEffective = ubiYEffective
        self.ubiPaid = ubiPaid
        self.ubiEligible = ubiEligible
        self.ubiPool = ubiPool
        self.ubiTasksAssigned = ubiTasksAssigned
        self.ubiTasksFailed = ubiTasksFailed
        self.slashed = slashed
        self.slashedBacked = slashedBacked
        self.slashedUnbacked = slashedUnbacked
        self.debtOutstanding = debtOutstanding
        self.fees = fees
        self.taskPayouts = taskPayouts
        self.taskRefunds = taskRefunds
        self.tasksPosted = tasksPosted
        self.tasksAssigned = tasksAssigned
        self.tasksCompleted = tasksCompleted
        self.tasksFailed = tasksFailed
        self.tasksRefunded = tasksRefunded
        self.tasksRunning = tasksRunning
        self.rejections = rejections
        self.entries = entries
        self.blockHash = blockHash
        self.marketCells = marketCells
    }
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

    public init(day: Int64, provider: String, providerIndex: Int, kind: ProviderKind, status: ProviderStatus,
                cards: Int64, weightedCU: Int128, required: Int128, wallet: Int128, free: Int128, escrow: Int128,
                debt: Int128, pendingWithdraw: Int128?, ubiAssigned: Int64, ubiFailed: Int64, ubiVoided: Int64,
                ubiPaid: Int128, slashed: Int128, slashedUnbacked: Int128, tasksAssigned: Int64,
                tasksCompleted: Int64, tasksFailed: Int64, taskIncome: Int128, taskFees: Int128,
                busyGPUSeconds: Int64, provisionedGPUSeconds: Int64, ineligibleSeconds: Int64, breachSeconds: Int64,
                revenueMicroUSD: Int128?, powerMicroUSD: Int128?, slashedMicroUSD: Int128?, netMicroUSD: Int128?,
                marketCells: [Cell] = []) {
        self.day = day
        self.provider = provider
        self.providerIndex = providerIndex
        self.kind = kind
        self.status = status
        self.cards = cards
        self.weightedCU = weightedCU
        self.required = required
        self.wallet = wallet
        self.free = free
        self.escrow = escrow
        self.debt = debt
        self.pendingWithdraw = pendingWithdraw
        self.ubiAssigned = ubiAssigned
        self.ubiFailed = ubiFailed
        self.ubiVoided = ubiVoided
        self.ubiPaid = ubiPaid
        self.slashed = slashed
        self.slashedUnbacked = slashedUnbacked
        self.tasksAssigned = tasksAssigned
        self.tasksCompleted = tasksCompleted
        self.tasksFailed = tasksFailed
        self.taskIncome = taskIncome
        self.taskFees = taskFees
        self.busyGPUSeconds = busyGPUSeconds
        self.provisionedGPUSeconds = provisionedGPUSeconds
        self.ineligibleSeconds = ineligibleSeconds
        self.breachSeconds = breachSeconds
        self.revenueMicroUSD = revenueMicroUSD
        self.powerMicroUSD = powerMicroUSD
        self.slashedMicroUSD = slashedMicroUSD
        self.netMicroUSD = netMicroUSD
        self.marketCells = marketCells
    }
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

    public init(provider: String, providerIndex: Int, kind: ProviderKind, cards: [CardGroup], origin: EntryOrigin,
                population: String?, registeredTime: Int64, exitTime: Int64?, finalStatus: ProviderStatus,
                ubiFailureRate: Int128, taskFailureRate: Int128) {
        self.provider = provider
        self.providerIndex = providerIndex
        self.kind = kind
        self.cards = cards
        self.origin = origin
        self.population = population
        self.registeredTime = registeredTime
        self.exitTime = exitTime
        self.finalStatus = finalStatus
        self.ubiFailureRate = ubiFailureRate
        self.taskFailureRate = taskFailureRate
    }
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

    public init(task: String, taskIndex: Int, origin: EntryOrigin, user: String, provider: String?, gpuModel: String?,
                gpuCount: Int64, durationSeconds: Int64, reward: Int128, collateral: Int128, lock: Int128?,
                postedTime: Int64, assignedTime: Int64?, endTime: Int64?, settledTime: Int64?, state: String,
                fee: Int128?, payout: Int128?, slashed: Int128?, refund: Int128?, marketCells: [Cell] = []) {
        self.task = task
        self.taskIndex = taskIndex
        self.origin = origin
        self.user = user
        self.provider = provider
        self.gpuModel = gpuModel
        self.gpuCount = gpuCount
        self.durationSeconds = durationSeconds
        self.reward = reward
        self.collateral = collateral
        self.lock = lock
        self.postedTime = postedTime
        self.assignedTime = assignedTime
        self.endTime = endTime
        self.settledTime = settledTime
        self.state = state
        self.fee = fee
        self.payout = payout
        self.slashed = slashed
        self.refund = refund
        self.marketCells = marketCells
    }
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

    public init(ordinal: Int64, task: String, round: Int64, job: Int64, provider: String, model: String,
                gpuCount: Int64, lock: Int128, weight: Int64, assignedTime: Int64, endTime: Int64,
                settledTime: Int64?, state: String, slashed: Int128?, unlocked: Int128?, payout: Int128?,
                leading: Bool) {
        self.ordinal = ordinal
        self.task = task
        self.round = round
        self.job = job
        self.provider = provider
        self.model = model
        self.gpuCount = gpuCount
        self.lock = lock
        self.weight = weight
        self.assignedTime = assignedTime
        self.endTime = endTime
        self.settledTime = settledTime
        self.state = state
        self.slashed = slashed
        self.unlocked = unlocked
        self.payout = payout
        self.leading = leading
    }
}

/// Everything about one closed day.
public struct DayReport: Sendable {
    public var network: NetworkDayRow
    public var providers: [ProviderDayRow]
    /// Tasks settled this day, by task index: their final `tasks` rows.
    public var settledTasks: [TaskRow]
    /// The jobs of the auction tasks settled this day (market run), in `job_assign` order.
    public var settledJobs: [JobRow] = []

    public init(network: NetworkDayRow, providers: [ProviderDayRow], settledTasks: [TaskRow],
                settledJobs: [JobRow] = []) {
        self.network = network
        self.providers = providers
        self.settledTasks = settledTasks
        self.settledJobs = settledJobs
    }
}
