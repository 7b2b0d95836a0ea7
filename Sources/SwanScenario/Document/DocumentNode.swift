import SwanCore

/// A position in the source text, 1-based, used to order errors in document order.
public struct SourcePosition: Comparable, Hashable, Sendable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// One value of a scenario document, JSON or YAML, with where it was written.
///
/// Objects keep their members in source order, duplicates included, because the
/// validator must report duplicate keys (E_DUPLICATE_KEY) that a dictionary would hide.
public struct DocumentNode: Sendable {
    /// A member of an object, as written.
    public struct Member: Sendable {
        public var key: String
        public var keyPosition: SourcePosition
        public var value: DocumentNode
    }

    /// The JSON data model (SCENARIO-FORMAT.md §1).
    public enum Value: Sendable {
        case object([Member])
        case array([DocumentNode])
        case string(String)
        /// The number's source text, kept verbatim so that `3.0` and `1e3` can be told from `3`.
        case number(String)
        case bool(Bool)
        case null
    }

    public var value: Value
    public var position: SourcePosition

    public init(_ value: Value, at position: SourcePosition) {
        self.value = value
        self.position = position
    }

    /// The JSON type name used in E_TYPE messages ("expected integer, found string").
    public var typeName: String {
        switch value {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number(let text): isInteger(text) ? "integer" : "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }
}

/// `-?(0|[1-9][0-9]*)`: a JSON number with no fraction and no exponent.
func isInteger(_ text: String) -> Bool {
    var bytes = Array(text.utf8)[...]
    if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
    guard let first = bytes.first, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
    return !(first == 48 && bytes.count > 1)
}
