/// A provider as the engine tracks it (RULES.md §4.1, §4.5).
struct ProviderRuntime {
    var spec: ProviderSpec
    var index: Int
    var status: ProviderStatus = .none
    var exited = false
    var removed = false
    /// nil = −∞.
    var suspendedUntil: Int64?
    var pending: (amount: Int128, due: Int64)?
    var strikes: Int64 = 0
    /// Today's UBI tasks, if assigned.
    var ubi: UBIDay?
    /// Task indices of running paid tasks.
    var running: [Int] = []
    /// Cached per model: cards of that model.
    var isTerminal: Bool { exited || removed }

    /// Today's UBI assignment (RULES.md §6).
    struct UBIDay {
        var day: Int64
        var n: Int64
        var failing: [Bool]
        var failed: Int64 = 0
        var voided = false
    }
}

/// A paid task (RULES.md §7).
struct TaskRuntime {
    enum State: String { case posted, running, completed, failed, refunded }
    var id: String
    var index: Int
    var origin: EntryOrigin
    var user: String
    var reward: Int128
    var durationSeconds: Int64
    var gpuModel: String?
    var gpuCount: Int64
    var collateral: Int128
    var providerKind: ProviderKindFilter
    var state: State = .posted
    var provider: Int?
    var model: String?
    var lock: Int128 = 0
    var end: Int64 = 0
    var fails = false
    var assignedTime: Int64?
    /// Completion or failure time.
    var settledTime: Int64?
}

/// Why a run stopped (OUTPUTS.md §6 exit code 4).
public enum EngineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A value left signed 128 bits (RULES.md §1.2).
    case overflow(String)
    /// The entry sink failed (I/O).
    case sink(String)

    public var description: String {
        switch self {
        case .overflow(let what): "arithmetic overflow: \(what)"
        case .sink(let message): message
        }
    }
}
