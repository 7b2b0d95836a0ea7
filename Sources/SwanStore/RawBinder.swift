import GRDB
import GRDBSQLite

/// Binds and steps a prepared statement through SQLite's C interface.
///
/// The ledger writes millions of rows; GRDB's `StatementArguments` allocates per row, so
/// the hot inserts bind values straight onto the statement GRDB prepared and cached
/// (https://sqlite.org/c3ref/bind_blob.html). Values are copied (SQLITE_TRANSIENT).
struct RawBinder {
    private let handle: OpaquePointer
    private var index: Int32 = 0
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ statement: Statement) {
        handle = statement.sqliteStatement
        sqlite3_reset(handle)
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
        index += 1
        var value = value
        value.withUTF8 { buffer in
            _ = sqlite3_bind_text(handle, index, UnsafeRawPointer(buffer.baseAddress)?.assumingMemoryBound(to: CChar.self),
                                  Int32(buffer.count), Self.transient)
        }
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
