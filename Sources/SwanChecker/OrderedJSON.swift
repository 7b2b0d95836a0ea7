import SwanCore
import SwanTables

/// A JSON value whose objects keep the key order they were built with.
///
/// summary.json has a fixed field order (OUTPUTS.md §3), so it is built from this rather
/// than from a dictionary, and rendered with 2-space indentation, LF and a final newline.
public indirect enum OrderedJSON: Equatable, Sendable {
    case object([(String, OrderedJSON)])
    case array([OrderedJSON])
    case string(String)
    case integer(Int64)
    /// A sweep's seed may reach 2^64 − 1 (WORKFLOW.md §1).
    case unsigned(UInt64)
    case bool(Bool)
    case null

    public static func == (lhs: OrderedJSON, rhs: OrderedJSON) -> Bool {
        lhs.rendered == rhs.rendered
    }

    /// A canonical amount string, or null.
    static func amount(_ atto: Int128?) -> OrderedJSON {
        atto.map { .string(Decimal18.render($0)) } ?? .null
    }

    /// A decimal in 10^-digits units, or null.
    static func scaled(_ value: Int128?, digits: Int) -> OrderedJSON {
        value.map { .string(Decimal18.render($0, scaleDigits: digits)) } ?? .null
    }

    static func optionalBool(_ value: Bool?) -> OrderedJSON {
        value.map { .bool($0) } ?? .null
    }

    /// The document text: 2-space indentation, LF line endings, a final newline.
    public var rendered: String {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        write(into: &out, indent: 0, flush: { _ in })
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    /// The document text (as `rendered`) handed to `sink` in pieces of about a megabyte, in
    /// order: the summary.json of a million-provider run is over a gigabyte, and is written to its
    /// file (or compared with one) without ever being held whole.
    public func stream(_ sink: (inout [UInt8]) throws -> Void) rethrows {
        var out: [UInt8] = []
        out.reserveCapacity(Self.chunkBytes + (1 << 16))
        try write(into: &out, indent: 0, flush: sink)
        out.append(0x0A)
        try sink(&out)
    }

    /// The size past which `stream` hands its buffer on.
    public static let chunkBytes = 1 << 20

    /// Renders into bytes: summary.json of a large run has hundreds of thousands of values.
    /// `flush` receives `out` (to empty it) whenever it holds more than `chunkBytes`.
    private func write(into out: inout [UInt8], indent: Int, flush: (inout [UInt8]) throws -> Void) rethrows {
        func spaces(_ count: Int) { out.append(contentsOf: repeatElement(0x20, count: count)) }
        switch self {
        case .object(let members):
            guard !members.isEmpty else { return out.append(contentsOf: "{}".utf8) }
            out.append(contentsOf: "{\n".utf8)
            for (position, (key, value)) in members.enumerated() {
                spaces(indent + 2)
                appendQuoted(key, to: &out)
                out.append(contentsOf: ": ".utf8)
                try value.write(into: &out, indent: indent + 2, flush: flush)
                out.append(contentsOf: (position == members.count - 1 ? "\n" : ",\n").utf8)
                if out.count > Self.chunkBytes { try flush(&out) }
            }
            spaces(indent)
            out.append(UInt8(ascii: "}"))
        case .array(let elements):
            guard !elements.isEmpty else { return out.append(contentsOf: "[]".utf8) }
            out.append(contentsOf: "[\n".utf8)
            for (position, value) in elements.enumerated() {
                spaces(indent + 2)
                try value.write(into: &out, indent: indent + 2, flush: flush)
                out.append(contentsOf: (position == elements.count - 1 ? "\n" : ",\n").utf8)
                if out.count > Self.chunkBytes { try flush(&out) }
            }
            spaces(indent)
            out.append(UInt8(ascii: "]"))
        case .string(let text): appendQuoted(text, to: &out)
        case .integer(let number): DecimalText.append(number, to: &out)
        case .unsigned(let number): DecimalText.append(Int128(number), scaleDigits: 0, to: &out)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        }
    }
}

/// A JSON string literal appended as bytes; text needing no escape (nearly all) is copied whole.
private func appendQuoted(_ text: String, to out: inout [UInt8]) {
    var text = text
    let plain = text.withUTF8 { bytes in !bytes.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") } }
    guard plain else { return out.append(contentsOf: jsonQuoted(text).utf8) }
    out.append(UInt8(ascii: "\""))
    text.withUTF8 { out.append(contentsOf: $0) }
    out.append(UInt8(ascii: "\""))
}

extension OrderedJSON {
    /// A one-line rendering for messages.
    public var compact: String {
        switch self {
        case .string(let text): return jsonQuoted(text)
        case .integer(let number): return String(number)
        case .unsigned(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .array, .object: return rendered.split(separator: "\n").map { String($0.drop { $0 == " " }) }.joined()
        }
    }
}
