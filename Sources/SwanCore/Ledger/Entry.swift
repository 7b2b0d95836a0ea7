/// One movement of value between two accounts (RULES.md §3); the amount is always > 0.
public struct Transfer: Equatable, Sendable {
    public var debit: AccountName
    public var credit: AccountName
    public var amountAtto: Int128

    public init(debit: AccountName, credit: AccountName, amountAtto: Int128) {
        self.debit = debit
        self.credit = credit
        self.amountAtto = amountAtto
    }
}

/// A value of an entry's normative payload (RULES.md §12). No floating point exists here:
/// ratios travel as wads, u as the integers T_day and T_total, y as y_milli.
public enum PayloadValue: Equatable, Sendable {
    case null
    case integer(Int128)
    case text(String)
    case list([PayloadValue])
}

/// A named payload value; names and their order per kind are fixed by `PayloadSchema`.
public struct PayloadField: Equatable, Sendable {
    public var name: String
    public var value: PayloadValue

    public init(_ name: String, _ value: PayloadValue) {
        self.name = name
        self.value = value
    }
}

/// One ledger entry (RULES.md §3, §12): typed fields, ordered transfers, payload.
///
/// `seq` is assigned by `LedgerBuilder` when the entry is appended, so an engine makes
/// entries without knowing their position.
public struct Entry: Equatable, Sendable {
    public var seq: Int64
    public var day: Int64
    public var time: Int64
    public var kind: EntryKind
    public var origin: EntryOrigin
    public var scriptIndex: Int64?
    public var provider: String?
    public var task: String?
    public var user: String?
    public var amountAtto: Int128?
    public var reason: String?
    public var transfers: [Transfer]
    public var payload: [PayloadField]

    public init(seq: Int64 = 0, day: Int64, time: Int64, kind: EntryKind, origin: EntryOrigin,
                scriptIndex: Int64? = nil, provider: String? = nil, task: String? = nil, user: String? = nil,
                amountAtto: Int128? = nil, reason: String? = nil, transfers: [Transfer] = [],
                payload: [PayloadField] = []) {
        self.seq = seq
        self.day = day
        self.time = time
        self.kind = kind
        self.origin = origin
        self.scriptIndex = scriptIndex
        self.provider = provider
        self.task = task
        self.user = user
        self.amountAtto = amountAtto
        self.reason = reason
        self.transfers = transfers
        self.payload = payload
    }

    /// The payload value named `name`, if present.
    public func payloadValue(_ name: String) -> PayloadValue? {
        payload.first { $0.name == name }?.value
    }

    /// The payload integer named `name`, if present and an integer.
    public func payloadInteger(_ name: String) -> Int128? {
        if case .integer(let value) = payloadValue(name) { return value }
        return nil
    }

    /// The payload text named `name`, if present and text.
    public func payloadText(_ name: String) -> String? {
        if case .text(let value) = payloadValue(name) { return value }
        return nil
    }
}

/// The payload field names of each entry kind, in encoding order (docs/LEDGER-ENCODING.md).
///
/// RULES.md §12 fixes the normative values; `benchmark_fail.suspended_until` is added so
/// that the state root can be recomputed from the ledger alone.
public enum PayloadSchema {
    public static func fields(for kind: EntryKind) -> [String] {
        switch kind {
        case .genesis, .grant, .deposit, .withdraw, .lock, .withdrawConfirm, .withdrawCancel, .taskRefund: []
        case .register: ["kind", "cards", "ubi_failure_rate", "task_failure_rate"]
        case .status: ["from", "to", "free", "escrow", "required", "cause_seq"]
        case .unlock: ["moved"]
        case .slash: ["fe", "fb", "ub"]
        case .withdrawRequest: ["due"]
        case .exit: ["ubi_voided"]
        case .param: ["old", "new", "cu_total"]
        case .ubiAssign: ["n", "failing"]
        case .ubiFail: ["j", "fe", "fb", "ub"]
        case .benchmarkFail: ["strike", "fe", "fb", "ub", "suspended_until"]
        case .ubiPay: ["n", "completed", "w", "w_total"]
        case .ubiDay: ["x", "y_milli", "t_day", "t_total", "w_total", "eligible", "paid_total"]
        case .taskPost: ["duration_s", "gpu_model", "gpu_count", "collateral", "provider_kind", "assignment"]
        case .taskAssign: ["model", "end"]
        case .taskComplete: ["fee", "unlocked"]
        case .taskFail: ["fe", "fb", "ub", "unlocked", "refund"]
        case .opRejected: ["op"]
        case .dayClose: ["day"]
        }
    }
}
