import Foundation
import GRDB
import SwanCore
import SwanTables

/// What a sweep database holds, read without writing to it: whether a file is a sweep of this
/// sweep at all (before `open` writes), and whether a shard's run is what re-executing it gives
/// (`sweep-merge --check`, WORKFLOW.md §9.4).
extension SweepDatabase {
    /// What the file at `path` holds, read without writing to it (WORKFLOW.md §9.1: a database
    /// swansim did not write is never opened for writing, not even to change its journal mode).
    /// - Returns: nil when there is no file, or a file with no table at all (a sweep killed
    ///   before its first commit); else its `sweep_meta` by key.
    /// - Throws: `.mismatch` when the file is not a sweep database.
    public static func identify(at path: String) throws(SweepStoreError) -> [String: String]? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        do {
            let queue = try readOnlyQueue(path)
            defer { try? queue.close() }
            return try queue.read { db throws -> [String: String]? in
                guard try db.tableExists("sweep_meta") else {
                    guard try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") == 0, SQLiteFile.isOwnFreshStart(path) else {
                        throw SweepStoreError.mismatch("\(path) is an SQLite file but not a sweep database; nothing in it was touched")
                    }
                    return nil
                }
                return Dictionary(try Row.fetchAll(db, sql: "SELECT key, value FROM sweep_meta").map {
                    (String($0[0] as String? ?? ""), String($0[1] as String? ?? ""))
                }, uniquingKeysWith: { first, _ in first })
            }
        } catch let error as SweepStoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode.primaryResultCode == .SQLITE_NOTADB {
            throw .mismatch("\(path) is not a sweep database (not an SQLite database); nothing in it was touched")
        } catch {
            throw .io("cannot read \(path): \(error)")
        }
    }

    /// A read-only connection to the regular file at `path` (a FIFO is refused before SQLite opens it).
    static func readOnlyQueue(_ path: String) throws -> DatabaseQueue {
        do throws(FileRefusal) { try RegularFile.requireDatabase(path) } catch { throw SweepStoreError.mismatch(error.description) }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// The first place where the stored run `record.runIndex` differs from `record` (its
    /// re-execution): `runs.<column>` or `run_days.<column> (day d)`, with both values; nil when
    /// its `runs` row and every `run_days` row are the same, value and storage class alike.
    public func difference(from record: SweepRunRecord) throws(SweepStoreError) -> StoredRunDifference? {
        let runColumns = ["run_index", "seed", "params_json", "exit_code", "head_hash", "head_block_hash", "summary_json"]
        let expectedRun: [DatabaseValue] = [record.runIndex.databaseValue, record.seed.databaseValue,
                                            record.parametersJSON.databaseValue, Int(record.exitCode).databaseValue,
                                            record.headHash.databaseValue, record.headBlockHash.databaseValue,
                                            record.summaryJSON.databaseValue]
        func text(_ value: DatabaseValue) -> String { String.fromDatabaseValue(value) ?? value.description }
        do {
            return try queue.read { db -> StoredRunDifference? in
                let sql = "SELECT " + runColumns.joined(separator: ", ") + " FROM runs WHERE run_index = ?"
                guard let row = try Row.fetchOne(db, sql: sql, arguments: [record.runIndex]) else {
                    return StoredRunDifference(place: "runs", stored: "no row", reExecuted: "a row")
                }
                let stored = Array(row.databaseValues)
                for (index, column) in runColumns.enumerated() where !Self.same(stored[index], expectedRun[index]) {
                    return StoredRunDifference(place: "runs.\(column)", stored: text(stored[index]), reExecuted: text(expectedRun[index]))
                }
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM run_days WHERE run_index = ? ORDER BY day", arguments: [record.runIndex])
                guard rows.count == record.days.count else {
                    return StoredRunDifference(place: "run_days", stored: "\(rows.count) rows", reExecuted: "\(record.days.count) rows")
                }
                let dayColumns = ["run_index"] + DailyColumns.network
                for (row, cells) in zip(rows, record.days) {
                    let expected = [record.runIndex.databaseValue] + cells.map(\.sweepValue)
                    let values = Array(row.databaseValues)
                    for (index, column) in dayColumns.enumerated() where index >= values.count || !Self.same(values[index], expected[index]) {
                        return StoredRunDifference(place: "run_days.\(column) (day \(row["day"] as Int64? ?? -1))",
                                                   stored: index < values.count ? text(values[index]) : "nothing",
                                                   reExecuted: text(expected[index]))
                    }
                }
                return nil
            }
        } catch {
            throw .io("cannot read \(path): \(error)")
        }
    }

    /// Equal value and storage class: `5` and `5.0` or `'5'` differ, as they do byte for byte.
    static func same(_ a: DatabaseValue, _ b: DatabaseValue) -> Bool {
        switch (a.storage, b.storage) {
        case (.null, .null): true
        case (.int64(let x), .int64(let y)): x == y
        case (.double(let x), .double(let y)): x.bitPattern == y.bitPattern
        case (.string(let x), .string(let y)): x.utf8.elementsEqual(y.utf8)
        case (.blob(let x), .blob(let y)): x == y
        default: false
        }
    }

}

/// Where a shard's stored run differs from its re-execution, with both values as text.
public struct StoredRunDifference: Sendable {
    /// `runs.<column>` or `run_days.<column> (day d)`.
    public var place: String
    public var stored: String
    public var reExecuted: String
}
