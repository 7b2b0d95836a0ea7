/// A thread that owns a mutable `State` and runs the work sent to it one piece at a time, in
/// order: the state is touched only on that thread, so it needs no lock and need not be
/// Sendable. `swansim verify` compares its derived tables and output files this way, a few
/// days behind the chain (at most `capacity` pieces wait).
public final class SerialWorker<State>: Sendable {
    /// One piece of work, with the state it may change: run once, on the worker's thread.
    private typealias Job = Handoff<(inout State) -> Void>

    private let queue: BoundedQueue<Job>
    private let thread: WorkerThread

    /// Starts the worker, which takes ownership of `state`.
    public init(capacity: Int, state: sending State) {
        let queue = BoundedQueue<Job>(capacity: capacity)
        self.queue = queue
        // The worker's thread alone touches the state from now on.
        let owned = Handoff(state)
        thread = WorkerThread {
            while let job = queue.pop() { job.value(&owned.value) }
        }
    }

    /// Queues `work`, waiting while `capacity` pieces wait.
    public func async(_ work: @escaping (inout State) -> Void) {
        queue.push(Job(work))
    }

    /// Runs `work` after everything queued before it and returns its result.
    public func sync<R: Sendable>(_ work: @escaping (inout State) -> R) -> R {
        let result = Locked<R?>(nil)
        let done = Signal(false)
        queue.push(Job { state in
            let value = work(&state)
            result.withLock { $0 = value }
            done.locked { $0 = true }
        })
        done.wait(until: { $0 }) { _ in }
        return result.withLock { $0 }!
    }

    /// Finishes the queued work and ends the thread.
    public func close() {
        queue.close()
        thread.join()
    }

    deinit {
        queue.close()
    }

}
