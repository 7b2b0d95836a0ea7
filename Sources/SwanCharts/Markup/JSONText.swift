import SwanCore

/// A JSON value written with a fixed key order and no whitespace, for the page's embedded data.
///
/// Numbers that are money stay strings (as in summary.json); only counts are JSON integers,
/// so the embedded data is exact and its bytes are fixed by the order the caller gives.
public indirect enum JSONText: Sendable, Equatable {
    /// A string (money and decimals are strings, as in summary.json).
    case string(String)
    /// A count.
    case integer(Int)
    /// A flag.
    case bool(Bool)
    /// No value.
    case null
    /// A list, in order.
    case array([JSONText])
    /// Keys in the order given (not sorted): the caller decides the reading order.
    case object([(String, JSONText)])

    /// A string, or null when absent.
    public static func optional(_ text: String?) -> JSONText { text.map { .string($0) } ?? .null }

    /// The compact text.
    public var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    /// The text made safe inside `<script type="application/json">`: `</` becomes `<\/` and
    /// `<!--` becomes `\u003c!--`, so the data can never close the element or open a comment.
    public var scriptSafeText: String {
        var out = ""
        var previous: Character?
        for character in text {
            if character == "/" && previous == "<" {
                out += "\\/"
            } else {
                out.append(character)
            }
            previous = character
        }
        return out.replacing("<!--", with: "\\u003c!--")
    }

    /// Equal when the texts are equal (key order matters).
    public static func == (lhs: JSONText, rhs: JSONText) -> Bool { lhs.text == rhs.text }

    private func write(to out: inout String) {
        switch self {
        case .string(let value): Self.writeString(value, to: &out)
        case .integer(let value): out += String(value)
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                Self.writeString(member.0, to: &out)
                out += ":"
                member.1.write(to: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ value: String, to out: inout String) {
        out += jsonQuoted(value)
    }
}
