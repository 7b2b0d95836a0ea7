/// A provider as the engine tracks it (RULES.md §4.1, §4.5).
struct ProviderRuntime {
    var spec: ProviderSpec
    var index: Int
    /// Its three accounts in the ledger state.
    var wallet: AccountID
    /// Time of its terminal status entry (RULES-MARKET M4.1 provisioned GPU-seconds).
    var terminalAt: Int64?
    var free: AccountID
    var escrow: AccountID
    /// The cards as model ids, in declared order (task capacity depends on the order).
    var cards: [CardCount]
    var exited = false
    var removed = false
    var strikes: Int64 = 0
    /// Today's UBI tasks, if assigned.
    var ubi: UBIDay?
    /// Running paid tasks: index, the model they run on and their card count.
    var running: [(task: Int, model: ModelID, gpuCount: Int64)] = []
    /// wcu(p) and required(p), cached until a `param` entry changes C_base or a model's CU.
    var weightedCU: Int128 = 0
    var required: Int128 = 0

    var isTerminal: Bool { exited || removed }

    /// Today's UBI assignment (RULES.md §6).
    struct UBIDay {
        var day: Int64
        var n: Int64
        var failing: [Bool]
        var failed: Int64 = 0
        var voided = false
        /// Tasks due at or after this time are void (exit: its time; removal: after the benchmark).
        var voidedFrom: Int64?
    }
}

/// A paid task (RULES.md §7).
struct TaskRuntime {
    enum State { case posted, running, completed, failed, refunded }
    var id: String
    var index: Int
    var account: AccountID
    var user: String
    var userAccount: AccountID
    var reward: Int128
    var durationSeconds: Int64
    var gpuModel: ModelID?
    var gpuCount: Int64
    var collateral: Int128
    var providerKind: ProviderKindFilter
    var state: State = .posted
    var provider: Int?
    var model: ModelID?
    var lock: Int128 = 0
    var end: Int64 = 0
    var fails = false
    var assignedTime: Int64?
    /// Completion or failure time.
    var settledTime: Int64?
    /// The auction of an auction task (RULES-MARKET M5); nil for a v1 task.
    var auction: AuctionRuntime?
}

/// Why a run stopped (OUTPUTS.md §6 exit code 4).
public enum EngineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A value left signed 128 bits (RULES.md §1.2).
    case overflow(String)
    /// The ledger refused an entry (ordering, I12): an engine defect.
    case ledger(LedgerAppendError)
    /// The block sink failed (I/O).
    case sink(String)

    public var description: String {
        switch self {
        case .overflow(let what): "arithmetic overflow: \(what)"
        case .ledger(let error): "ledger: \(error)"
        case .sink(let message): message
        }
    }
}
