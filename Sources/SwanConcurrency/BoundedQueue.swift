/// A first-in first-out hand-over between threads holding at most `capacity` items, so memory
/// stays bounded by open work when the consumer is slower.
///
/// The producer pushes and finally closes it; the consumer pops until nil. A consumer that
/// stops early calls `stop()`: pending items are dropped and every later push returns false,
/// so the producer does not wait forever on a queue no one drains.
public final class BoundedQueue<Element: Sendable>: Sendable {
    private struct State {
        /// At most `capacity` items: taking the first moves the few behind it, and keeps no
        /// reference to an item once it is taken.
        var items: [Element] = []
        var closed = false
        var stopped = false
        var count: Int { items.count }
    }

    private let signal = Signal(State())
    public let capacity: Int

    public init(capacity: Int) {
        precondition(capacity > 0, "a queue holds at least one item")
        self.capacity = capacity
    }

    /// Hands an item over, waiting while `capacity` items wait; false once the consumer stopped.
    @discardableResult
    public func push(_ item: Element) -> Bool {
        let capacity = capacity
        return signal.wait(until: { $0.count < capacity || $0.stopped }) { state in
            guard !state.stopped else { return false }
            state.items.append(item)
            return true
        }
    }

    /// The next item, or nil once the queue is closed and empty (or stopped).
    public func pop() -> Element? {
        signal.wait(until: { $0.count > 0 || $0.closed || $0.stopped }) { state in
            guard !state.stopped, state.count > 0 else { return nil }
            return state.items.removeFirst()
        }
    }

    /// No more items will come.
    public func close() {
        signal.locked { $0.closed = true }
    }

    /// The consumer stops: pending items are dropped and pushes return false from now on.
    public func stop() {
        signal.locked { state in
            state.stopped = true
            state.items.removeAll()
        }
    }
}
