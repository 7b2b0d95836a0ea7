import SwanCore

/// One validation error of a scenario file (SCENARIO-FORMAT.md §5.1).
///
/// Rendered as `<file>:<path>: <CODE>: <message>`. `position` orders errors in document
/// order; it is not printed except inside syntax messages, which carry `line:column`.
public struct ScenarioError: Error, Equatable, Sendable, CustomStringConvertible {
    public var code: Code
    public var path: JSONPath
    public var message: String
    public var position: SourcePosition

    public init(_ code: Code, at path: JSONPath, _ message: String, position: SourcePosition) {
        self.code = code
        self.path = path
        self.message = message
        self.position = position
    }

    /// The error codes of SCENARIO-FORMAT.md §5.1; the raw value is the printed code.
    public enum Code: String, Sendable, CaseIterable {
        case json = "E_JSON"
        case format = "E_FORMAT"
        case duplicateKey = "E_DUPLICATE_KEY"
        case unknownField = "E_UNKNOWN_FIELD"
        case missingField = "E_MISSING_FIELD"
        case type = "E_TYPE"
        case amountSyntax = "E_AMOUNT_SYNTAX"
        case amountPrecision = "E_AMOUNT_PRECISION"
        case cuPrecision = "E_CU_PRECISION"
        case range = "E_RANGE"
        case step = "E_STEP"
        case enumeration = "E_ENUM"
        case idSyntax = "E_ID_SYNTAX"
        case duplicateID = "E_DUPLICATE_ID"
        case unknownRef = "E_UNKNOWN_REF"
        case conflict = "E_CONFLICT"
        case supply = "E_SUPPLY"
    }

    /// The line printed on standard error for a file named `file` (as given on the command line).
    public func line(file: String) -> String {
        "\(file):\(path): \(code.rawValue): \(message)"
    }

    public var description: String { line(file: "<scenario>") }
}

/// All errors of one scenario, in document order, at most 100 (SCENARIO-FORMAT.md §5.1).
public struct ScenarioErrors: Error, Sendable {
    /// The cap on reported errors.
    public static let limit = 100
    public var errors: [ScenarioError]

    public init(_ errors: [ScenarioError]) {
        self.errors = Array(errors.prefix(Self.limit))
    }
}
