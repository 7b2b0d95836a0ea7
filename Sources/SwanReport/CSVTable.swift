import Foundation
import SwanCharts
import SwanStore

/// A CSV file of the run outputs (OUTPUTS.md §5) read for a report: the header, then records
/// visited one at a time, cells made into text only for the columns asked for.
///
/// provider_days.csv of the network year has 366,000 rows of 32 fields; visiting each record
/// as byte ranges keeps the report's memory to the columns it draws.
public struct CSVTable {
    /// The path, as given (for messages).
    let file: String
    /// The header's column names.
    let header: [String]
    private let bytes: [UInt8]
    private let bodyStart: Int

    /// Reads `path`; a missing or empty file, or one without a header, is `.malformed`.
    init(path: String) throws(ReportFailure) {
        let bytes: [UInt8]
        do throws(FileRefusal) { bytes = try RegularFile.read(path) } catch { throw .malformed(file: path, problem: error.problem) }
        var position = 0
        guard let first = Self.record(bytes, from: &position), !first.isEmpty, first != [0..<0] else {
            throw .malformed(file: path, problem: "no header row")
        }
        file = path
        header = first.map { String(decoding: bytes[$0], as: UTF8.self) }
        self.bytes = bytes
        bodyStart = position
    }

    /// The position of each of `columns` in the header.
    func indices(of columns: [String]) throws(ReportFailure) -> [Int] {
        var result: [Int] = []
        for column in columns {
            guard let index = header.firstIndex(of: column) else {
                throw .malformed(file: file, problem: "no column \(column) in the header")
            }
            result.append(index)
        }
        return result
    }

    /// Calls `body` with each record after the header, in file order.
    /// - Throws: `.malformed` when a record's field count differs from the header's, or what `body` throws.
    func forEachRecord(_ body: (CSVRecord) throws(ReportFailure) -> Void) throws(ReportFailure) {
        var position = bodyStart
        var line = 2
        while let fields = Self.record(bytes, from: &position) {
            if fields.count == 1 && fields[0].isEmpty { line += 1; continue }
            guard fields.count == header.count else {
                throw .malformed(file: file, problem: "line \(line): \(fields.count) fields, the header has \(header.count)")
            }
            try body(CSVRecord(table: self, fields: fields, line: line))
            line += 1
        }
    }

    /// The text of field `range`, unquoted when it was quoted.
    fileprivate func text(_ range: Range<Int>) -> String {
        let slice = bytes[range]
        guard slice.first == UInt8(ascii: "\""), slice.count >= 2 else { return String(decoding: slice, as: UTF8.self) }
        let inner = String(decoding: slice.dropFirst().dropLast(), as: UTF8.self)
        return inner.replacing("\"\"", with: "\"")
    }

    /// The field ranges of the record at `position` (quotes included), moving past its line end;
    /// nil at the end of the data. `verify` splits a differing output line with it too.
    public static func record(_ bytes: [UInt8], from position: inout Int) -> [Range<Int>]? {
        guard position < bytes.count else { return nil }
        var fields: [Range<Int>] = []
        var start = position, quoted = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if !quoted && byte == UInt8(ascii: ",") {
                fields.append(start..<position)
                start = position + 1
            } else if !quoted && byte == UInt8(ascii: "\n") {
                let end = position > start && bytes[position - 1] == UInt8(ascii: "\r") ? position - 1 : position
                fields.append(start..<end)
                position += 1
                return fields
            }
            position += 1
        }
        fields.append(start..<position)
        return fields
    }
}

/// One record of a `CSVTable`, read by column position.
struct CSVRecord {
    fileprivate let table: CSVTable
    fileprivate let fields: [Range<Int>]
    /// The 1-based line number in the file (for messages).
    let line: Int

    /// The text of field `index` ("" for an empty field).
    func text(_ index: Int) -> String { table.text(fields[index]) }

    /// Field `index` as an exact value; nil when empty.
    func value(_ index: Int) throws(ReportFailure) -> ChartValue? {
        let cell = text(index)
        if cell.isEmpty { return nil }
        do {
            return try ChartValue(parsing: cell)
        } catch {
            throw .malformed(file: table.file, problem: "line \(line), column \(table.header[index]): \(error)")
        }
    }

    /// Field `index` as an exact value, which must be present.
    func required(_ index: Int) throws(ReportFailure) -> ChartValue {
        guard let value = try value(index) else {
            throw .malformed(file: table.file, problem: "line \(line), column \(table.header[index]): empty")
        }
        return value
    }

    /// Field `index` as a whole number, which must be present.
    func integer(_ index: Int) throws(ReportFailure) -> Int {
        guard let number = Int(text(index)) else {
            throw .malformed(file: table.file, problem: "line \(line), column \(table.header[index]): "
                + "\"\(text(index))\" is not an integer")
        }
        return number
    }
}
