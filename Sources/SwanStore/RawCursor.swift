import GRDB
import GRDBSQLite
import SwanCore

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

    /// A cached statement, reset and bound to `values` (?1, ?2, …): one per day or per row
    /// of `swansim verify`'s lookups, prepared once.
    init(_ db: Database, cached sql: String, _ values: Int64...) throws {
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
        sqlite3_reset(handle)
        for (index, value) in values.enumerated() { sqlite3_bind_int64(handle, Int32(index + 1), value) }
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

    /// The row's cells as a `RowImage` (cleared first).
    func image(into image: inout RowImage) {
        image.clear()
        for column in 0..<sqlite3_column_count(handle) {
            switch sqlite3_column_type(handle, column) {
            case SQLITE_NULL: image.null()
            case SQLITE_INTEGER: image.int(sqlite3_column_int64(handle, column))
            case SQLITE_FLOAT: image.real(sqlite3_column_double(handle, column))
            case SQLITE_TEXT: image.text(bytes: text(column).bytes ?? UnsafeRawBufferPointer(start: nil, count: 0))
            default: image.blob(blob(column))
            }
        }
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
