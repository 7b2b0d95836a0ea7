import Foundation
import GRDB
import GRDBSQLite
import SwanCore
import SwanReport

/// What `verify` found: counts on success, or the first mismatch.
public struct VerificationReport: Sendable {
    public var entries: Int64
    public var blocks: Int64
    public var headHash: Digest32
    public var headBlockHash: Digest32
}

/// Why a ledger could not be verified.
public enum VerifyError: Error, CustomStringConvertible, Sendable {
    /// The ledger disagrees with its recomputation (exit code 3).
    case mismatch(VerificationFailure)
    /// The ledger's `encoding_version` is not the one this build reads (exit code 2).
    case unsupportedEncoding(found: String, supported: String)
    /// The database could not be read (exit code 4); a SQLite error stays inside the `StoreError`.
    case store(StoreError)
    /// The file is not a ledger this build can read (exit code 4).
    case unreadable(String)

    public var description: String {
        switch self {
        case .mismatch(let failure): failure.description
        case .unsupportedEncoding(let found, let supported): "unknown encoding_version \(found); this build reads \(supported)"
        case .store(let error): error.description
        case .unreadable(let message): message
        }
    }
}

extension LedgerDatabase {
    /// Recomputes every entry hash, payload, Merkle root, state root and block link (OUTPUTS.md §4).
    ///
    /// Streams entries in seq order with a cursor; memory does not grow with the ledger. Each
    /// payload is decoded once and folded once: into `checker`'s state when a checker is given
    /// (it then replays every entry and sees each verified block), else into a state of its
    /// own built from the genesis meta.
    public func verify(hasher: SHA256Hashing, checker: LedgerReplay? = nil) throws(VerifyError) -> VerificationReport {
        let meta: LedgerMeta
        do { meta = try self.meta() } catch { throw .store(error) }
        guard let version = meta["encoding_version"] else { throw .unreadable("meta has no encoding_version") }
        guard version == EntryEncoding.version else {
            throw .unsupportedEncoding(found: version, supported: EntryEncoding.version)
        }
        var own = LedgerState(genesis: try Self.genesis(from: meta))
        var verifier = LedgerVerifier(hasher: hasher)
        func entry(_ row: StoredEntry) throws(VerificationFailure) {
            if let checker {
                let decoded = try checker.withState { (state: inout LedgerState) throws(VerificationFailure) in
                    try verifier.verify(entry: row, state: &state)
                }
                checker.apply(decoded)
            } else {
                own.apply(try verifier.verify(entry: row, state: &own))
            }
        }
        func block(_ row: StoredBlock) throws(VerificationFailure) {
            if let checker {
                try checker.withState { (state: inout LedgerState) throws(VerificationFailure) in
                    try verifier.verify(block: row, state: &state)
                }
                _ = checker.sealed(day: row.day, blockHash: row.blockHash)
            } else {
                try verifier.verify(block: row, state: &own)
            }
        }
        do {
            return try read { db -> VerificationReport in
                // Columns are read by position, in the order of these SELECTs.
                let blocks = try Row.fetchCursor(db, sql: """
                    SELECT day, first_seq, last_seq, entry_count, close_time, merkle_root, state_root, prev_block_hash,
                      block_hash FROM blocks ORDER BY day
                    """)
                // Entries and transfers are read through raw prepared statements: cells are
                // viewed in SQLite's buffers, never copied into Strings.
                var transfers = try RawCursor(db, sql: "SELECT seq, idx, debit, credit, amount_atto FROM transfers ORDER BY seq, idx")
                var entries = try RawCursor(db, sql: """
                    SELECT seq, day, time, kind, origin, script_index, provider, task, user, amount_atto, reason, payload,
                      prev_hash, hash FROM entries ORDER BY seq
                    """)
                var hasTransfer = try transfers.step()
                var transferRows = TransferRows()
                var blockRows: Int64 = 0
                while try entries.step() {
                    let seq = entries.int(0)
                    transferRows.clear()
                    while hasTransfer, transfers.int(0) <= seq {
                        if transfers.int(0) == seq {
                            transferRows.append(index: transfers.int(1), transfers.text(2), transfers.text(3), transfers.text(4))
                        }
                        hasTransfer = try transfers.step()
                    }
                    try transferRows.withRows { stored throws(VerificationFailure) in
                        try entry(StoredEntry(
                            seq: seq, day: entries.int(1), time: entries.int(2), kind: entries.text(3), origin: entries.text(4),
                            scriptIndex: entries.optionalInt(5), provider: entries.text(6), task: entries.text(7),
                            user: entries.text(8), amountAtto: entries.text(9), reason: entries.text(10),
                            payload: entries.blob(11), previousHash: entries.text(12), hash: entries.text(13), transfers: stored))
                    }
                    if verifier.awaitingBlock {
                        guard let stored = try blocks.next() else { break }
                        blockRows += 1
                        try block(StoredBlock(
                            day: stored[0], firstSeq: stored[1], lastSeq: stored[2], entryCount: stored[3], closeTime: stored[4],
                            merkleRoot: stored[5], stateRoot: stored[6], previousBlockHash: stored[7], blockHash: stored[8]))
                    }
                }
                while try blocks.next() != nil { blockRows += 1 }
                try verifier.finish(blockRows: blockRows)
                return VerificationReport(entries: verifier.entriesVerified, blocks: verifier.blocksVerified,
                                          headHash: verifier.headHash, headBlockHash: verifier.headBlockHash)
            }
        } catch let failure as VerificationFailure {
            throw .mismatch(failure)
        } catch {
            throw .store(StoreError("cannot read the ledger", wrapping: error))
        }
    }

    /// The genesis state recorded in `meta.params_json` and `meta.catalog_json`.
    static func genesis(from meta: LedgerMeta) throws(VerifyError) -> LedgerState.Genesis {
        guard let paramsText = meta["params_json"], let catalogText = meta["catalog_json"],
              let params = try? JSONSerialization.jsonObject(with: Data(paramsText.utf8)) as? [String: Any],
              let catalog = try? JSONSerialization.jsonObject(with: Data(catalogText.utf8)) as? [String: Any],
              let collateral = params["collateral"] as? [String: Any], let ubi = params["ubi"] as? [String: Any],
              let cBaseText = collateral["c_base"] as? String, let cTotalText = collateral["c_total"] as? String,
              let cBase = try? Decimal18.parse(cBaseText), let cTotal = try? Decimal18.parse(cTotalText),
              let failureMode = ubi["failure_mode"] as? String, let models = catalog["models"] as? [String: Any]
        else { throw .unreadable("meta params_json or catalog_json is missing or malformed") }
        var cuByModel: [(name: String, cuDeci: Int64)] = []
        for name in models.keys.sorted(by: byteOrder) {
            guard let spec = models[name] as? [String: Any], let cuText = spec["cu"] as? String,
                  let cu = try? ComputeUnits.parseDeci(cuText) else {
                throw .unreadable("meta catalog_json model \(name) is malformed")
            }
            cuByModel.append((name, cu))
        }
        return LedgerState.Genesis(cBaseAtto: cBase, cTotalAtto: cTotal, models: cuByModel,
                                   benchmarkLadder: failureMode == "benchmark_ladder")
    }
}

/// A prepared SELECT stepped through SQLite's C interface, its cells read in place.
///
/// A cell's bytes stay valid until the next `step` (https://sqlite.org/c3ref/column_blob.html).
struct RawCursor {
    private let statement: Statement
    private let handle: OpaquePointer

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
    }

    /// Moves to the next row; false at the end.
    mutating func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))), sql: statement.sql)
        }
    }

    func int(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func optionalInt(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
    }

    func text(_ column: Int32) -> StoredText {
        guard sqlite3_column_type(handle, column) != SQLITE_NULL else { return .null }
        let pointer = sqlite3_column_text(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return StoredText(UnsafeRawBufferPointer(start: pointer.map { UnsafeRawPointer($0) }, count: pointer == nil ? 0 : count))
    }

    /// Appends every cell of the row, each tagged by its type and ended by 0, then LF
    /// (a canonical rendering for comparing whole tables).
    func appendRow(to out: inout [UInt8]) {
        for column in 0..<sqlite3_column_count(handle) {
            switch sqlite3_column_type(handle, column) {
            case SQLITE_NULL: out.append(0)
            case SQLITE_INTEGER:
                out.append(1)
                DecimalText.append(sqlite3_column_int64(handle, column), to: &out)
                out.append(0)
            case SQLITE_FLOAT:
                out.append(2)
                out.append(contentsOf: String(sqlite3_column_double(handle, column)).utf8)
                out.append(0)
            case SQLITE_TEXT:
                out.append(3)
                if let cell = text(column).bytes { out.append(contentsOf: cell) }
                out.append(0)
            default:
                let cell = blob(column)
                out.append(4)
                DecimalText.append(Int64(cell.count), to: &out)
                out.append(0)
                out.append(contentsOf: cell)
            }
        }
        out.append(0x0A)
    }

    func blob(_ column: Int32) -> UnsafeRawBufferPointer {
        let pointer = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : count)
    }
}

/// One entry's transfer rows, copied out of the transfers cursor (which moves on) into one
/// reused buffer.
struct TransferRows {
    private typealias Cell = (start: Int, count: Int)?
    private var bytes: [UInt8] = []
    private var rows: [(index: Int64, debit: Cell, credit: Cell, amount: Cell)] = []
    private var views: [StoredTransfer] = []

    mutating func clear() {
        bytes.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
    }

    mutating func append(index: Int64, _ debit: StoredText, _ credit: StoredText, _ amount: StoredText) {
        func copy(_ cell: StoredText) -> Cell {
            guard let raw = cell.bytes else { return nil }
            defer { bytes.append(contentsOf: raw) }
            return (bytes.count, raw.count)
        }
        rows.append((index, copy(debit), copy(credit), copy(amount)))
    }

    /// Calls `body` with views of the rows (valid inside `body` only).
    mutating func withRows<E: Error>(_ body: ([StoredTransfer]) throws(E) -> Void) throws(E) {
        var result: Result<Void, E> = .success(())
        var views = self.views
        views.removeAll(keepingCapacity: true)
        bytes.withUnsafeBytes { raw in
            func view(_ cell: Cell) -> StoredText {
                guard let cell else { return .null }
                return StoredText(UnsafeRawBufferPointer(rebasing: raw[cell.start..<cell.start + cell.count]))
            }
            for row in rows {
                views.append(StoredTransfer(index: row.index, debit: view(row.debit), credit: view(row.credit),
                                            amountAtto: view(row.amount)))
            }
            do throws(E) { try body(views) } catch { result = .failure(error) }
        }
        views.removeAll(keepingCapacity: true)
        self.views = views
        try result.get()
    }
}
