import SwanCore
import SwanTables

/// Where a report cell goes: a statement being bound, or a row image being compared.
///
/// `put(_:)` is the one mapping of a `Cell` to what SQLite stores, so the rows a run writes
/// and the rows `swansim verify` recomputes go through the same code.
protocol CellSink {
    mutating func int(_ value: Int64)
    mutating func decimal(_ value: Int128, scaleDigits: Int)
    mutating func text(_ value: String)
    mutating func text(bytes: UnsafeRawBufferPointer)
    mutating func real(_ value: Double)
    mutating func null()
}

extension CellSink {
    /// Stores a report cell as OUTPUTS.md §1 represents it in SQLite.
    mutating func put(_ cell: Cell) {
        switch cell {
        case .integer(let value): int(value)
        case .atto(let value): decimal(value, scaleDigits: 0)
        case .microUSD(let value):
            // An INTEGER column cannot hold more than 64 bits: SQLite would turn the text into a
            // REAL anyway, so beyond ±9.2 × 10^18 µUSD it is stored as the nearest double, openly
            // (docs/DECISIONS.md); summary.json and the CSV files keep the exact decimal.
            if let exact = Int64(exactly: value) { int(exact) } else { real(Double(value)) }
        case .milli(let value): int(value)
        case .weightedCU(let value): decimal(value, scaleDigits: 19)
        case .ratio(let value): decimal(value, scaleDigits: 18)
        case .text(let value): text(value)
        case .null: null()
        }
    }
}

/// One row's cells as canonical bytes, each tagged by its SQLite type, with where each column ends.
///
/// Two rows are equal exactly when their images (bytes and column ends) are: a stored row read back (`RawCursor.image`)
/// and a recomputed one (`put`) compare with one `memcmp`, and only on a difference are the
/// columns looked at one by one.
struct RowImage: CellSink {
    enum Tag: UInt8 { case null = 0, integer = 1, real = 2, text = 3, blob = 4 }

    private(set) var bytes: [UInt8] = []
    /// The end offset of each column so far.
    private(set) var ends: [Int] = []

    mutating func clear() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    var columnCount: Int { ends.count }

    mutating func int(_ value: Int64) {
        bytes.append(Tag.integer.rawValue)
        DecimalText.append(value, to: &bytes)
        end()
    }

    mutating func decimal(_ value: Int128, scaleDigits: Int) {
        bytes.append(Tag.text.rawValue)
        DecimalText.append(value, scaleDigits: scaleDigits, to: &bytes)
        end()
    }

    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { text(bytes: UnsafeRawBufferPointer($0)) }
    }

    mutating func text(bytes raw: UnsafeRawBufferPointer) {
        bytes.append(Tag.text.rawValue)
        bytes.append(contentsOf: raw)
        end()
    }

    mutating func real(_ value: Double) {
        bytes.append(Tag.real.rawValue)
        bytes.append(contentsOf: String(value).utf8)
        end()
    }

    /// A blob: its length first, so that no two blobs' images run into each other.
    mutating func blob(_ raw: UnsafeRawBufferPointer) {
        bytes.append(Tag.blob.rawValue)
        DecimalText.append(Int64(raw.count), to: &bytes)
        bytes.append(0)
        bytes.append(contentsOf: raw)
        end()
    }

    mutating func null() {
        bytes.append(Tag.null.rawValue)
        ends.append(bytes.count)
    }

    private mutating func end() {
        bytes.append(0)
        ends.append(bytes.count)
    }

    /// The bytes of column `column`, its tag first.
    func cell(_ column: Int) -> ArraySlice<UInt8> {
        bytes[(column == 0 ? 0 : ends[column - 1])..<ends[column]]
    }

    /// The first column whose value differs from `other`'s, or nil when the rows are equal.
    func firstDifference(from other: RowImage) -> Int? {
        guard bytes != other.bytes || ends != other.ends else { return nil }
        for column in 0..<min(columnCount, other.columnCount) where cell(column) != other.cell(column) { return column }
        return min(columnCount, other.columnCount)
    }

    /// Column `column` as a reader would see it: `NULL`, a number, `'text'` quoted, or a blob's size.
    func describe(_ column: Int) -> String {
        guard column < columnCount else { return "(no such column)" }
        let cell = self.cell(column)
        guard let tag = cell.first.flatMap(Tag.init), tag != .null else { return "NULL" }
        let value = String(decoding: cell.dropFirst().dropLast(), as: UTF8.self)
        switch tag {
        case .integer: return value
        case .real: return value + " (REAL)"
        case .text:
            return "'" + VerificationFailure.shown(value) + "'"
        case .blob: return "a BLOB"
        case .null: return "NULL"
        }
    }
}
