import Synchronization

/// A value shared between threads, read and written only while its lock is held.
///
/// The one way threads of swansim share mutable state besides `BoundedQueue`, `WorkerThread`
/// and `SerialWorker` (docs/ARCHITECTURE.md "Concurrency"): a `Mutex` in a class, so it can be
/// captured by several closures. Sendable without `@unchecked`: `Mutex` is.
public final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    public init(_ value: Value) {
        mutex = Mutex(value)
    }

    /// Runs `body` with the value while holding the lock.
    public func withLock<Result: Sendable, E: Error>(_ body: (inout Value) throws(E) -> Result) throws(E) -> Result {
        try mutex.withLock { (value: inout sending Value) throws(E) -> sending Result in try body(&value) }
    }

    /// A copy of the value, read under the lock.
    public var value: Value { withLock { $0 } }
}
