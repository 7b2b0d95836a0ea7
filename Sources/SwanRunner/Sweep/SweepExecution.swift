import Foundation
import SwanConcurrency
import SwanCore
import SwanScenario
import SwanStore

/// Where a sweep stands, for the progress line.
public struct SweepProgress: Sendable {
    /// Runs of this invocation's share recorded so far, resumed ones included.
    public var done: Int
    public var total: Int
    /// Runs that were already recorded when this invocation started.
    public var resumed: Int
}

/// Runs a sweep into its directory (WORKFLOW.md §1): opens or resumes `sweep.sqlite`, runs
/// what is not recorded yet on `jobs` threads, then writes the CSV files from the database.
public enum SweepExecution {
    /// The files a sweep writes, and `--force` may replace.
    public static let fileNames = ["sweep.sqlite", "runs.csv", "run_days.csv"]
    /// Those and the side files SQLite gives the database.
    static let ownNames = fileNames + ["sweep.sqlite-wal", "sweep.sqlite-shm", "sweep.sqlite-journal"]

    /// - Parameters:
    ///   - start: called once before the first run, with the share's run count and how many
    ///     are already recorded.
    ///   - progress: called after each run is committed, from the worker that ran it.
    /// - Returns: the exit status: the highest run exit code (3 > 1 > 0).
    public static func run(_ definition: SweepDefinition, directory: String, jobs: Int, force: Bool,
                           start: (SweepProgress) -> Void,
                           progress: @escaping @Sendable (SweepProgress) -> Void) throws(SweepFailure) -> Int32 {
        let (database, recorded, lock) = try open(definition, directory: directory, force: force)
        defer { lock.release() }
        let owned = definition.ownedRuns
        let pending = owned.filter { !recorded.contains($0) }
        let resumed = owned.count - pending.count
        start(SweepProgress(done: resumed, total: owned.count, resumed: resumed))
        try execute(pending, of: definition, into: database, jobs: jobs) { done in
            progress(SweepProgress(done: resumed + done, total: owned.count, resumed: resumed))
        }
        try SweepFiles.write(database, grid: definition.grid, into: directory)
        return try exitCode(database)
    }

    /// The highest exit code among the recorded runs.
    static func exitCode(_ database: SweepDatabase) throws(SweepFailure) -> Int32 {
        do {
            let codes = try database.exitCodes()
            return codes.contains(3) ? 3 : (codes.contains(1) ? 1 : 0)
        } catch {
            throw .io("\(error)")
        }
    }

    /// Opens DIR for this sweep under its lock (WORKFLOW.md §1, §9.1): DIR must be absent,
    /// empty, or hold this same sweep; another sweep, a database that is not a sweep's, or
    /// files of the user are refused unless `force`, which removes the sweep's own files and
    /// nothing else. The lock is held until the caller releases it.
    static func open(_ definition: SweepDefinition, directory: String, force: Bool) throws(SweepFailure)
        -> (SweepDatabase, Set<Int>, OutputLock)
    {
        let ((database, recorded), lock) = try SweepDirectory.locked(directory, command: "sweep") { () throws(SweepFailure) in
            let databasePath = directory + "/sweep.sqlite"
            if force { removeSweepFiles(in: directory) }
            if !force, !OutputPath.exists(databasePath) {
                let others = SweepDirectory.contents(directory)
                if !others.isEmpty {
                    throw SweepFailure.invalid(["swansim sweep: \(directory) holds \(OutputPath.listed(others)) but no sweep.sqlite; "
                        + "choose another --out, or --force to write the sweep's files beside them"])
                }
            }
            do throws(SweepStoreError) {
                return try SweepDatabase.open(at: databasePath, meta: definition.meta)
            } catch {
                switch error {
                case .mismatch(let message): throw SweepFailure.invalid(["swansim sweep: \(message); use --force to start afresh"])
                case .io(let message): throw SweepFailure.io(message)
                }
            }
        }
        return (database, recorded, lock)
    }

    static func removeSweepFiles(in directory: String) {
        for name in ownNames {
            try? FileManager.default.removeItem(atPath: directory + "/" + name)
        }
    }

    /// Runs `pending` on `jobs` threads, each run start to end on one thread (the engine is
    /// pure, so runs share nothing), committing each as it finishes. The first failure stops
    /// the workers from taking more runs; what was committed stays.
    static func execute(_ pending: [Int], of definition: SweepDefinition, into database: SweepDatabase, jobs: Int,
                        finished: @escaping @Sendable (Int) -> Void) throws(SweepFailure) {
        let work = Locked(WorkList(pending: pending[...]))
        let workers = (0..<max(1, min(jobs, pending.count))).map { _ in
            WorkerThread {
                while let index = work.withLock({ $0.next() }) {
                    do throws(SweepFailure) {
                        let record = try runRecord(index, of: definition)
                        do throws(SweepStoreError) { try database.record(record) } catch { throw .io(error.description) }
                        finished(work.withLock { $0.complete() })
                    } catch {
                        work.withLock { $0.fail(error) }
                    }
                }
            }
        }
        for worker in workers { worker.join() }
        if let failure = work.value.failure { throw failure }
    }

    /// Runs one run in memory, exactly as `swansim run --ledger none` would run its edited file.
    static func runRecord(_ index: Int, of definition: SweepDefinition) throws(SweepFailure) -> SweepRunRecord {
        let scenario: Scenario
        do throws(ScenarioErrors) {
            scenario = try definition.load(definition.edit(for: index))
        } catch {
            throw .io("run \(index): the scenario no longer loads: \(error.errors.first.map { "\($0)" } ?? "")")
        }
        let outcome: RunOutcome
        do throws(RunFailure) {
            outcome = try RunPipeline.runInMemory(scenario, scenarioSHA256: definition.scenarioSHA256)
        } catch {
            switch error {
            case .invalid(let lines): throw .io("run \(index): " + lines.joined(separator: "; "))
            case .runtime(let message), .prefixMismatch(let message): throw .io("run \(index): \(message)")
            }
        }
        return SweepRunRecord(runIndex: index, seed: String(scenario.seed), parametersJSON: definition.grid.parametersJSON(index),
                              exitCode: outcome.exitCode, headHash: outcome.headHash, headBlockHash: outcome.headBlockHash,
                              summaryJSON: outcome.summaryJSON, days: outcome.networkDays)
    }
}

/// The runs left to take, shared by the workers (in a `Locked`).
private struct WorkList: Sendable {
    var pending: ArraySlice<Int>
    var completed = 0
    var failure: SweepFailure?

    /// The next run, or nil when none is left or a run failed.
    mutating func next() -> Int? { failure == nil ? pending.popFirst() : nil }

    /// Counts a committed run and returns how many are committed.
    mutating func complete() -> Int {
        completed += 1
        return completed
    }

    /// Keeps the first failure.
    mutating func fail(_ error: SweepFailure) {
        if failure == nil { failure = error }
    }
}
