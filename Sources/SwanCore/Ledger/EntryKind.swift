/// The kinds of ledger entry (RULES.md §12). The raw value is the stored and hashed name.
public enum EntryKind: String, CaseIterable, Sendable {
    case genesis, grant, register, status, deposit, withdraw, lock, unlock, slash
    case withdrawRequest = "withdraw_request"
    case withdrawConfirm = "withdraw_confirm"
    case withdrawCancel = "withdraw_cancel"
    case exit, param
    case ubiAssign = "ubi_assign"
    case ubiFail = "ubi_fail"
    case benchmarkFail = "benchmark_fail"
    case ubiPay = "ubi_pay"
    case ubiDay = "ubi_day"
    case taskPost = "task_post"
    case taskAssign = "task_assign"
    case taskComplete = "task_complete"
    case taskFail = "task_fail"
    case taskRefund = "task_refund"
    case opRejected = "op_rejected"
    case dayClose = "day_close"

    /// Kinds whose transfers follow the slash procedure (RULES.md §5.3, invariant I3).
    public var isSlashBearing: Bool {
        switch self {
        case .slash, .ubiFail, .benchmarkFail, .taskFail: true
        default: false
        }
    }
}

/// Who caused an entry (RULES.md §3).
public enum EntryOrigin: String, CaseIterable, Sendable {
    case genesis, script, generator, behaviour, engine
}

/// The closed list of rejection reasons (RULES.md §12).
public enum RejectionReason: String, CaseIterable, Sendable {
    case unknownProvider = "unknown_provider"
    case exited
    case notActive = "not_active"
    case kindMismatch = "kind_mismatch"
    case noCapacity = "no_capacity"
    case noProvider = "no_provider"
    case insufficientWallet = "insufficient_wallet"
    case insufficientFree = "insufficient_free"
    case insufficientEscrow = "insufficient_escrow"
    case insufficientUser = "insufficient_user"
    case insufficientReserve = "insufficient_reserve"
    case noRequest = "no_request"
    case tooEarly = "too_early"
    case taskState = "task_state"
    case notAssigned = "not_assigned"
}

/// Provider status (RULES.md §4.5).
public enum ProviderStatus: String, CaseIterable, Sendable {
    case none, active, nsc, suspended, exited, removed

    /// Exited and removed never change again.
    public var isTerminal: Bool { self == .exited || self == .removed }
}

/// The hard invariants of RULES.md §13.1, in report order.
public enum Invariant: String, CaseIterable, Sendable {
    case conservation, sign
    case freeFloor = "free_floor"
    case slashSplit = "slash_split"
    case debtMirror = "debt_mirror"
    case eligibility
    case statusConsistency = "status_consistency"
    case terminal
    case ubiCap = "ubi_cap"
    case withdrawDelay = "withdraw_delay"
    case feeSplit = "fee_split"
    case ordering, chain

    /// `I1` … `I13`.
    public var id: String { "I\((Self.allCases.firstIndex(of: self) ?? 0) + 1)" }
}
