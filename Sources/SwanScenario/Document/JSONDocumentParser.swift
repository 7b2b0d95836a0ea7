import SwanCore

/// A strict RFC 8259 parser that keeps positions, source order and duplicate keys.
///
/// Foundation's JSONSerialization drops duplicate keys and reports no path, so the
/// validator could not give the errors SCENARIO-FORMAT.md §5 asks for. A syntax error
/// is reported at the innermost enclosing value with `line:column` in the message.
public struct JSONDocumentParser {
    private let bytes: [UInt8]
    private var offset = 0
    private var line = 1
    private var lineStart = 0
    /// Path of the value being parsed, for syntax errors.
    private var path = JSONPath.root
    private var depth = 0
    /// How deep arrays and objects may nest: 512 for a scenario, less for a format with a fixed shape.
    private let maximumDepth: Int

    init(bytes: [UInt8], maximumDepth: Int = 512) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    /// Parses one complete document; trailing non-whitespace is an error. Public for the
    /// tools that read swansim's own JSON back in order (a sweep's runs.csv reads each summary).
    /// - Parameter maximumDepth: deeper nesting is a syntax error (a proof allows 64, WORKFLOW.md §9.5).
    public static func parse(_ bytes: [UInt8], maximumDepth: Int = 512) throws(ScenarioError) -> DocumentNode {
        var parser = JSONDocumentParser(bytes: bytes, maximumDepth: maximumDepth)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw parser.syntaxError("a byte-order mark is not allowed")
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw parser.syntaxError("the file is not valid UTF-8")
        }
        parser.skipWhitespace()
        let node = try parser.parseValue()
        parser.skipWhitespace()
        if parser.offset < bytes.count {
            throw parser.syntaxError("unexpected content after the document")
        }
        return node
    }

    private var position: SourcePosition {
        SourcePosition(line: line, column: offset - lineStart + 1)
    }

    private func syntaxError(_ problem: String) -> ScenarioError {
        let here = position
        return ScenarioError(.json, at: path, "\(here.line):\(here.column): \(problem)", position: here)
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0D: offset += 1
            case 0x0A:
                offset += 1
                line += 1
                lineStart = offset
            default: return
            }
        }
    }

    private mutating func parseValue() throws(ScenarioError) -> DocumentNode {
        guard offset < bytes.count else { throw syntaxError("unexpected end of input") }
        let start = position
        switch bytes[offset] {
        case UInt8(ascii: "{"): return try parseObject(start)
        case UInt8(ascii: "["): return try parseArray(start)
        case UInt8(ascii: "\""): return DocumentNode(.string(try parseString()), at: start)
        case UInt8(ascii: "t"): try expectLiteral("true"); return DocumentNode(.bool(true), at: start)
        case UInt8(ascii: "f"): try expectLiteral("false"); return DocumentNode(.bool(false), at: start)
        case UInt8(ascii: "n"): try expectLiteral("null"); return DocumentNode(.null, at: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return DocumentNode(.number(try parseNumber()), at: start)
        default:
            throw syntaxError("unexpected character '\(printable(bytes[offset]))'")
        }
    }

    private mutating func enter() throws(ScenarioError) {
        depth += 1
        if depth > maximumDepth { throw syntaxError("nesting deeper than \(maximumDepth)") }
    }

    private mutating func parseObject(_ start: SourcePosition) throws(ScenarioError) -> DocumentNode {
        try enter()
        offset += 1
        var members: [DocumentNode.Member] = []
        skipWhitespace()
        if offset < bytes.count && bytes[offset] == UInt8(ascii: "}") {
            offset += 1
            depth -= 1
            return DocumentNode(.object(members), at: start)
        }
        let outer = path
        while true {
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                throw syntaxError("expected a string key")
            }
            let keyPosition = position
            let key = try parseString()
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else {
                throw syntaxError("expected ':' after key")
            }
            offset += 1
            skipWhitespace()
            path = outer.key(key)
            let value = try parseValue()
            path = outer
            members.append(.init(key: key, keyPosition: keyPosition, value: value))
            skipWhitespace()
            guard offset < bytes.count else { throw syntaxError("unexpected end of input in object") }
            if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
            if bytes[offset] == UInt8(ascii: "}") { offset += 1; break }
            throw syntaxError("expected ',' or '}'")
        }
        depth -= 1
        return DocumentNode(.object(members), at: start)
    }

    private mutating func parseArray(_ start: SourcePosition) throws(ScenarioError) -> DocumentNode {
        try enter()
        offset += 1
        var elements: [DocumentNode] = []
        skipWhitespace()
        if offset < bytes.count && bytes[offset] == UInt8(ascii: "]") {
            offset += 1
            depth -= 1
            return DocumentNode(.array(elements), at: start)
        }
        let outer = path
        while true {
            skipWhitespace()
            path = outer.index(elements.count)
            elements.append(try parseValue())
            path = outer
            skipWhitespace()
            guard offset < bytes.count else { throw syntaxError("unexpected end of input in array") }
            if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
            if bytes[offset] == UInt8(ascii: "]") { offset += 1; break }
            throw syntaxError("expected ',' or ']'")
        }
        depth -= 1
        return DocumentNode(.array(elements), at: start)
    }

    private mutating func expectLiteral(_ word: String) throws(ScenarioError) {
        let expected = Array(word.utf8)
        guard offset + expected.count <= bytes.count,
              Array(bytes[offset..<offset + expected.count]) == expected
        else { throw syntaxError("invalid literal, expected '\(word)'") }
        offset += expected.count
    }

    private mutating func parseNumber() throws(ScenarioError) -> String {
        let start = offset
        if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        guard offset < bytes.count, isDigit(bytes[offset]) else { throw syntaxError("invalid number") }
        if bytes[offset] == UInt8(ascii: "0") {
            offset += 1
        } else {
            while offset < bytes.count && isDigit(bytes[offset]) { offset += 1 }
        }
        if offset < bytes.count && bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard offset < bytes.count, isDigit(bytes[offset]) else { throw syntaxError("invalid number") }
            while offset < bytes.count && isDigit(bytes[offset]) { offset += 1 }
        }
        if offset < bytes.count && (bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E")) {
            offset += 1
            if offset < bytes.count && (bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-")) {
                offset += 1
            }
            guard offset < bytes.count, isDigit(bytes[offset]) else { throw syntaxError("invalid number") }
            while offset < bytes.count && isDigit(bytes[offset]) { offset += 1 }
        }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    private mutating func parseString() throws(ScenarioError) -> String {
        offset += 1  // opening quote
        var scalars = String.UnicodeScalarView()
        var runStart = offset
        func flush(_ end: Int) {
            scalars.append(contentsOf: String(decoding: bytes[runStart..<end], as: UTF8.self).unicodeScalars)
        }
        while true {
            guard offset < bytes.count else { throw syntaxError("unterminated string") }
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                flush(offset)
                offset += 1
                return String(scalars)
            }
            if byte < 0x20 { throw syntaxError("control character in string") }
            if byte != UInt8(ascii: "\\") { offset += 1; continue }
            flush(offset)
            offset += 1
            guard offset < bytes.count else { throw syntaxError("unterminated string") }
            let escape = bytes[offset]
            offset += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                let first = try parseHex4()
                if (0xD800...0xDBFF).contains(first) {
                    guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"),
                          bytes[offset + 1] == UInt8(ascii: "u") else { throw syntaxError("unpaired surrogate") }
                    offset += 2
                    let second = try parseHex4()
                    guard (0xDC00...0xDFFF).contains(second) else { throw syntaxError("unpaired surrogate") }
                    let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    guard let scalar = Unicode.Scalar(value) else { throw syntaxError("invalid surrogate pair") }
                    scalars.append(scalar)
                } else if let scalar = Unicode.Scalar(first) {
                    scalars.append(scalar)
                } else {
                    throw syntaxError("unpaired surrogate")
                }
            default:
                throw syntaxError("invalid escape '\\\(printable(escape))'")
            }
            runStart = offset
        }
    }

    private mutating func parseHex4() throws(ScenarioError) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw syntaxError("invalid \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt32
            switch byte {
            case 48...57: digit = UInt32(byte - 48)
            case 65...70: digit = UInt32(byte - 55)
            case 97...102: digit = UInt32(byte - 87)
            default: throw syntaxError("invalid \\u escape")
            }
            value = value * 16 + digit
            offset += 1
        }
        return value
    }
}

@inline(__always)
private func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

private func printable(_ byte: UInt8) -> String {
    byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16)
}
