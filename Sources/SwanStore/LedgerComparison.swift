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

    /// The columns that hold bytes or hashes of the entry encoding: compared as they are only
    /// when both ledgers have the same `encoding_version`.
    private static let encodingColumns: Set<String> = ["payload", "prev_hash", "hash", "merkle_root", "prev_block_hash", "block_hash"]

    /// Compares this ledger (a replay, usually in memory) with the one stored at `path`, table by
    /// table over entries, transfers and blocks, and returns the difference in the earliest block
    /// (then the lowest seq), or nil when every row of the three tables is identical.
    ///
    /// A stored ledger of an older encoding (`swansim-entry/1` or `/2`) is compared logically:
    /// each payload is decoded on both sides and the entries compared, and the encoding's bytes
    /// and hashes are left out; every other column, the state roots among them, must be equal.
    public func firstDifference(fromStoredAt path: String) throws(StoreError) -> LedgerDifference? {
        let stored = try LedgerDatabase.open(at: path)
        let storedMeta = try stored.meta(), replayedMeta = try meta()
        let logical = storedMeta.format != replayedMeta.format
        var found: [LedgerDifference] = []
        do {
            try stored.queue.read { storedDB in
                try queue.read { replayedDB in
                    for (table, order, day) in Self.chained {
                        let sql = "SELECT \(day) AS block_day, * FROM \(table) ORDER BY \(order)"
                        let left = try Row.fetchCursor(storedDB, sql: sql)
                        let right = try Row.fetchCursor(replayedDB, sql: sql)
                        let skipped = logical ? Self.encodingColumns : []
                        if let difference = try Self.firstDifference(table, left, right, skipping: skipped) { found.append(difference) }
                    }
                    if logical, let difference = try Self.firstEntryDifference(storedDB, storedMeta, replayedDB, replayedMeta) {
                        found.append(difference)
                    }
                }
            }
        } catch {
            throw StoreError("cannot compare with \(path)", wrapping: error)
        }
        return found.min { ($0.day, $0.seq ?? Int64.max) < ($1.day, $1.seq ?? Int64.max) }
    }

    /// The first entry whose payloads, each decoded in its own ledger's encoding, differ.
    private static func firstEntryDifference(_ storedDB: Database, _ storedMeta: LedgerMeta, _ replayedDB: Database,
                                             _ replayedMeta: LedgerMeta) throws -> LedgerDifference? {
        var storedState = LedgerState(genesis: try genesis(from: storedMeta))
        var replayedState = LedgerState(genesis: try genesis(from: replayedMeta))
        let sql = "SELECT seq, day, payload FROM entries ORDER BY seq"
        let left = try Row.fetchCursor(storedDB, sql: sql), right = try Row.fetchCursor(replayedDB, sql: sql)
        while let a = try left.next()?.copy(), let b = try right.next()?.copy() {
            let seq: Int64 = a["seq"], day: Int64 = a["day"]
            let storedBytes: Data = a["payload"] ?? Data(), replayedBytes: Data = b["payload"] ?? Data()
            let storedEntry = Result { () throws(EntryDecoding.DecodingError) in
                try EntryDecoding.decode([UInt8](storedBytes), state: &storedState)
            }
            let replayedEntry = Result { () throws(EntryDecoding.DecodingError) in
                try EntryDecoding.decode([UInt8](replayedBytes), state: &replayedState)
            }
            switch (storedEntry, replayedEntry) {
            case (.success(let x), .success(let y)) where x == y:
                storedState.apply(x)
                replayedState.apply(y)
            case (.success(let x), .success(let y)):
                return LedgerDifference(table: "entries", day: day, seq: seq, column: "payload (decoded)",
                                        stored: "\(x.kind.rawValue) \(x.payload)", replayed: "\(y.kind.rawValue) \(y.payload)")
            case (.failure(let error), _), (_, .failure(let error)):
                return LedgerDifference(table: "entries", day: day, seq: seq, column: "payload (decoded)",
                                        stored: "\(storedEntry)", replayed: "\(error)")
            }
        }
        return nil
    }

    private static func firstDifference(_ table: String, _ left: RowCursor, _ right: RowCursor,
                                        skipping skipped: Set<String>) throws -> LedgerDifference? {
        while true {
            let a = try left.next()?.copy(), b = try right.next()?.copy()
            guard a != nil || b != nil else { return nil }
            guard let a, let b else {
                let row = (a ?? b)!
                return LedgerDifference(table: table, day: row["block_day"] ?? -1, seq: table == "blocks" ? nil : row["seq"],
                                        column: a == nil ? "(row missing from the stored ledger)" : "(row missing from the replay)",
                                        stored: a.map(describe) ?? "-", replayed: b.map(describe) ?? "-")
            }
            for column in a.columnNames where column != "block_day" && !skipped.contains(column)
                && a[column] as DatabaseValue != b[column] as DatabaseValue {
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
