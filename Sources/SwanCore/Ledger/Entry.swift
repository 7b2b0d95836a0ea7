/// A catalog model's dense number: its position in the catalog the run started from.
///
/// Payloads and reasons carry it instead of the model's name; the encoder writes the name.
public typealias ModelID = Int32

/// One movement of value between two accounts (RULES.md §3); the amount is always > 0.
public struct Transfer: Equatable, Sendable {
    public var debit: AccountID
    public var credit: AccountID
    public var amountAtto: Int128

    public init(debit: AccountID, credit: AccountID, amountAtto: Int128) {
        self.debit = debit
        self.credit = credit
        self.amountAtto = amountAtto
    }
}

/// The ordered transfers of one entry, held inline: no entry allocates for its transfers.
///
/// Five is the most any kind moves (`task_fail`: escrow, free and debt parts of the slash,
/// the unlock, the refund).
public struct TransferList: RandomAccessCollection, Equatable, Sendable {
    /// The most transfers one entry can hold.
    public static let capacity = 5
    private var storage: (Transfer, Transfer, Transfer, Transfer, Transfer)
    public private(set) var count: Int = 0

    public init() {
        let empty = Transfer(debit: .genesis, credit: .genesis, amountAtto: 0)
        storage = (empty, empty, empty, empty, empty)
    }

    public init(_ transfers: [Transfer]) {
        self.init()
        for transfer in transfers { append(transfer) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Transfer {
        get {
            precondition(position >= 0 && position < count, "transfer index out of range")
            return withUnsafeBytes(of: storage) { $0.load(fromByteOffset: position * MemoryLayout<Transfer>.stride, as: Transfer.self) }
        }
        set {
            precondition(position >= 0 && position < count, "transfer index out of range")
            withUnsafeMutableBytes(of: &storage) {
                $0.storeBytes(of: newValue, toByteOffset: position * MemoryLayout<Transfer>.stride, as: Transfer.self)
            }
        }
    }

    /// Appends a transfer. Precondition: fewer than `capacity` are held.
    public mutating func append(_ transfer: Transfer) {
        precondition(count < Self.capacity, "an entry holds at most \(Self.capacity) transfers")
        count += 1
        self[count - 1] = transfer
    }

    /// Appends a transfer of `amount` only when it is positive (zero parts are omitted, RULES.md §5.3).
    public mutating func appendIfPositive(_ debit: AccountID, _ credit: AccountID, _ amount: Int128) {
        if amount > 0 { append(Transfer(debit: debit, credit: credit, amountAtto: amount)) }
    }

    public static func == (lhs: TransferList, rhs: TransferList) -> Bool { lhs.elementsEqual(rhs) }
}

/// One ledger entry (RULES.md §3, §12): typed fields, inline transfers, a typed payload.
///
/// `seq` is assigned by the ledger writer when the entry is appended. Provider, task and
/// user are the identifiers as the ledger records them; `providerIndex` is the registered
/// provider they name, filled in by whoever made the entry (engine or decoder) and never
/// encoded.
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
    public var reason: EntryReason?
    public var transfers: TransferList
    public var payload: Payload
    /// Registration index of the provider named by `provider`, −1 when none is registered.
    public var providerIndex: Int32

    public init(seq: Int64 = 0, day: Int64, time: Int64, kind: EntryKind, origin: EntryOrigin,
                scriptIndex: Int64? = nil, provider: String? = nil, providerIndex: Int32 = -1, task: String? = nil,
                user: String? = nil, amountAtto: Int128? = nil, reason: EntryReason? = nil,
                transfers: TransferList = TransferList(), payload: Payload = .none) {
        self.seq = seq
        self.day = day
        self.time = time
        self.kind = kind
        self.origin = origin
        self.scriptIndex = scriptIndex
        self.provider = provider
        self.providerIndex = providerIndex
        self.task = task
        self.user = user
        self.amountAtto = amountAtto
        self.reason = reason
        self.transfers = transfers
        self.payload = payload
    }
}

/// The `reason` of an entry (RULES.md §12), typed by what the kind allows.
public enum EntryReason: Equatable, Sendable {
    /// `op_rejected`: why.
    case rejected(RejectionReason)
    /// `param`: which parameter changed.
    case cBase, cTotal
    case cu(ModelID)
    /// `status`: the kind of the entry that caused the re-evaluation.
    case cause(EntryKind)
    /// `status` at the end of a suspension (RULES.md §9).
    case suspensionEnd
    /// `task_refund`: a posted task cancelled, or one no provider could take.
    case cancelled, noProvider
    /// `auction_open`: round 1 opened by the post; a reset after a round without bidders or a
    /// failed round. `task_refund` of an auction no provider bid on has `noBids` too.
    case post, noBids, failed
    /// A scripted `slash`'s own reason.
    case text(String)
}

/// The names of the operations an `op_rejected` can name (SCENARIO-FORMAT.md §3.7).
public enum OperationName: String, CaseIterable, Sendable {
    case grant, register, deposit, withdraw, lock, unlock, slash, exit
    case requestWithdraw = "request_withdraw"
    case confirmWithdraw = "confirm_withdraw"
    case cancelWithdraw = "cancel_withdraw"
    case oracleSetCU = "oracle_set_cu"
    case oracleSetCBase = "oracle_set_c_base"
    case oracleSetCTotal = "oracle_set_c_total"
    case ubiOutcome = "ubi_outcome"
    case taskPost = "task_post"
    case taskAssign = "task_assign"
    case taskFail = "task_fail"
    case taskCancel = "task_cancel"
    case setPrice = "set_price"
    case jobFail = "job_fail"
}
