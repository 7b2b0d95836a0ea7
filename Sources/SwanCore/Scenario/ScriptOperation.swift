/// One operation of the scenario's `script` (SCENARIO-FORMAT.md §3.7).
public struct ScriptOperation: Equatable, Sendable {
    /// Position in the `script` array: the tie-breaker of the event sort key (RULES.md §2).
    public var index: Int
    public var day: Int64
    public var second: Int64
    public var action: Action

    public init(index: Int, day: Int64, second: Int64, action: Action) {
        self.index = index
        self.day = day
        self.second = second
        self.action = action
    }

    /// The `op` name as written in the scenario.
    public var opName: String { action.opName }

    /// Seconds since genesis: t0(day) + second.
    public var time: Int64 { (day - 1) * 86_400 + second }

    /// Which tasks of a `ubi_outcome` fail.
    public enum FailingSet: Equatable, Sendable {
        case count(Int64)
        case indices([Int64])
    }

    /// How a posted task is assigned.
    public enum Assignment: Equatable, Sendable {
        case provider(String)
        case auto
        case manual
        /// An auction task (RULES-MARKET M5), `swan-scenario/2` only.
        case auction
    }

    /// A scripted `task_post`.
    public struct TaskPost: Equatable, Sendable {
        public var task: String
        public var user: String
        public var rewardAtto: Int128
        public var durationSeconds: Int64
        public var gpuModel: String?
        public var gpuCount: Int64
        public var collateralAtto: Int128
        public var providerKind: ProviderKindFilter
        public var assignment: Assignment
        public init(task: String, user: String, rewardAtto: Int128, durationSeconds: Int64, gpuModel: String?,
                    gpuCount: Int64, collateralAtto: Int128, providerKind: ProviderKindFilter,
                    assignment: Assignment) {
            self.task = task
            self.user = user
            self.rewardAtto = rewardAtto
            self.durationSeconds = durationSeconds
            self.gpuModel = gpuModel
            self.gpuCount = gpuCount
            self.collateralAtto = collateralAtto
            self.providerKind = providerKind
            self.assignment = assignment
        }
    }

    /// What the operation does; one case per `op`.
    public enum Action: Equatable, Sendable {
        case grant(account: String, amountAtto: Int128)
        case register(ProviderSpec)
        case deposit(provider: String, amountAtto: Int128)
        case withdraw(provider: String, amountAtto: Int128)
        case lock(provider: String, amountAtto: Int128)
        case unlock(provider: String, amountAtto: Int128)
        case requestWithdraw(provider: String, amountAtto: Int128)
        case slash(provider: String, amountAtto: Int128, reason: String)
        case confirmWithdraw(provider: String)
        case cancelWithdraw(provider: String)
        case exit(provider: String)
        case oracleSetCU(model: String, cuDeci: Int64)
        case oracleSetCBase(amountAtto: Int128)
        case oracleSetCTotal(amountAtto: Int128)
        case ubiOutcome(provider: String, failing: FailingSet)
        case taskPost(TaskPost)
        case taskAssign(task: String, provider: String?)
        case taskFail(task: String)
        case taskCancel(task: String)
        /// `set_price` (RULES-MARKET M6): a new asking price in atto per GPU-hour, or nil to clear it.
        case setPrice(provider: String, askingPriceAtto: Int128?)
        /// `job_fail` (RULES-MARKET M5.5): fail the provider's running job on an auction task.
        case jobFail(task: String, provider: String)

        public var opName: String {
            switch self {
            case .grant: "grant"
            case .register: "register"
            case .deposit: "deposit"
            case .withdraw: "withdraw"
            case .lock: "lock"
            case .unlock: "unlock"
            case .requestWithdraw: "request_withdraw"
            case .slash: "slash"
            case .confirmWithdraw: "confirm_withdraw"
            case .cancelWithdraw: "cancel_withdraw"
            case .exit: "exit"
            case .oracleSetCU: "oracle_set_cu"
            case .oracleSetCBase: "oracle_set_c_base"
            case .oracleSetCTotal: "oracle_set_c_total"
            case .ubiOutcome: "ubi_outcome"
            case .taskPost: "task_post"
            case .taskAssign: "task_assign"
            case .taskFail: "task_fail"
            case .taskCancel: "task_cancel"
            case .setPrice: "set_price"
            case .jobFail: "job_fail"
            }
        }
    }
}
