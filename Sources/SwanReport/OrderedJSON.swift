import SwanCore

/// A JSON value whose objects keep the key order they were built with.
///
/// summary.json has a fixed field order (OUTPUTS.md §3), so it is built from this rather
/// than from a dictionary, and rendered with 2-space indentation, LF and a final newline.
public indirect enum OrderedJSON: Equatable, Sendable {
    case object([(String, OrderedJSON)])
    case array([OrderedJSON])
    case string(String)
    case integer(Int64)
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
        var out = ""
        write(into: &out, indent: 0)
        return out + "\n"
    }

    private func write(into out: inout String, indent: Int) {
        switch self {
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (position, (key, value)) in members.enumerated() {
                out += String(repeating: " ", count: indent + 2) + jsonQuoted(key) + ": "
                value.write(into: &out, indent: indent + 2)
                out += position == members.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        case .array(let elements):
            guard !elements.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (position, value) in elements.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                value.write(into: &out, indent: indent + 2)
                out += position == elements.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .string(let text): out += jsonQuoted(text)
        case .integer(let number): out += String(number)
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        }
    }
}

extension OrderedJSON {
    /// A one-line rendering for messages.
    public var compact: String {
        switch self {
        case .string(let text): return jsonQuoted(text)
        case .integer(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .array, .object: return rendered.split(separator: "\n").map { String($0.drop { $0 == " " }) }.joined()
        }
    }
}
