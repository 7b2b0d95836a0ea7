import Foundation
import GRDB
import SwanCore
import SwanTables

/// One finished run of a sweep, as `runs` and `run_days` hold it (WORKFLOW.md §1).
public struct SweepRunRecord: Sendable {
    public var runIndex: Int
    /// Decimal: a seed may exceed 2^63.
    public var seed: String
    public var parametersJSON: String
    public var exitCode: Int32
    public var headHash: String
    public var headBlockHash: String
    public var summaryJSON: String
    /// The run's network_day rows, cells in `DailyColumns.network` order.
    public var days: [[Cell]]

    public init(runIndex: Int, seed: String, parametersJSON: String, exitCode: Int32, headHash: String,
                headBlockHash: String, summaryJSON: String, days: [[Cell]]) {
        (self.runIndex, self.seed, self.parametersJSON, self.exitCode) = (runIndex, seed, parametersJSON, exitCode)
        (self.headHash, self.headBlockHash, self.summaryJSON, self.days) = (headHash, headBlockHash, summaryJSON, days)
    }
}

/// A stored `runs` row, read back for the CSV files, the exit status and reports.
public struct StoredSweepRun: Sendable, Equatable {
    public var runIndex: Int
    public var seed: String
    public var parametersJSON: String
    public var exitCode: Int32
    public var headHash: String
    public var headBlockHash: String
    public var summaryJSON: String
}

/// `sweep.sqlite` (WORKFLOW.md §1): the sweep's identity in `sweep_meta`, one `runs` row and
/// its `run_days` rows per finished run.
///
/// Each run is committed in one transaction, so after a `kill -9` the file holds whole runs
/// only and the same command continues with the rest. Workers of `--jobs` record from their
/// own threads; the queue serialises the writes.
public final class SweepDatabase: Sendable {
    /// The `sweep_meta` keys that identify a sweep, in the order a mismatch is reported.
    public static let identityKeys = ["format", "scenario_name", "scenario_sha256", "grid_json", "seeds", "runs", "shard",
                                      "rules_version", "engine", "scenario_source"]

    let queue: DatabaseQueue
    public let path: String

    private init(queue: DatabaseQueue, path: String) {
        self.queue = queue
        self.path = path
    }

    /// The DDL: `run_days` holds every network_day column, same names and types, after `run_index`.
    static var statements: [String] {
        return [
            "CREATE TABLE sweep_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            """
            CREATE TABLE runs (
              run_index       INTEGER PRIMARY KEY,
              seed            TEXT    NOT NULL,
              params_json     TEXT    NOT NULL,
              exit_code       INTEGER NOT NULL,
              head_hash       TEXT    NOT NULL,
              head_block_hash TEXT    NOT NULL,
              summary_json    TEXT    NOT NULL
            )
            """,
            Schema.createTable("run_days", DailyColumns.networkSpec, primaryKey: ["run_index", "day"],
                               prefix: ["run_index INTEGER NOT NULL REFERENCES runs(run_index)"]),
        ]
    }

    /// Opens `path` for the sweep `meta`: creates it when absent (or when it holds no table,
    /// as a file interrupted before its first commit does), and otherwise checks, before opening
    /// it for writing, that it holds the same sweep. Returns the database and the run indices
    /// already recorded.
    /// - Throws: `.mismatch` when the file holds another sweep or no sweep (the caller refuses, exit 2).
    public static func open(at path: String, meta: [(key: String, value: String)]) throws(SweepStoreError)
        -> (SweepDatabase, recorded: Set<Int>)
    {
        do throws(FileRefusal) { try RegularFile.requireSideFiles(path) } catch { throw .mismatch(error.description) }
        if let stored = try identify(at: path) {
            for pair in meta where stored[pair.key] != pair.value {
                let found = stored[pair.key].map { VerificationFailure.shown(jsonQuoted($0)) } ?? "absent"
                throw .mismatch("\(path) holds a different sweep (\(pair.key) is \(found), this sweep's is "
                    + "\(VerificationFailure.shown(jsonQuoted(pair.value))))")
            }
        }
        var configuration = Configuration()
        // A reader (pandas, a report, the resume test's poller) may hold the file for a moment.
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let recorded = try queue.write { db throws -> Set<Int> in
                guard try db.tableExists("sweep_meta") else {
                    guard try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") == 0 else {
                        throw SweepStoreError.mismatch("\(path) is an SQLite file but not a sweep database")
                    }
                    for statement in statements { try db.execute(sql: statement) }
                    for pair in meta { try db.execute(sql: "INSERT INTO sweep_meta (key, value) VALUES (?, ?)", arguments: [pair.key, pair.value]) }
                    return []
                }
                // identify compared sweep_meta before the file was opened for writing.
                return Set(try Int.fetchAll(db, sql: "SELECT run_index FROM runs"))
            }
            return (SweepDatabase(queue: queue, path: path), recorded)
        } catch let error as SweepStoreError {
            throw error
        } catch {
            throw .io("cannot open \(path): \(error)")
        }
    }

    /// Opens an existing sweep database read-only (merging, reports).
    public static func read(at path: String) throws(SweepStoreError) -> SweepDatabase {
        do {
            let queue = try readOnlyQueue(path)
            let missing = try queue.read { db in try ["sweep_meta", "runs", "run_days"].first { try !db.tableExists($0) } }
            if let missing { throw SweepStoreError.mismatch("\(path): no table \(missing) (not a swan-sweep/1 database)") }
            return SweepDatabase(queue: queue, path: path)
        } catch let error as SweepStoreError {
            throw error
        } catch {
            throw .io("cannot open \(path): \(error)")
        }
    }

    /// Commits one run: its `runs` row and its `run_days` rows in one transaction.
    public func record(_ run: SweepRunRecord) throws(SweepStoreError) {
        do {
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO runs (run_index, seed, params_json, exit_code, head_hash, head_block_hash, summary_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [run.runIndex, run.seed, run.parametersJSON, Int(run.exitCode), run.headHash,
                                     run.headBlockHash, run.summaryJSON])
                let insert = try db.cachedStatement(sql: Self.insertDay)
                for day in run.days {
                    try insert.execute(arguments: StatementArguments([run.runIndex.databaseValue] + day.map(\.sweepValue)))
                }
            }
        } catch {
            throw .io("cannot record run \(run.runIndex) in \(path): \(error)")
        }
    }

    private static let insertDay = "INSERT INTO run_days (run_index, " + DailyColumns.network.joined(separator: ", ") + ") VALUES ("
        + Array(repeating: "?", count: DailyColumns.network.count + 1).joined(separator: ",") + ")"

    /// The `sweep_meta` rows, by key.
    public func meta() throws(SweepStoreError) -> [String: String] {
        do {
            return try queue.read { db in
                Dictionary(try Row.fetchAll(db, sql: "SELECT key, value FROM sweep_meta").map { ($0[0] as String, $0[1] as String) },
                           uniquingKeysWith: { first, _ in first })
            }
        } catch {
            throw .io("cannot read \(path): \(error)")
        }
    }

    /// Every `runs` row in run_index order.
    public func runs() throws(SweepStoreError) -> [StoredSweepRun] {
        do {
            return try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT run_index, seed, params_json, exit_code, head_hash, head_block_hash, summary_json FROM runs ORDER BY run_index")
                    .map { row in
                        StoredSweepRun(runIndex: row[0], seed: row[1], parametersJSON: row[2], exitCode: Int32(row[3] as Int),
                                       headHash: row[4], headBlockHash: row[5], summaryJSON: row[6])
                    }
            }
        } catch {
            throw .io("cannot read \(path): \(error)")
        }
    }

    /// A stored value of `run_days`: the storage classes network_day uses.
    public enum Value: Sendable, Equatable {
        case null
        case integer(Int64)
        case text(String)
    }

    /// Visits every `run_days` row in (run_index, day) order: run_index, then the network_day
    /// values as stored.
    public func forEachDay(_ visit: (Int, [Value]) throws -> Void) throws(SweepStoreError) {
        do {
            try queue.read { db in
                let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM run_days ORDER BY run_index, day")
                while let row = try cursor.next() {
                    let values = row.databaseValues.dropFirst().map { value -> Value in
                        switch value.storage {
                        case .int64(let number): .integer(number)
                        case .string(let text): .text(text)
                        case .double(let number): .text(String(number))
                        case .blob(let data): .text(String(decoding: data, as: UTF8.self))
                        case .null: .null
                        }
                    }
                    try visit(row[0], Array(values))
                }
            }
        } catch let error as SweepStoreError {
            throw error
        } catch {
            throw .io("cannot read \(path): \(error)")
        }
    }

    /// Chosen `run_days` columns by run_index, one row per day in day order, each cell as text
    /// (INTEGER in base 10, TEXT as stored, nil for NULL): what a report draws.
    /// - Throws: `.mismatch` naming a column the table does not have.
    public func days(columns: [String]) throws(SweepStoreError) -> [Int: [[String?]]] {
        do {
            return try queue.read { db in
                let present = Set(try db.columns(in: "run_days").map(\.name))
                if let missing = columns.first(where: { !present.contains($0) }) {
                    throw SweepStoreError.mismatch("\(path): run_days has no column \(missing)")
                }
                let quoted = columns.map { "\"" + $0 + "\"" }.joined(separator: ", ")
                var days: [Int: [[String?]]] = [:]
                let cursor = try Row.fetchCursor(db, sql: "SELECT run_index, \(quoted) FROM run_days ORDER BY run_index, day")
                while let row = try cursor.next() {
                    days[row[0], default: []].append(columns.indices.map { Self.text(row[$0 + 1]) })
                }
                return days
            }
        } catch let error as SweepStoreError {
            throw error
        } catch {
            throw .io("cannot read \(path): \(error)")
        }
    }

    private static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: nil
        case .int64(let integer): String(integer)
        case .double(let double): "\(double)"
        case .string(let string): string
        case .blob(let data): String(decoding: data, as: UTF8.self)
        }
    }

    /// Copies every run of `source` into this database, each in its own transaction, rows unchanged.
    /// - Parameter only: the run indices to copy.
    public func copyRuns(from source: SweepDatabase, only: Set<Int>) throws(SweepStoreError) {
        do {
            try source.queue.read { from in
                let runs = try Row.fetchCursor(from, sql: "SELECT * FROM runs ORDER BY run_index")
                while let run = try runs.next() {
                    let index: Int = run[0]
                    guard only.contains(index) else { continue }
                    let days = try Row.fetchAll(from, sql: "SELECT * FROM run_days WHERE run_index = ? ORDER BY day", arguments: [index])
                    try queue.write { db in
                        try db.execute(sql: "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?)", arguments: StatementArguments(run.databaseValues))
                        let insert = try db.cachedStatement(sql: Self.insertDay)
                        for day in days { try insert.execute(arguments: StatementArguments(day.databaseValues)) }
                    }
                }
            }
        } catch {
            throw .io("cannot merge \(source.path) into \(path): \(error)")
        }
    }

    /// The distinct exit codes of the recorded runs (without reading their summaries).
    public func exitCodes() throws(SweepStoreError) -> Set<Int32> {
        do {
            return Set(try queue.read { try Int.fetchAll($0, sql: "SELECT DISTINCT exit_code FROM runs") }.map { Int32($0) })
        } catch {
            throw .io("cannot read \(path): \(error)")
        }
    }

    /// The run indices recorded.
    public func recordedIndices() throws(SweepStoreError) -> [Int] {
        do {
            return try queue.read { try Int.fetchAll($0, sql: "SELECT run_index FROM runs ORDER BY run_index") }
        } catch {
            throw .io("cannot read \(path): \(error)")
        }
    }
}

/// Why a sweep database could not be used.
public enum SweepStoreError: Error, Sendable, CustomStringConvertible {
    /// The file holds another sweep, or is not a sweep database: refused (exit 2).
    case mismatch(String)
    /// SQLite or the file system failed (exit 4); what was committed stays valid.
    case io(String)

    public var description: String {
        switch self {
        case .mismatch(let message), .io(let message): message
        }
    }
}

extension Cell {
    /// The SQLite value, as `network_day` stores it (OUTPUTS.md §2.3): the one mapping of
    /// `CellSink.put`, taken as a GRDB value for the sweep's bound arguments.
    var sweepValue: DatabaseValue {
        var sink = DatabaseValueSink()
        sink.put(self)
        return sink.value
    }
}

/// One cell as a GRDB `DatabaseValue`.
private struct DatabaseValueSink: CellSink {
    var value: DatabaseValue = .null

    mutating func int(_ number: Int64) { value = number.databaseValue }

    mutating func decimal(_ number: Int128, scaleDigits: Int) {
        var bytes: [UInt8] = []
        DecimalText.append(number, scaleDigits: scaleDigits, to: &bytes)
        value = String(decoding: bytes, as: UTF8.self).databaseValue
    }

    mutating func text(_ string: String) { value = string.databaseValue }
    mutating func text(bytes: UnsafeRawBufferPointer) { value = String(decoding: bytes, as: UTF8.self).databaseValue }
    mutating func real(_ number: Double) { value = number.databaseValue }
    mutating func null() { value = .null }
}
