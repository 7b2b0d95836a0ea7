import Foundation

/// The blocking half of the family: a condition variable guarding one state value, which
/// `BoundedQueue`, `WorkerThread` and `SerialWorker` wait on. Nothing outside this module
/// waits on a condition.
///
/// `@unchecked Sendable`, justified here once for the module: `state` is read and written only
/// inside `locked` and `wait(until:then:)`, both of which hold `condition`.
final class Signal<State>: @unchecked Sendable {
    private let condition = NSCondition()
    private var state: State

    init(_ state: State) {
        self.state = state
    }

    /// Changes the state under the lock and wakes every waiter.
    func locked<R>(_ body: (inout State) throws -> R) rethrows -> R {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        return try body(&state)
    }

    /// Waits until `ready` holds, then runs `body` under the same lock and wakes every waiter.
    func wait<R>(until ready: (State) -> Bool, then body: (inout State) throws -> R) rethrows -> R {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        while !ready(state) { condition.wait() }
        return try body(&state)
    }
}
