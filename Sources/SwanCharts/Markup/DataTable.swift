/// The numbers a chart was drawn from: a header and rows of text, shown as an HTML table and
/// offered as a CSV download (WORKFLOW.md §3: "its numbers available as a table or a download").
///
/// Cells are text: the source files' exact decimals or `DecimalFormat` output, never a `Double`.
public struct DataTable: Sendable, Equatable {
    /// Column headings, units included ("day", "C_base (SWAN)").
    public var columns: [String]
    /// One array of cells per row, each as long as `columns`; an empty cell means no value.
    public var rows: [[String]]

    /// A table of `rows` under `columns`.
    public init(columns: [String], rows: [[String]]) {
        self.columns = columns
        self.rows = rows
    }

    /// RFC 4180 text: LF line endings, fields quoted only when they hold a comma, quote or newline.
    public var csv: String {
        var out = columns.map(Self.csvField).joined(separator: ",") + "\n"
        for row in rows { out += row.map(Self.csvField).joined(separator: ",") + "\n" }
        return out
    }

    /// A `data:` URI of the CSV, percent-encoded so the page stays one self-contained file.
    public var csvDataURI: String {
        "data:text/csv;charset=utf-8," + Self.percentEncoded(csv)
    }

    /// The `<table>` element; columns whose cells are all numbers get class `num` (right-aligned).
    public var html: String {
        let numeric = columns.indices.map { column in
            rows.contains { $0.indices.contains(column) && !$0[column].isEmpty }
                && rows.allSatisfy { !$0.indices.contains(column) || $0[column].isEmpty || Self.isNumber($0[column]) }
        }
        func open(_ tag: String, _ column: Int) -> String {
            numeric.indices.contains(column) && numeric[column] ? "<\(tag) class=\"num\">" : "<\(tag)>"
        }
        var out = "<table>\n<thead><tr>"
        for (column, name) in columns.enumerated() { out += open("th", column) + Markup.escape(name) + "</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>"
            for (column, cell) in row.enumerated() { out += open("td", column) + Markup.escape(cell) + "</td>" }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>"
    }

    /// A decimal number: an optional `-`, digits, at most one `.`.
    static func isNumber(_ text: String) -> Bool {
        var digits = 0, dots = 0
        for (offset, character) in text.enumerated() {
            if character == "-" && offset == 0 { continue }
            if character == "." { dots += 1 } else if character.isASCII && character.isNumber { digits += 1 } else { return false }
        }
        return digits > 0 && dots <= 1
    }

    private static let plainPunctuation = Array("-._~,:()/".utf8)

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }

    /// Percent-encodes every byte outside the unreserved set `A–Z a–z 0–9 - . _ ~` (and keeps
    /// `,` `:` `(` `)` `/` readable, which are legal in a data URI's data).
    static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 2)
        for byte in text.utf8 {
            let plain = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || plainPunctuation.contains(byte)
            if plain {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement` (no Foundation needed).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}
