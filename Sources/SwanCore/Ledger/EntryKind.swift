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
    // The market kinds (RULES-MARKET M10); only a `swan-scenario/2` run has them.
    case marketQuote = "market_quote"
    case reputation
    case priceSet = "price_set"
    case auctionOpen = "auction_open"
    case auctionClose = "auction_close"
    case jobAssign = "job_assign"
    case jobSubmit = "job_submit"
    case jobFail = "job_fail"
    case jobCancel = "job_cancel"
    case auctionComplete = "auction_complete"
    case auctionFail = "auction_fail"

    /// Kinds whose transfers follow the slash procedure (RULES.md §5.3, invariant I3;
    /// RULES-MARKET M10 adds `job_fail`).
    public var isSlashBearing: Bool {
        switch self {
        case .slash, .ubiFail, .benchmarkFail, .taskFail, .jobFail: true
        default: false
        }
    }

    /// A kind of the market extension: never in a version-1 ledger (RULES-MARKET M0).
    public var isMarket: Bool {
        switch self {
        case .marketQuote, .reputation, .priceSet, .auctionOpen, .auctionClose, .jobAssign, .jobSubmit, .jobFail,
             .jobCancel, .auctionComplete, .auctionFail: true
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
    /// `job_fail` of a provider without a running job on the task (RULES-MARKET M10).
    case noJob = "no_job"
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
    // RULES-MARKET M11: checked only in a market run.
    case reputationRange = "reputation_range"
    case quote
    case auctionSelection = "auction_selection"
    case jobLimit = "job_limit"
    case auctionSettlement = "auction_settlement"
    case auctionStates = "auction_states"

    /// `I1` … `I19`.
    public var id: String { "I\((Self.allCases.firstIndex(of: self) ?? 0) + 1)" }

    /// I1 … I13, the invariants of a version-1 run.
    public static let version1: [Invariant] = Array(allCases.prefix(13))

    /// The invariants a run checks: I1 … I13, and I14 … I19 in a market run.
    public static func checked(market: Bool) -> [Invariant] { market ? allCases : version1 }
}
