/// A value that is not Sendable, handed to one other thread, which alone uses it until the
/// thread that handed it over has joined that thread (or the value is never used again there).
///
/// `@unchecked Sendable`, justified here once for every use: the compiler cannot see a
/// hand-over in time (a closure passed to a worker and read again only after `join()`, a
/// worker's state owned by its thread), so each use must keep to it, and says so where it is
/// made.
public final class Handoff<Value>: @unchecked Sendable {
    public var value: Value

    public init(_ value: Value) {
        self.value = value
    }
}
