import HeapModule

/// Something the event phase processes, ordered by the sort key of RULES.md §2.
struct EngineEvent: Comparable {
    /// What happens.
    enum Action {
        case script(Int)
        case generated(ScriptOperation.TaskPost)
        case suspensionEnd(provider: Int)
        case exitWithdraw(provider: Int)
        case exitConfirm(provider: Int)
        case taskEnd(task: Int)
        case ubiDue(provider: Int, task: Int64, day: Int64)
        /// The end of an auction round's jobs (RULES-MARKET M2.1: rank 2, k3 = round ≥ 1).
        case roundEnd(task: Int, round: Int64)
        /// The close of an auction round's bidding (rank 6).
        case auctionClose(task: Int, round: Int64)
    }

    var time: Int64
    /// −1 for `suspension_end` (clarification C1: first at its time), 0 script, 1 generated, 2 engine.
    var eventClass: Int8
    var k1: Int64
    var k2: Int64
    var k3: Int64
    var action: Action

    static func < (lhs: EngineEvent, rhs: EngineEvent) -> Bool {
        (lhs.time, lhs.eventClass, lhs.k1, lhs.k2, lhs.k3) < (rhs.time, rhs.eventClass, rhs.k1, rhs.k2, rhs.k3)
    }

    static func == (lhs: EngineEvent, rhs: EngineEvent) -> Bool {
        (lhs.time, lhs.eventClass, lhs.k1, lhs.k2, lhs.k3) == (rhs.time, rhs.eventClass, rhs.k1, rhs.k2, rhs.k3)
    }

    static func script(_ op: ScriptOperation) -> EngineEvent {
        EngineEvent(time: op.time, eventClass: 0, k1: Int64(op.index), k2: 0, k3: 0, action: .script(op.index))
    }

    static func generated(_ post: ScriptOperation.TaskPost, generator: Int, ordinal: Int64, at time: Int64) -> EngineEvent {
        EngineEvent(time: time, eventClass: 1, k1: Int64(generator), k2: ordinal, k3: 0, action: .generated(post))
    }

    static func exitWithdraw(provider: Int, at time: Int64) -> EngineEvent {
        EngineEvent(time: time, eventClass: 2, k1: 4, k2: Int64(provider), k3: 0, action: .exitWithdraw(provider: provider))
    }

    static func exitConfirm(provider: Int, at time: Int64) -> EngineEvent {
        EngineEvent(time: time, eventClass: 2, k1: 5, k2: Int64(provider), k3: 0, action: .exitConfirm(provider: provider))
    }

    static func suspensionEnd(provider: Int, at time: Int64) -> EngineEvent {
        EngineEvent(time: time, eventClass: -1, k1: 1, k2: Int64(provider), k3: 0, action: .suspensionEnd(provider: provider))
    }

    static func taskEnd(task: Int, at time: Int64) -> EngineEvent {
        EngineEvent(time: time, eventClass: 2, k1: 2, k2: Int64(task), k3: 0, action: .taskEnd(task: task))
    }

    static func roundEnd(task: Int, round: Int64, at time: Int64) -> EngineEvent {
        EngineEvent(time: time, eventClass: 2, k1: 2, k2: Int64(task), k3: round, action: .roundEnd(task: task, round: round))
    }

    static func auctionClose(task: Int, round: Int64, at time: Int64) -> EngineEvent {
        EngineEvent(time: time, eventClass: 2, k1: 6, k2: Int64(task), k3: round, action: .auctionClose(task: task, round: round))
    }

    static func ubiDue(provider: Int, task: Int64, day: Int64, at time: Int64) -> EngineEvent {
        EngineEvent(time: time, eventClass: 2, k1: 3, k2: Int64(provider), k3: task,
                    action: .ubiDue(provider: provider, task: task, day: day))
    }
}

/// The pending events, least first: a thin wrapper over swift-collections' `Heap`. Keys are
/// unique, so the order is total and deterministic.
struct EventQueue {
    private var heap = Heap<EngineEvent>()

    var isEmpty: Bool { heap.isEmpty }
    var first: EngineEvent? { heap.min }

    mutating func push(_ event: EngineEvent) {
        heap.insert(event)
    }

    mutating func pop() -> EngineEvent? {
        heap.popMin()
    }
}
