import SwanStore

/// The directory rules `sweep` and `sweep-merge` share (WORKFLOW.md §9.1): where a sweep may be
/// written, and what besides its own files a directory holds.
enum SweepDirectory {
    /// Checks DIR as a directory target, makes it when absent, takes its lock and runs `body`
    /// under it. The lock stays held when `body` returns (the caller releases it once everything
    /// is written) and is released when it throws.
    static func locked<Result>(_ directory: String, command: String, _ body: () throws(SweepFailure) -> Result)
        throws(SweepFailure) -> (Result, OutputLock)
    {
        let lock: OutputLock
        do throws(FileRefusal) {
            try OutputPath.checkDirectoryTarget(directory)
            try OutputPath.makeDirectory(directory)
            lock = try OutputLock.acquire(directory)
        } catch {
            throw .invalid(["swansim \(command): \(error)"])
        }
        do {
            return (try body(), lock)
        } catch {
            lock.release()
            throw error
        }
    }

    /// What other swansim tools keep in a sweep directory, which the sweep never writes or
    /// removes: its report (`swansim report`) and the Ray driver's shard cache (`tools/ray_sweep.py`,
    /// which merges its shards into the directory holding them).
    static let companions = ["report.html", "ray-shards"]

    /// The names in DIR other than its companions and what a killed sweep leaves behind (its
    /// lock, a temporary CSV or report): with no sweep.sqlite beside them, even runs.csv and
    /// run_days.csv are not provably the sweep's own.
    static func contents(_ directory: String) -> [String] {
        let own = SweepExecution.ownNames + companions
        return OutputPath.names(in: directory).filter { !companions.contains($0) && !OutputPath.isOwnHiddenFile($0, ownNames: own) }
    }
}
