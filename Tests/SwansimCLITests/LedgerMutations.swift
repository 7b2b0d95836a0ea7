import Foundation
import GRDB
import SwanCore
import SwanCrypto
import SwanTestSupport

/// Which verifier a mutation is for: `swansim verify` must catch all three;
/// tools/verify_ledger.py checks only the chain (entries, transfers, blocks).
enum MutationDomain: String, CaseIterable {
    case chain, meta, derived
}

/// One kind of single edit of a ledger file (the tamper matrix of issue 9).
struct MutationClass {
    let name: String
    let domain: MutationDomain
    /// Makes one seeded edit and returns what it did and the place `swansim verify` must name
    /// (text its message contains); nil when this ledger has no row the edit applies to.
    let apply: (inout SplitMix, Database) throws -> (detail: String, place: String)?
}

/// The edits: every column class of `entries`, `transfers`, `blocks`, the structural edits,
/// `meta`, and a changed, a deleted and an added row of each derived table.
enum LedgerMutations {
    static let entryColumns = ["seq", "day", "time", "kind", "origin", "script_index", "provider", "task", "user",
                               "amount_atto", "reason"]
    static let blockColumns = ["day", "first_seq", "last_seq", "entry_count", "close_time", "merkle_root", "state_root",
                               "prev_block_hash", "block_hash"]
    static let derivedTables = ["account_day", "provider_day", "network_day", "providers", "tasks", "breaches", "invariants"]

    static var all: [MutationClass] {
        var classes: [MutationClass] = [
            MutationClass(name: "entries.payload bit", domain: .chain) { random, db in
                let (seq, payload) = try pickEntry(&random, db)
                var bytes = [UInt8](payload)
                let bit = Int(random.below(UInt64(bytes.count * 8)))
                bytes[bit / 8] ^= 1 << (bit % 8)
                try db.execute(sql: "UPDATE entries SET payload = ? WHERE seq = ?", arguments: [Data(bytes), seq])
                return ("seq \(seq) bit \(bit)", "seq \(seq):")
            },
            hexColumn("entries", "hash", key: "seq"), hexColumn("entries", "prev_hash", key: "seq"),
        ]
        for column in entryColumns { classes.append(entryColumn(column)) }
        classes += transferClasses
        for column in blockColumns { classes.append(blockColumn(column)) }
        classes += structuralClasses
        classes += metaClasses
        for table in derivedTables { classes += derivedClasses(table) }
        return classes
    }

    // MARK: entries, transfers, blocks

    private static func pickEntry(_ random: inout SplitMix, _ db: Database) throws -> (Int64, Data) {
        let count = try Int64.fetchOne(db, sql: "SELECT count(*) FROM entries") ?? 0
        let seq = Int64(random.below(UInt64(count)))
        return (seq, try Data.fetchOne(db, sql: "SELECT payload FROM entries WHERE seq = ?", arguments: [seq]) ?? Data())
    }

    private static func hexColumn(_ table: String, _ column: String, key: String) -> MutationClass {
        MutationClass(name: "\(table).\(column)", domain: .chain) { random, db in
            let keys = try Int64.fetchAll(db, sql: "SELECT \(key) FROM \(table)")
            let row = keys[Int(random.below(UInt64(keys.count)))]
            let old = try String.fetchOne(db, sql: "SELECT \(column) FROM \(table) WHERE \(key) = ?", arguments: [row]) ?? ""
            try db.execute(sql: "UPDATE \(table) SET \(column) = ? WHERE \(key) = ?", arguments: [flipHex(old, &random), row])
            return ("\(key) \(row)", (table == "blocks" ? "block" : "seq") + " \(row):")
        }
    }

    private static func entryColumn(_ column: String) -> MutationClass {
        MutationClass(name: "entries.\(column)", domain: .chain) { random, db in
            let count = try Int64.fetchOne(db, sql: "SELECT count(*) FROM entries") ?? 0
            let seq = Int64(random.below(UInt64(count)))
            let old = try DatabaseValue.fetchOne(db, sql: "SELECT \(column) FROM entries WHERE seq = ?", arguments: [seq]) ?? .null
            let new: DatabaseValue
            switch column {
            case "seq": new = (count + Int64(random.below(1000))).databaseValue
            case "kind": new = (["stake", "ubi_pay", "day_close", "slash", "deposit"].first { $0.databaseValue != old } ?? "x").databaseValue
            case "origin": new = (["genesis", "script", "engine", "behaviour"].first { $0.databaseValue != old } ?? "x").databaseValue
            case "day", "time", "script_index": new = changed(old, &random, integer: true)
            default: new = changed(old, &random, integer: false)
            }
            try db.execute(sql: "UPDATE entries SET \(column) = ? WHERE seq = ?", arguments: [new, seq])
            return ("seq \(seq): \(old) → \(new)", "seq \(seq):")
        }
    }

    private static var transferClasses: [MutationClass] { [
        MutationClass(name: "transfers changed", domain: .chain) { random, db in
            guard let (seq, idx) = try pickTransfer(&random, db) else { return nil }
            let column = ["debit", "credit", "amount_atto"][Int(random.below(3))]
            let old = try DatabaseValue.fetchOne(db, sql: "SELECT \(column) FROM transfers WHERE seq = ? AND idx = ?",
                                                 arguments: [seq, idx]) ?? .null
            let new = column == "amount_atto" ? changedDecimal(old, &random) : changed(old, &random, integer: false)
            try db.execute(sql: "UPDATE transfers SET \(column) = ? WHERE seq = ? AND idx = ?", arguments: [new, seq, idx])
            return ("seq \(seq) idx \(idx) \(column)", "seq \(seq):")
        },
        MutationClass(name: "transfers swapped", domain: .chain) { random, db in
            // Two transfers of one entry that differ, exchanged.
            let pairs = try Row.fetchAll(db, sql: """
                SELECT a.seq, a.idx, b.idx FROM transfers a JOIN transfers b ON a.seq = b.seq AND a.idx < b.idx
                WHERE a.debit != b.debit OR a.credit != b.credit OR a.amount_atto != b.amount_atto
                """)
            guard !pairs.isEmpty else { return nil }
            let pair = pairs[Int(random.below(UInt64(pairs.count)))]
            let seq: Int64 = pair[0], a: Int64 = pair[1], b: Int64 = pair[2]
            try db.execute(sql: "UPDATE transfers SET idx = -1 WHERE seq = ? AND idx = ?", arguments: [seq, a])
            try db.execute(sql: "UPDATE transfers SET idx = ? WHERE seq = ? AND idx = ?", arguments: [a, seq, b])
            try db.execute(sql: "UPDATE transfers SET idx = ? WHERE seq = ? AND idx = -1", arguments: [b, seq])
            return ("seq \(seq) idx \(a) ↔ \(b)", "seq \(seq):")
        },
        MutationClass(name: "transfers deleted", domain: .chain) { random, db in
            guard let (seq, idx) = try pickTransfer(&random, db) else { return nil }
            try db.execute(sql: "DELETE FROM transfers WHERE seq = ? AND idx = ?", arguments: [seq, idx])
            return ("seq \(seq) idx \(idx)", "seq \(seq):")
        },
        MutationClass(name: "transfers added", domain: .chain) { random, db in
            let count = try Int64.fetchOne(db, sql: "SELECT count(*) FROM entries") ?? 0
            let seq = Int64(random.below(UInt64(count)))
            let next = try Int64.fetchOne(db, sql: "SELECT count(*) FROM transfers WHERE seq = ?", arguments: [seq]) ?? 0
            try db.execute(sql: "INSERT INTO transfers (seq, idx, debit, credit, amount_atto) VALUES (?, ?, 'reserve', 'ubi_pool', ?)",
                           arguments: [seq, next, String(1 + random.below(1_000_000_000))])
            return ("seq \(seq) idx \(next)", "seq \(seq):")
        },
    ] }

    private static func pickTransfer(_ random: inout SplitMix, _ db: Database) throws -> (Int64, Int64)? {
        let rows = try Row.fetchAll(db, sql: "SELECT seq, idx FROM transfers")
        guard !rows.isEmpty else { return nil }
        let row = rows[Int(random.below(UInt64(rows.count)))]
        return (row[0], row[1])
    }

    private static func blockColumn(_ column: String) -> MutationClass {
        if column.hasSuffix("root") || column.hasSuffix("hash") { return hexColumn("blocks", column, key: "day") }
        return MutationClass(name: "blocks.\(column)", domain: .chain) { random, db in
            let count = try Int64.fetchOne(db, sql: "SELECT count(*) FROM blocks") ?? 0
            let day = Int64(random.below(UInt64(count)))
            let old = try Int64.fetchOne(db, sql: "SELECT \(column) FROM blocks WHERE day = ?", arguments: [day]) ?? 0
            // A block's day moves past every other block's (the column is the key).
            let new = column == "day" ? count + Int64(random.below(100)) : old + 1 + Int64(random.below(3))
            try db.execute(sql: "UPDATE blocks SET \(column) = ? WHERE day = ?", arguments: [new, day])
            return ("block \(day): \(old) → \(new)", "block \(day):")
        }
    }

    // MARK: structure

    private static var structuralClasses: [MutationClass] { [
        MutationClass(name: "middle entry deleted", domain: .chain) { random, db in
            let count = try Int64.fetchOne(db, sql: "SELECT count(*) FROM entries") ?? 0
            let seq = 1 + Int64(random.below(UInt64(count - 2)))
            try deleteEntries(db, "seq = \(seq)")
            return ("seq \(seq)", "seq \(seq):")
        },
        MutationClass(name: "last entry deleted", domain: .chain) { _, db in
            let last = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM entries") ?? 0
            let day = try Int64.fetchOne(db, sql: "SELECT day FROM entries WHERE seq = ?", arguments: [last]) ?? 0
            try deleteEntries(db, "seq = \(last)")
            return ("seq \(last)", "block \(day):")
        },
        MutationClass(name: "two entries swapped", domain: .chain) { random, db in
            let count = try Int64.fetchOne(db, sql: "SELECT count(*) FROM entries") ?? 0
            let a = Int64(random.below(UInt64(count - 1)))
            let b = a + 1 + Int64(random.below(UInt64(count - 1 - a)))
            for table in ["entries", "transfers"] {
                try db.execute(sql: "UPDATE \(table) SET seq = -1 WHERE seq = ?", arguments: [a])
                try db.execute(sql: "UPDATE \(table) SET seq = ? WHERE seq = ?", arguments: [a, b])
                try db.execute(sql: "UPDATE \(table) SET seq = ? WHERE seq = -1", arguments: [b])
            }
            return ("seq \(a) ↔ \(b)", "seq \(a):")
        },
        MutationClass(name: "forged entry appended", domain: .chain) { random, db in
            try appendForgedEntry(&random, db)
        },
        MutationClass(name: "last block truncated", domain: .chain) { _, db in
            let day = try Int64.fetchOne(db, sql: "SELECT max(day) FROM blocks") ?? 0
            try deleteEntries(db, "day = \(day)")
            try db.execute(sql: "DELETE FROM blocks WHERE day = ?", arguments: [day])
            return ("block \(day)", "block \(day):")
        },
    ] }

    private static func deleteEntries(_ db: Database, _ condition: String) throws {
        try db.execute(sql: "DELETE FROM transfers WHERE seq IN (SELECT seq FROM entries WHERE \(condition))")
        try db.execute(sql: "DELETE FROM entries WHERE \(condition)")
    }

    /// A copy of an entry of the last day, its payload's seq set to the next one (and, half the
    /// time, a `day_close` moved to the next day), hashed onto the head: it chains perfectly.
    private static func appendForgedEntry(_ random: inout SplitMix, _ db: Database) throws -> (detail: String, place: String)? {
        let last = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM entries") ?? 0
        let lastDay = try Int64.fetchOne(db, sql: "SELECT max(day) FROM blocks") ?? 0
        let nextDay = random.below(2) == 0
        let sources = try Int64.fetchAll(db, sql: "SELECT seq FROM entries WHERE day = ?" + (nextDay ? " AND kind = 'day_close'" : ""),
                                         arguments: [lastDay])
        let source = sources[Int(random.below(UInt64(sources.count)))]
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM entries WHERE seq = ?", arguments: [source]),
              let head = try String.fetchOne(db, sql: "SELECT hash FROM entries WHERE seq = ?", arguments: [last]) else { return nil }
        let stored = [UInt8]((row["payload"] as Data?) ?? Data())
        // The payload opens with the encoding id (a one-byte length and its bytes), then seq and
        // day as `int`s (a width byte and that many bytes): both are written anew.
        let seqAt = 1 + Int(stored[0])
        let dayAt = seqAt + 1 + Int(stored[seqAt])
        let restAt = dayAt + 1 + Int(stored[dayAt])
        let day = nextDay ? lastDay + 1 : lastDay
        var writer = ByteWriter()
        stored[..<seqAt].withUnsafeBytes { writer.append($0) }
        writer.int(last + 1)
        writer.int(day)
        stored[restAt...].withUnsafeBytes { writer.append($0) }
        let payload = writer.bytes
        let hasher = try OpenSSLSHA256()
        guard let previous = Digest32(hex: head) else { return nil }
        let hash = LedgerHashing.entryHash(previous: previous, payload: payload, hasher: hasher)
        try db.execute(sql: """
            INSERT INTO entries (seq, day, time, kind, origin, script_index, provider, task, user, amount_atto, reason, payload,
              prev_hash, hash)
            SELECT ?, ?, time, kind, origin, script_index, provider, task, user, amount_atto, reason, ?, ?, ? FROM entries WHERE seq = ?
            """, arguments: [last + 1, day, Data(payload), head, hash.hex, source])
        try db.execute(sql: "INSERT INTO transfers SELECT ?, idx, debit, credit, amount_atto FROM transfers WHERE seq = ?",
                       arguments: [last + 1, source])
        return ("copy of seq \(source) as seq \(last + 1), day \(day)", nextDay ? "block \(day):" : "seq \(last + 1):")
    }

    // MARK: meta

    private static var metaClasses: [MutationClass] { [
        metaKey("params_json", fixed: "params_json"), metaKey("catalog_json", fixed: "catalog_json"),
        metaKey("another meta key", fixed: nil),
    ] }

    /// One character of a meta value changed (a digit to another digit, else a letter).
    private static func metaKey(_ name: String, fixed: String?) -> MutationClass {
        MutationClass(name: "meta.\(name)", domain: .meta) { random, db in
            let others = ["format", "rules_version", "hash_algorithm", "scenario_name", "scenario_sha256", "scenario_source",
                          "seed", "preset", "days", "supply_atto"]
            let key = fixed ?? others[Int(random.below(UInt64(others.count)))]
            guard let value = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) else { return nil }
            var characters = Array(value)
            let at = Int(random.below(UInt64(characters.count)))
            characters[at] = characters[at].isNumber ? (characters[at] == "7" ? "3" : "7") : (characters[at] == "q" ? "z" : "q")
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = ?", arguments: [String(characters), key])
            // An edited scenario no longer hashes to scenario_sha256, which is where it is reported.
            return ("\(key) at \(at)", "meta (key " + (key == "scenario_source" ? "scenario" : key))
        }
    }

    // MARK: derived tables

    private static func derivedClasses(_ table: String) -> [MutationClass] {
        [
            MutationClass(name: "\(table) changed", domain: .derived) { random, db in
                let columns = try db.columns(in: table).map(\.name)
                let rowids = try Int64.fetchAll(db, sql: "SELECT rowid FROM \(table)")
                guard !rowids.isEmpty else { return nil }
                let rowid = rowids[Int(random.below(UInt64(rowids.count)))]
                let column = columns[Int(random.below(UInt64(columns.count)))]
                let old = try DatabaseValue.fetchOne(db, sql: "SELECT \(column) FROM \(table) WHERE rowid = ?", arguments: [rowid]) ?? .null
                let integer = ["day", "provider_index", "task_index", "id"].contains(column) && table != "invariants"
                // A changed key would mostly collide with another row's: make it new.
                let new = integer ? ((try Int64.fetchOne(db, sql: "SELECT max(\(column)) FROM \(table)") ?? 0) + 1 + Int64(random.below(50))).databaseValue
                    : changed(old, &random, integer: old.storage.isInteger)
                try db.execute(sql: "UPDATE \(table) SET \(column) = ? WHERE rowid = ?", arguments: [new, rowid])
                return ("rowid \(rowid) \(column): \(old) → \(new)", "\(table) (")
            },
            MutationClass(name: "\(table) row deleted", domain: .derived) { random, db in
                let rowids = try Int64.fetchAll(db, sql: "SELECT rowid FROM \(table)")
                guard !rowids.isEmpty else { return nil }
                let rowid = rowids[Int(random.below(UInt64(rowids.count)))]
                try db.execute(sql: "DELETE FROM \(table) WHERE rowid = ?", arguments: [rowid])
                return ("rowid \(rowid)", "\(table) (")
            },
            MutationClass(name: "\(table) row added", domain: .derived) { random, db in
                let rowids = try Int64.fetchAll(db, sql: "SELECT rowid FROM \(table)")
                guard !rowids.isEmpty else { return nil }
                let rowid = rowids[Int(random.below(UInt64(rowids.count)))]
                let columns = try db.columns(in: table).map(\.name)
                // A copy of a row under a key no row has.
                let fresh: [String: String] = [
                    "day": table == "network_day" ? "(SELECT max(day) + 1 FROM network_day)" : "day",
                    "account": "account || '-forged'", "provider": "provider || '-forged'", "task": "task || '-forged'",
                    "provider_index": table == "providers" ? "(SELECT max(provider_index) + 1 FROM providers)" : "provider_index",
                    "task_index": "(SELECT max(task_index) + 1 FROM tasks)",
                    "id": table == "invariants" ? "'I' || (20 + abs(random() % 80))" : "(SELECT max(id) + 1 FROM breaches)",
                ]
                let values = columns.map { fresh[$0] ?? $0 }
                try db.execute(sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) SELECT \(values.joined(separator: ", ")) FROM \(table) WHERE rowid = ?",
                               arguments: [rowid])
                return ("copy of rowid \(rowid)", "\(table) (")
            },
        ]
    }

    // MARK: values

    /// A different value of the same kind: an integer moved, a text with one character changed
    /// (or NULL), a NULL given a value.
    static func changed(_ old: DatabaseValue, _ random: inout SplitMix, integer: Bool) -> DatabaseValue {
        switch old.storage {
        case .null: return integer ? Int64(1 + random.below(9)).databaseValue : "x".databaseValue
        case .int64(let value): return (value + 1 + Int64(random.below(5))).databaseValue
        case .string(let text):
            if random.below(5) == 0 { return .null }
            var characters = Array(text)
            guard !characters.isEmpty else { return "x".databaseValue }
            let at = Int(random.below(UInt64(characters.count)))
            characters[at] = characters[at].isNumber ? (characters[at] == "1" ? "2" : "1") : (characters[at] == "x" ? "y" : "x")
            return String(characters).databaseValue
        default: return "x".databaseValue
        }
    }

    /// A base-10 amount changed by a few atto (still a valid amount).
    static func changedDecimal(_ old: DatabaseValue, _ random: inout SplitMix) -> DatabaseValue {
        guard case .string(let text) = old.storage, let value = Int128(text) else { return "1".databaseValue }
        return String(value + 1 + Int128(random.below(7))).databaseValue
    }

    static func flipHex(_ hex: String, _ random: inout SplitMix) -> String {
        var characters = Array(hex)
        guard !characters.isEmpty else { return "0" }
        let at = Int(random.below(UInt64(characters.count)))
        characters[at] = characters[at] == "0" ? "f" : "0"
        return String(characters)
    }
}

private extension DatabaseValue.Storage {
    var isInteger: Bool { if case .int64 = self { true } else { false } }
}
