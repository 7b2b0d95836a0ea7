import Foundation
import GRDB
import SwanCore

/// The first place where two ledgers differ (`swansim replay`, WORKFLOW.md §4).
public struct LedgerDifference: Sendable, CustomStringConvertible {
    /// `entries`, `transfers` or `blocks`.
    public var table: String
    /// The block (day) of the difference.
    public var day: Int64
    /// The entry's seq (nil for a `blocks` row).
    public var seq: Int64?
    public var column: String
    public var stored: String
    public var replayed: String

    public var description: String {
        "block \(day)" + (seq.map { ", seq \($0)" } ?? "") + ", \(table).\(column): stored \(stored), replayed \(replayed)"
    }
}

extension LedgerDatabase {
    /// The hash-chained tables, each in its key order; a row present on one side only counts as
    /// a difference in its first column.
    private static let chained: [(table: String, order: String, day: String)] = [
        ("entries", "seq", "day"),
        ("transfers", "seq, idx", "(SELECT day FROM entries e WHERE e.seq = transfers.seq)"),
        ("blocks", "day", "day"),
    ]

    /// Compares this ledger (a replay, usually in memory) with the one stored at `path`, table by
    /// table over entries, transfers and blocks, and returns the difference in the earliest block
    /// (then the lowest seq), or nil when every row of the three tables is identical.
    public func firstDifference(fromStoredAt path: String) throws(StoreError) -> LedgerDifference? {
        let stored = try LedgerDatabase.open(at: path)
        var found: [LedgerDifference] = []
        do {
            try stored.queue.read { storedDB in
                try queue.read { replayedDB in
                    for (table, order, day) in Self.chained {
                        let sql = "SELECT \(day) AS block_day, * FROM \(table) ORDER BY \(order)"
                        let left = try Row.fetchCursor(storedDB, sql: sql)
                        let right = try Row.fetchCursor(replayedDB, sql: sql)
                        if let difference = try Self.firstDifference(table, left, right) { found.append(difference) }
                    }
                }
            }
        } catch {
            throw StoreError("cannot compare with \(path)", wrapping: error)
        }
        return found.min { ($0.day, $0.seq ?? Int64.max) < ($1.day, $1.seq ?? Int64.max) }
    }

    private static func firstDifference(_ table: String, _ left: RowCursor, _ right: RowCursor) throws -> LedgerDifference? {
        while true {
            let a = try left.next()?.copy(), b = try right.next()?.copy()
            guard a != nil || b != nil else { return nil }
            guard let a, let b else {
                let row = (a ?? b)!
                return LedgerDifference(table: table, day: row["block_day"] ?? -1, seq: table == "blocks" ? nil : row["seq"],
                                        column: a == nil ? "(row missing from the stored ledger)" : "(row missing from the replay)",
                                        stored: a.map(describe) ?? "-", replayed: b.map(describe) ?? "-")
            }
            for column in a.columnNames where column != "block_day" && a[column] as DatabaseValue != b[column] as DatabaseValue {
                return LedgerDifference(table: table, day: a["block_day"] ?? b["block_day"] ?? -1,
                                        seq: table == "blocks" ? nil : a["seq"], column: column,
                                        stored: text(a[column]), replayed: text(b[column]))
            }
        }
    }

    private static func describe(_ row: Row) -> String {
        row.columnNames.filter { $0 != "block_day" }.prefix(3).map { "\($0)=\(text(row[$0]))" }.joined(separator: " ")
    }

    private static func text(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: "NULL"
        case .int64(let number): String(number)
        case .double(let number): "\(number)"
        case .string(let string): VerificationFailure.shown(string)
        case .blob(let data): "x'" + HexText.encode(Array(data.prefix(24))) + (data.count > 24 ? "...'" : "'")
        }
    }
}
