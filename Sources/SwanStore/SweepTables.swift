import Foundation

/// The tables of a sweep's `sweep.sqlite` (WORKFLOW.md §1) as text, read for `swansim report`.
///
/// Only reading, and only what a report draws: `sweep_meta`, every `runs` row and chosen
/// `run_days` columns. Values come back as the text SQLite holds (atto amounts are TEXT
/// integers, counts INTEGER rendered in base 10), so the caller decides how to read each one.
public struct SweepTables: Sendable {
    /// One `runs` row.
    public struct Run: Sendable, Equatable {
        /// 0-based, in grid order (seeds fastest).
        public var runIndex: Int
        /// The seed, decimal (it may exceed 2^63).
        public var seed: String
        /// This run's `--set` values, canonical JSON.
        public var parametersJSON: String
        /// What `swansim run` would have returned: 0, 1 or 3.
        public var exitCode: Int
        /// The run's head hash.
        public var headHash: String
        /// The run's summary.json, byte for byte.
        public var summaryJSON: String
    }

    /// `sweep_meta`, key to value.
    public var meta: [String: String]
    /// Every `runs` row, by run_index.
    public var runs: [Run]
    /// `run_days` by run_index: one row per day in day order, cells in the requested column order
    /// (nil for SQL NULL).
    public var days: [Int: [[String?]]]

    /// Reads `path` read-only: the meta, the runs, and `dayColumns` of `run_days` (`day` first is
    /// not implied: ask for it). The SQL is `SweepDatabase`'s, the one owner of the format.
    /// - Throws: `StoreError` when the file cannot be opened or lacks a table or column.
    public static func read(path: String, dayColumns: [String]) throws(StoreError) -> SweepTables {
        do throws(SweepStoreError) {
            let database = try SweepDatabase.read(at: path)
            let runs = try database.runs().map { run in
                Run(runIndex: run.runIndex, seed: run.seed, parametersJSON: run.parametersJSON, exitCode: Int(run.exitCode),
                    headHash: run.headHash, summaryJSON: run.summaryJSON)
            }
            return SweepTables(meta: try database.meta(), runs: runs, days: try database.days(columns: dayColumns))
        } catch {
            throw StoreError(error.description)
        }
    }
}
