import Foundation
import GRDB

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
    /// not implied: ask for it).
    /// - Throws: `StoreError` when the file cannot be opened or lacks a table or column.
    public static func read(path: String, dayColumns: [String]) throws(StoreError) -> SweepTables {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError("\(path): no such file") }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return try queue.read { db in try read(db, path: path, dayColumns: dayColumns) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("cannot read \(path)", wrapping: error)
        }
    }

    private static func read(_ db: Database, path: String, dayColumns: [String]) throws -> SweepTables {
        for table in ["sweep_meta", "runs", "run_days"] where try !db.tableExists(table) {
            throw StoreError("\(path): no table \(table) (not a swan-sweep/1 database)")
        }
        let present = Set(try db.columns(in: "run_days").map(\.name))
        if let missing = (dayColumns + ["run_index", "day"]).first(where: { !present.contains($0) }) {
            throw StoreError("\(path): run_days has no column \(missing)")
        }
        var meta: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM sweep_meta") {
            meta[text(row[0] as DatabaseValue) ?? ""] = text(row[1] as DatabaseValue) ?? ""
        }
        let runs = try Row.fetchAll(db, sql: """
            SELECT run_index, seed, params_json, exit_code, head_hash, summary_json FROM runs ORDER BY run_index
            """).map { row in
            Run(runIndex: row[0] as Int? ?? -1, seed: text(row[1] as DatabaseValue) ?? "",
                parametersJSON: text(row[2] as DatabaseValue) ?? "", exitCode: row[3] as Int? ?? -1,
                headHash: text(row[4] as DatabaseValue) ?? "", summaryJSON: text(row[5] as DatabaseValue) ?? "")
        }
        let quoted = dayColumns.map { "\"" + $0 + "\"" }.joined(separator: ", ")
        var days: [Int: [[String?]]] = [:]
        let cursor = try Row.fetchCursor(db, sql: "SELECT run_index, \(quoted) FROM run_days ORDER BY run_index, day")
        while let row = try cursor.next() {
            let runIndex = row[0] as Int? ?? -1
            days[runIndex, default: []].append(dayColumns.indices.map { text(row[$0 + 1] as DatabaseValue) })
        }
        return SweepTables(meta: meta, runs: runs, days: days)
    }

    /// A cell as text: TEXT as stored, INTEGER in base 10, REAL as SQLite prints it, NULL as nil.
    private static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: nil
        case .int64(let integer): String(integer)
        case .double(let double): "\(double)"
        case .string(let string): string
        case .blob(let data): String(decoding: data, as: UTF8.self)
        }
    }
}
