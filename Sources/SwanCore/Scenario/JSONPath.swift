/// A JSON path to a value of the scenario (SCENARIO-FORMAT.md §5.1): `$.script[3].amount`.
public struct JSONPath: Hashable, Sendable, CustomStringConvertible {
    /// One step from a container to a member.
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public private(set) var components: [Component]

    /// `$`, the document root.
    public static let root = JSONPath(components: [])

    public init(components: [Component]) {
        self.components = components
    }

    /// The path of a member of this object.
    public func key(_ name: String) -> JSONPath {
        JSONPath(components: components + [.key(name)])
    }

    /// The path of an element of this array.
    public func index(_ position: Int) -> JSONPath {
        JSONPath(components: components + [.index(position)])
    }

    /// `.name` for identifier-like keys, `["…"]` with JSON escaping otherwise, `[n]` for indices.
    public var description: String {
        var text = "$"
        for component in components {
            switch component {
            case .index(let position):
                text += "[\(position)]"
            case .key(let name) where isIdentifier(name):
                text += "." + name
            case .key(let name):
                text += "[" + jsonQuoted(name) + "]"
            }
        }
        return text
    }
}

/// `[A-Za-z_][A-Za-z0-9_]*`
private func isIdentifier(_ name: String) -> Bool {
    guard let first = name.utf8.first else { return false }
    func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 }
    return isLetter(first) && name.utf8.allSatisfy { isLetter($0) || ($0 >= 48 && $0 <= 57) }
}

/// A JSON string literal of `text` (RFC 8259 escaping; non-ASCII kept as UTF-8).
public func jsonQuoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
