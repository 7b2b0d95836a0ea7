/// The normative payload of an entry (RULES.md §12), one case per kind that has fields.
///
/// No floating point exists here: ratios travel as wads, u as the integers T_day and
/// T_total, y as y_milli. The encoder writes the field names of docs/LEDGER-ENCODING.md
/// from a `switch` over this enum, so no field is ever looked up by name.
public enum Payload: Equatable, Sendable {
    /// Kinds without fields: genesis, grant, deposit, withdraw, lock, withdraw_confirm,
    /// withdraw_cancel, task_refund.
    case none
    case register(RegisterTerms)
    case status(StatusChange)
    case unlock(movedAtto: Int128)
    case slash(SlashParts)
    case withdrawRequest(due: Int64)
    case exit(ubiVoided: Int64)
    /// `old`, `new`: atto for C_base/C_total, deci-CU for a model; `cu_total` in 10^-19 CU.
    case param(old: Int128, new: Int128, cuTotal: Int128?)
    case ubiAssign(n: Int64, failing: Int64)
    case ubiFail(j: Int64, SlashParts)
    case benchmarkFail(strike: Int64, SlashParts, suspendedUntil: Int64?)
    case ubiPay(n: Int64, completed: Int64, w: Int128, wTotal: Int128)
    case ubiDay(UBIDayFigures)
    case taskPost(TaskTerms)
    case taskAssign(model: ModelID, end: Int64)
    case taskComplete(feeAtto: Int128, unlockedAtto: Int128)
    case taskFail(SlashParts, unlockedAtto: Int128, refundAtto: Int128)
    case opRejected(OperationName)
    case dayClose(day: Int64)
}

/// The three parts of a slash (RULES.md §5.3): from escrow, from free, and unbacked.
public struct SlashParts: Equatable, Sendable {
    public var fe: Int128
    public var fb: Int128
    public var ub: Int128

    public init(fe: Int128, fb: Int128, ub: Int128) {
        self.fe = fe
        self.fb = fb
        self.ub = ub
    }

    public static let zero = SlashParts(fe: 0, fb: 0, ub: 0)

    public var total: Int128 { fe + fb + ub }

    /// escrow → slashed_funds fe, free → slashed_funds fb, free → slash_debt ub; zeros omitted.
    public func transfers(escrow: AccountID, free: AccountID) -> TransferList {
        var out = TransferList()
        out.appendIfPositive(escrow, .slashedFunds, fe)
        out.appendIfPositive(free, .slashedFunds, fb)
        out.appendIfPositive(free, .slashDebt, ub)
        return out
    }
}

/// A card group as a register entry records it: a catalog model and a count.
public struct CardCount: Equatable, Sendable {
    public var model: ModelID
    public var count: Int64

    public init(model: ModelID, count: Int64) {
        self.model = model
        self.count = count
    }
}

/// The payload of `register`.
public struct RegisterTerms: Equatable, Sendable {
    public var kind: ProviderKind
    public var cards: [CardCount]
    public var ubiFailureRateWad: Int128
    public var taskFailureRateWad: Int128

    public init(kind: ProviderKind, cards: [CardCount], ubiFailureRateWad: Int128, taskFailureRateWad: Int128) {
        self.kind = kind
        self.cards = cards
        self.ubiFailureRateWad = ubiFailureRateWad
        self.taskFailureRateWad = taskFailureRateWad
    }
}

/// The payload of `status`: the change and the figures it was decided on.
public struct StatusChange: Equatable, Sendable {
    public var from: ProviderStatus
    public var to: ProviderStatus
    public var freeAtto: Int128
    public var escrowAtto: Int128
    public var requiredAtto: Int128
    public var causeSeq: Int64?

    public init(from: ProviderStatus, to: ProviderStatus, freeAtto: Int128, escrowAtto: Int128, requiredAtto: Int128,
                causeSeq: Int64?) {
        self.from = from
        self.to = to
        self.freeAtto = freeAtto
        self.escrowAtto = escrowAtto
        self.requiredAtto = requiredAtto
        self.causeSeq = causeSeq
    }
}

/// The payload of `ubi_day` (RULES.md §6.4–§6.5).
public struct UBIDayFigures: Equatable, Sendable {
    public var x: Int64
    public var yMilli: Int64
    public var tDay: Int128
    public var tTotal: Int128
    public var wTotal: Int128
    public var eligible: Int64
    public var paidTotalAtto: Int128

    public init(x: Int64, yMilli: Int64, tDay: Int128, tTotal: Int128, wTotal: Int128, eligible: Int64, paidTotalAtto: Int128) {
        self.x = x
        self.yMilli = yMilli
        self.tDay = tDay
        self.tTotal = tTotal
        self.wTotal = wTotal
        self.eligible = eligible
        self.paidTotalAtto = paidTotalAtto
    }
}

/// How a posted task is to be assigned, as `task_post.assignment` records it.
public enum TaskAssignment: Equatable, Sendable {
    case auto
    case manual
    case provider(String)
}

/// The payload of `task_post`.
public struct TaskTerms: Equatable, Sendable {
    public var durationSeconds: Int64
    /// nil: any model.
    public var gpuModel: ModelID?
    public var gpuCount: Int64
    public var collateralAtto: Int128
    public var providerKind: ProviderKindFilter
    public var assignment: TaskAssignment

    public init(durationSeconds: Int64, gpuModel: ModelID?, gpuCount: Int64, collateralAtto: Int128,
                providerKind: ProviderKindFilter, assignment: TaskAssignment) {
        self.durationSeconds = durationSeconds
        self.gpuModel = gpuModel
        self.gpuCount = gpuCount
        self.collateralAtto = collateralAtto
        self.providerKind = providerKind
        self.assignment = assignment
    }
}

extension Payload {
    /// The slash parts of a slash-bearing kind (RULES.md §5.3, invariant I3).
    public var slashParts: SlashParts? {
        switch self {
        case .slash(let parts), .ubiFail(_, let parts), .benchmarkFail(_, let parts, _), .taskFail(let parts, _, _): parts
        default: nil
        }
    }
}
