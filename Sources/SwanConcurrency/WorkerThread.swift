import Foundation

/// A thread of its own that runs one closure and can be joined.
///
/// swansim starts threads only through this type (never `Thread` or a dispatch queue
/// elsewhere): a stage of a run's pipeline, a sweep's worker, an integrity check beside a
/// verification. The stack is 8 MiB, as the engine's recursion-free but large frames want.
public final class WorkerThread: Sendable {
    private let finished = Signal(false)

    /// Starts `body` on a new thread at once.
    public init(stackSize: Int = 8 << 20, _ body: @escaping @Sendable () -> Void) {
        let finished = finished
        let thread = Thread {
            body()
            finished.locked { $0 = true }
        }
        thread.stackSize = stackSize
        thread.start()
    }

    /// Waits until the closure has returned. Joining twice is allowed.
    public func join() {
        finished.wait(until: { $0 }) { _ in }
    }
}
