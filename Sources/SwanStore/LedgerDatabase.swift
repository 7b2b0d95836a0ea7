import Foundation
import GRDB
import SwanCore
import SwanTables

/// Why the ledger database could not be written or read.
///
/// An error SQLite raised is kept whole as GRDB's `DatabaseError` (result code, message, SQL),
/// so a caller can match on it; only failures no database error caused are plain messages.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    /// SQLite refused an operation; `context` says which ("cannot open PATH"), or is empty.
    case database(DatabaseError, context: String)
    /// A failure no database error caused: a missing or unwritable file, a failed check.
    case message(String)

    /// A failure with a plain message.
    public init(_ message: String) { self = .message(message) }

    /// What a database operation threw, with `context`: a `DatabaseError` is kept as it is.
    init(_ context: String = "", wrapping error: any Error) {
        switch error {
        case let error as DatabaseError:
            self = .database(error, context: context)
        case StoreError.database(let error, let inner):
            self = .database(error, context: [context, inner].filter { !$0.isEmpty }.joined(separator: ": "))
        default:
            self = .message(context.isEmpty ? "\(error)" : "\(context): \(error)")
        }
    }

    /// The SQLite error behind this one, if any.
    public var databaseError: DatabaseError? {
        if case .database(let error, _) = self { error } else { nil }
    }

    public var description: String {
        switch self {
        case .database(let error, let context): context.isEmpty ? "\(error)" : "\(context): \(error)"
        case .message(let message): message
        }
    }
}

/// The SQLite ledger database `ledger.sqlite` (OUTPUTS.md §2).
///
/// Writes go block by block: each sealed block is one transaction, so a reader or a
/// crash sees whole blocks or none. The file uses WAL with `synchronous = NORMAL`: a
/// crash can lose the last blocks but never corrupts the file, and a run that loses its
/// tail is simply run again (runs are deterministic), which is worth far more write
/// speed than FULL's fsync per transaction (docs/ARCHITECTURE.md, "Storage choices").
public final class LedgerDatabase {
    let queue: DatabaseQueue
    /// Rendered values of the row being bound (writes only; one writer thread).
    let scratch = RowScratch()

    fileprivate init(queue: DatabaseQueue) {
        self.queue = queue
    }

    /// WAL, `synchronous = NORMAL`, a 16 MB page cache, a checkpoint every 65,536 pages.
    private static var writerConfiguration: Configuration {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = -16384")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 65536")
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return configuration
    }

    /// Creates `path` anew (replacing any file there) with the whole schema and `meta`.
    public static func create(at path: String, meta: LedgerMeta) throws(StoreError) -> LedgerDatabase {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: writerConfiguration)
            try queue.write { db in
                for statement in Schema.statements { try db.execute(sql: statement) }
                if meta["format"] == "swan-ledger/2" {
                    for statement in Schema.marketStatements { try db.execute(sql: statement) }
                }
                let insert = try db.makeStatement(sql: "INSERT INTO meta (key, value) VALUES (?, ?)")
                for pair in meta.pairs { try insert.execute(arguments: [pair.key, pair.value]) }
            }
            return LedgerDatabase(queue: queue)
        } catch {
            throw StoreError("cannot create \(path)", wrapping: error)
        }
    }

    /// Opens an existing ledger read-only.
    public static func open(at path: String) throws(StoreError) -> LedgerDatabase {
        // SQLite opens its file with a plain open(2), which blocks on a FIFO (WORKFLOW.md §9.5).
        do throws(FileRefusal) { try RegularFile.requireDatabase(path) } catch { throw StoreError(error.description) }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            return LedgerDatabase(queue: try DatabaseQueue(path: path, configuration: configuration))
        } catch {
            throw StoreError("cannot open \(path)", wrapping: error)
        }
    }

    /// Writes one hashed block (entries, transfers, block row, account snapshot) in one transaction.
    ///
    /// Every text and blob is bound straight from the block's buffers; amounts and digests are
    /// rendered into fixed buffers, so no `String` is made per value.
    /// - Parameter day: the checker's rows for the same day, written in the same transaction
    ///   (so a reader or a crash sees a day's block and its rows together, or neither).
    public func append(_ block: HashedBlock, day: DayReport? = nil) throws(StoreError) {
        do {
            try queue.write { db in
                if let day { try Self.insert(day: day, db, scratch: scratch) }
                let entry = try db.cachedStatement(sql: """
                    INSERT INTO entries (seq, day, time, kind, origin, script_index, provider, task, user,
                      amount_atto, reason, payload, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                    """)
                let transfer = try db.cachedStatement(sql: """
                    INSERT INTO transfers (seq, idx, debit, credit, amount_atto) VALUES (?,?,?,?,?)
                    """)
                let sealed = block.sealed
                try sealed.bytes.bytes.withUnsafeBytes { raw in try sealed.transferNames.bytes.withUnsafeBytes { names in
                    for (index, e) in sealed.entries.enumerated() {
                        var row = RawBinder(entry, scratch: scratch)
                        row.int(e.seq)
                        row.int(e.day)
                        row.int(e.time)
                        row.text(e.kind.rawValue)
                        row.text(e.origin.rawValue)
                        row.int(e.scriptIndex)
                        row.text(e.provider, in: raw)
                        row.text(e.task, in: raw)
                        row.text(e.user, in: raw)
                        row.decimal(e.amountAtto)
                        row.text(e.reason, in: raw)
                        row.blob(UnsafeRawBufferPointer(rebasing: raw[Int(e.start)..<Int(e.start + e.count)]))
                        row.hex(block.previousHash(of: index))
                        row.hex(block.entryHashes[index])
                        try row.step()
                        for position in 0..<Int(e.transferCount) {
                            let t = sealed.transfers[Int(e.firstTransfer) + position]
                            var cells = RawBinder(transfer, scratch: scratch)
                            cells.int(e.seq)
                            cells.int(Int64(position))
                            cells.text(t.debit, in: names)
                            cells.text(t.credit, in: names)
                            cells.decimal(t.amountAtto)
                            try cells.step()
                        }
                    }
                } }
                let h = block.header
                try db.cachedStatement(sql: """
                    INSERT INTO blocks (day, first_seq, last_seq, entry_count, close_time, merkle_root, state_root,
                      prev_block_hash, block_hash) VALUES (?,?,?,?,?,?,?,?,?)
                    """).execute(arguments: [
                    h.day, h.firstSeq, h.lastSeq, h.entryCount, h.closeTime, h.merkleRoot.hex, h.stateRoot.hex,
                    h.previousBlockHash.hex, block.hash.hex,
                ])
                try Self.insert(accounts: sealed.snapshot, day: h.day, db, scratch: scratch)
            }
        } catch {
            throw StoreError("cannot write block \(block.header.day)", wrapping: error)
        }
    }

    /// Runs arbitrary SQL in a write transaction (tests use it to tamper with a ledger).
    public func execute(_ sql: String) throws(StoreError) {
        do {
            try queue.write { db in try db.execute(sql: sql) }
        } catch {
            throw StoreError(wrapping: error)
        }
    }

    /// Seals a finished ledger as a single file: the WAL is checkpointed and the database goes
    /// back to a rollback journal, so a reader (verify, replay, pandas) opening it read-only
    /// leaves no `-wal`/`-shm` side files behind and the directory holds only what the run wrote.
    public func finish() throws(StoreError) {
        do {
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
        } catch {
            throw StoreError("cannot finish the ledger", wrapping: error)
        }
    }

    /// `meta.scenario_sha256` of the swansim ledger at `path`, read read-only; nil when there is
    /// no file or it is not a swansim ledger.
    public static func scenarioSHA256(ofLedgerAt path: String) -> String? {
        guard let meta = try? open(at: path).meta(), meta["format"]?.hasPrefix("swan-ledger/") == true else { return nil }
        return meta["scenario_sha256"]
    }

    /// Reopens an interrupted run's ledger to append to it, with the settings `create` uses.
    public static func reopen(at path: String) throws(StoreError) -> LedgerDatabase {
        do throws(FileRefusal) { try RegularFile.requireDatabase(path) } catch { throw StoreError(error.description) }
        do {
            return LedgerDatabase(queue: try DatabaseQueue(path: path, configuration: writerConfiguration))
        } catch {
            throw StoreError("cannot reopen \(path)", wrapping: error)
        }
    }

    /// `PRAGMA integrity_check`: "ok", or SQLite's list of problems.
    /// - Parameter quick: `PRAGMA quick_check` instead: every page and b-tree's structure, but not
    ///   whether each index holds exactly its table's rows; a third of the time on a large ledger.
    public func integrityCheck(quick: Bool = false) throws(StoreError) -> String {
        do {
            return try queue.read { db in
                try String.fetchAll(db, sql: quick ? "PRAGMA quick_check" : "PRAGMA integrity_check").joined(separator: "; ")
            }
        } catch {
            throw StoreError("cannot check integrity", wrapping: error)
        }
    }

    /// Each stored block's hash (hex) by day.
    public func blockHashes() throws(StoreError) -> [Int64: String] {
        do {
            return try queue.read { db in
                Dictionary(try Row.fetchAll(db, sql: "SELECT day, block_hash FROM blocks").map { ($0[0] as Int64, $0[1] as String) },
                           uniquingKeysWith: { first, _ in first })
            }
        } catch {
            throw StoreError("cannot read blocks", wrapping: error)
        }
    }

    /// The `meta` table as pairs, in key order.
    public func meta() throws(StoreError) -> LedgerMeta {
        do {
            let rows = try queue.read { db in try Row.fetchAll(db, sql: "SELECT key, value FROM meta ORDER BY key") }
            return LedgerMeta(pairs: rows.map { (key: $0["key"] as String, value: $0["value"] as String) })
        } catch {
            throw StoreError("cannot read meta", wrapping: error)
        }
    }

    /// Each provider's `population` as stored (verify of a ledger that carries no scenario to derive it from).
    public func storedPopulations() throws(StoreError) -> [String: String] {
        do {
            let rows = try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT provider, population FROM providers WHERE population IS NOT NULL")
            }
            return Dictionary(rows.map { ($0[0] as String, $0[1] as String) }, uniquingKeysWith: { first, _ in first })
        } catch {
            throw StoreError("cannot read providers", wrapping: error)
        }
    }

    /// Number of rows of a table of the schema.
    public func count(_ table: String) throws(StoreError) -> Int {
        precondition(Schema.marketTables.contains(table), "unknown table \(table)")
        do {
            return try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
        } catch {
            throw StoreError("cannot count \(table)", wrapping: error)
        }
    }

    /// Names of the tables present, sorted.
    public func tableNames() throws(StoreError) -> [String] {
        do {
            return try queue.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            }
        } catch {
            throw StoreError(wrapping: error)
        }
    }

    /// Runs `body` in one write transaction.
    func writeTransaction(_ body: (Database) throws -> Void) throws {
        try queue.write(body)
    }

    /// Reads the database's rows through `body` inside one read transaction.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.read(body)
    }
}

extension LedgerDatabase {
    /// Opens an existing ledger for writing (tests tamper with ledgers through it).
    public static func create(atExisting path: String) throws(StoreError) -> LedgerDatabase {
        do {
            return LedgerDatabase(queue: try DatabaseQueue(path: path))
        } catch {
            throw StoreError("cannot open \(path)", wrapping: error)
        }
    }
}

extension LedgerDatabase {
    /// Every row of a schema table in rowid order, each rendered as text (for byte-for-byte
    /// comparisons of two runs, table by table).
    public func rows(of table: String) throws(StoreError) -> [String] {
        precondition(Schema.marketTables.contains(table), "unknown table \(table)")
        do {
            return try read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid").map { row in
                    row.databaseValues.map { value -> String in
                        switch value.storage {
                        case .null: "NULL"
                        case .int64(let number): "i:\(number)"
                        case .double(let number): "d:\(number)"
                        case .string(let text): "s:\(text)"
                        case .blob(let data): "b:" + data.map { String(format: "%02x", $0) }.joined()
                        }
                    }.joined(separator: "|")
                }
            }
        } catch {
            throw StoreError("cannot read \(table)", wrapping: error)
        }
    }

    /// SHA-256 over every row of a table in rowid order, rendered as `rows(of:)` renders them:
    /// compares two large runs table by table without holding either in memory.
    public func digest(of table: String, hasher: SHA256Hashing) throws(StoreError) -> Digest32 {
        precondition(Schema.marketTables.contains(table), "unknown table \(table)")
        do {
            return try read { db in
                // Raw cells into one reused buffer: the same bytes per value as `rows(of:)`
                // renders them, tagged by type, without a Row or a String per value.
                hasher.begin()
                var rows = try RawCursor(db, sql: "SELECT * FROM \(table) ORDER BY rowid")
                var image = RowImage()
                let lineFeed: [UInt8] = [0x0A]
                while try rows.step() {
                    rows.image(into: &image)
                    image.bytes.withUnsafeBytes { hasher.update($0) }
                    lineFeed.withUnsafeBytes { hasher.update($0) }
                }
                return hasher.finish()
            }
        } catch {
            throw StoreError("cannot read \(table)", wrapping: error)
        }
    }

    /// The schema's table names.
    public static var schemaTables: [String] { Schema.tables }

    /// The tables of a market ledger (`swan-ledger/2`): version 1's and `jobs`.
    public static var marketSchemaTables: [String] { Schema.marketTables }
}
