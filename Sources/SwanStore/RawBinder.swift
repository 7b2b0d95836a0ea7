import GRDB
import GRDBSQLite
import SwanCore

/// Binds and steps a prepared statement through SQLite's C interface.
///
/// The ledger writes millions of rows; GRDB's `StatementArguments` allocates per row, so
/// the hot inserts bind values straight onto the statement GRDB prepared and cached
/// (https://sqlite.org/c3ref/bind_blob.html). Text and blobs from a block buffer are bound
/// in place; rendered amounts and digests go to a scratch buffer that lives until the step,
/// so they are bound in place too (SQLITE_STATIC) and SQLite copies nothing it need not.
struct RawBinder: CellSink {
    private let handle: OpaquePointer
    private var index: Int32 = 0
    private let scratch: RowScratch?
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ statement: Statement, scratch: RowScratch? = nil) {
        handle = statement.sqliteStatement
        self.scratch = scratch
        scratch?.used = 0
        sqlite3_reset(handle)
    }

    /// Binds rendered bytes: in place in the scratch buffer when it has room, else copied.
    private mutating func bindRendered(_ bytes: UnsafeRawBufferPointer) {
        index += 1
        if let scratch, let stored = scratch.store(bytes) {
            _ = sqlite3_bind_text(handle, index, stored.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)
        } else {
            _ = sqlite3_bind_text(handle, index, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count),
                                  Self.transient)
        }
    }

    mutating func int(_ value: Int64) {
        index += 1
        sqlite3_bind_int64(handle, index, value)
    }

    mutating func int(_ value: Int64?) {
        guard let value else { return null() }
        int(value)
    }

    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { bindRendered(UnsafeRawBufferPointer($0)) }
    }

    /// Rendered text that outlives no row (copied into the scratch buffer).
    mutating func text(bytes: UnsafeRawBufferPointer) {
        bindRendered(bytes)
    }

    mutating func text(_ value: String?) {
        guard let value else { return null() }
        text(value)
    }

    mutating func blob(_ bytes: [UInt8]) {
        index += 1
        bytes.withUnsafeBytes { buffer in
            _ = sqlite3_bind_blob(handle, index, buffer.baseAddress, Int32(buffer.count), Self.transient)
        }
    }

    /// Text straight from a block buffer (no `String`): the bytes stay valid until `step`.
    mutating func text(_ span: TextSpan, in raw: UnsafeRawBufferPointer) {
        guard !span.isAbsent, let base = raw.baseAddress else { return null() }
        index += 1
        _ = sqlite3_bind_text(handle, index, (base + Int(span.start)).assumingMemoryBound(to: CChar.self), span.count, nil)
    }

    /// A blob straight from a block buffer; the bytes stay valid until `step`.
    mutating func blob(_ raw: UnsafeRawBufferPointer) {
        index += 1
        _ = sqlite3_bind_blob(handle, index, raw.baseAddress, Int32(raw.count), nil)
    }

    /// A base-10 amount rendered without a `String`.
    mutating func decimal(_ value: Int128) {
        decimal(value, scaleDigits: 0)
    }

    /// A decimal of `value` / 10^scaleDigits in canonical form.
    mutating func decimal(_ value: Int128, scaleDigits: Int) {
        var bytes = scratch?.takeDigits() ?? []
        bytes.removeAll(keepingCapacity: true)
        DecimalText.append(value, scaleDigits: scaleDigits, to: &bytes)
        bytes.withUnsafeBytes { bindRendered($0) }
        scratch?.giveBack(bytes)
    }

    mutating func decimal(_ value: Int128?) {
        guard let value else { return null() }
        decimal(value)
    }

    /// A digest as 64 lowercase hex characters, rendered without a `String`.
    mutating func hex(_ digest: Digest32) {
        digest.withHexBytes { bindRendered($0) }
    }

    mutating func real(_ value: Double) {
        index += 1
        sqlite3_bind_double(handle, index, value)
    }

    mutating func null() {
        index += 1
        sqlite3_bind_null(handle, index)
    }

    /// Runs the insert; a failure is a `DatabaseError` with SQLite's result code, message and SQL.
    func step() throws(DatabaseError) {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))),
                                sql: sqlite3_sql(handle).map { String(cString: $0) })
        }
    }
}

/// Bytes that must outlive one row's binds: amounts and digests rendered for that row.
///
/// One per database connection, reused for every row (its `used` is reset per row); only the
/// writing thread touches it.
final class RowScratch {
    private let storage: UnsafeMutableRawBufferPointer
    var used = 0
    private var digits: [UInt8] = []

    /// A reusable array to render a decimal into (hand it back with `giveBack`).
    func takeDigits() -> [UInt8] {
        defer { digits = [] }
        return digits
    }

    func giveBack(_ array: [UInt8]) { digits = array }

    init(capacity: Int = 16_384) {
        storage = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 8)
    }

    deinit { storage.deallocate() }

    /// Copies `bytes` in and returns where they are; nil when the row has used the room up.
    func store(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawPointer? {
        guard used + bytes.count <= storage.count, let base = storage.baseAddress else { return nil }
        let at = base + used
        if let source = bytes.baseAddress { at.copyMemory(from: source, byteCount: bytes.count) }
        used += bytes.count
        return UnsafeRawPointer(at)
    }
}
