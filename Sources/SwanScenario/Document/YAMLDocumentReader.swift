import SwanCore

import Yams

/// Reads the JSON-compatible subset of YAML (SCENARIO-FORMAT.md §1) into a `DocumentNode`.
///
/// Tags, anchors, aliases, merge keys and non-string keys are refused with E_JSON.
/// (Yams resolves the tags of mapping keys while checking them for duplicates, so a key
/// may carry the resolved `str` tag; any other tag is explicit.)
/// Plain scalars are typed by JSON's rules (`true`, `false`, `null`, JSON numbers);
/// every other plain scalar, and every quoted one, is a string. YAML 1.1 spellings such
/// as `yes`, `~` or `0x10` therefore stay strings, where the type check will flag them.
enum YAMLDocumentReader {
    static func read(_ text: String) throws(ScenarioError) -> DocumentNode {
        let root: Node?
        let parser: Parser
        do {
            // The parser is kept alive while converting: nodes hold their anchors weakly,
            // and only the parser's table keeps them, so an anchor is visible only then.
            parser = try Parser(yaml: text, resolver: .basic, constructor: .default, encoding: .utf8)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            throw syntax(error)
        } catch {
            throw ScenarioError(.json, at: .root, "\(error)", position: SourcePosition(line: 1, column: 1))
        }
        guard let root else {
            throw ScenarioError(.json, at: .root, "1:1: empty document", position: SourcePosition(line: 1, column: 1))
        }
        return try withExtendedLifetime(parser) { () throws(ScenarioError) -> DocumentNode in
            try convert(root, path: .root)
        }
    }

    /// Untagged nodes carry the implicit tag "" or, when quoted, the non-specific tag "!".
    private static func isUntagged(_ tag: Tag) -> Bool {
        tag.description.isEmpty || tag.description == "!"
    }

    private static func position(_ mark: Mark?) -> SourcePosition {
        SourcePosition(line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    private static func refuse(_ problem: String, _ mark: Mark?, _ path: JSONPath) -> ScenarioError {
        let at = position(mark)
        return ScenarioError(.json, at: path, "\(at.line):\(at.column): \(problem)", position: at)
    }

    private static func convert(_ node: Node, path: JSONPath) throws(ScenarioError) -> DocumentNode {
        switch node {
        case .alias(let alias):
            throw refuse("YAML aliases are not allowed", alias.mark, path)
        case .scalar(let scalar):
            if scalar.anchor != nil { throw refuse("YAML anchors are not allowed", scalar.mark, path) }
            // A quoted scalar without a tag comes back tagged `str` (libyaml's quoted_implicit).
            let quotedString = scalar.style != .plain && scalar.tag.description == Tag.Name.str.rawValue
            if !isUntagged(scalar.tag) && !quotedString {
                throw refuse("YAML tags are not allowed", scalar.mark, path)
            }
            let at = position(scalar.mark)
            guard scalar.style == .plain else { return DocumentNode(.string(scalar.string), at: at) }
            switch scalar.string {
            case "true": return DocumentNode(.bool(true), at: at)
            case "false": return DocumentNode(.bool(false), at: at)
            case "null": return DocumentNode(.null, at: at)
            default:
                if isJSONNumber(scalar.string) { return DocumentNode(.number(scalar.string), at: at) }
                return DocumentNode(.string(scalar.string), at: at)
            }
        case .sequence(let sequence):
            if sequence.anchor != nil { throw refuse("YAML anchors are not allowed", sequence.mark, path) }
            if !isUntagged(sequence.tag) {
                throw refuse("YAML tags are not allowed", sequence.mark, path)
            }
            var elements: [DocumentNode] = []
            for (index, element) in sequence.enumerated() {
                elements.append(try convert(element, path: path.index(index)))
            }
            return DocumentNode(.array(elements), at: position(sequence.mark))
        case .mapping(let mapping):
            if mapping.anchor != nil { throw refuse("YAML anchors are not allowed", mapping.mark, path) }
            if !isUntagged(mapping.tag) {
                throw refuse("YAML tags are not allowed", mapping.mark, path)
            }
            var members: [DocumentNode.Member] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key, (isUntagged(keyScalar.tag) || keyScalar.tag.description == Tag.Name.str.rawValue),
                      keyScalar.anchor == nil
                else { throw refuse("every key must be a string", key.mark, path) }
                if keyScalar.style == .plain && keyScalar.string == "<<" {
                    throw refuse("YAML merge keys are not allowed", keyScalar.mark, path)
                }
                if keyScalar.style == .plain && (["true", "false", "null"].contains(keyScalar.string)
                    || isJSONNumber(keyScalar.string)) {
                    throw refuse("every key must be a string", keyScalar.mark, path)
                }
                let member = try convert(value, path: path.key(keyScalar.string))
                members.append(.init(key: keyScalar.string, keyPosition: position(keyScalar.mark), value: member))
            }
            return DocumentNode(.object(members), at: position(mapping.mark))
        }
    }

    private static func syntax(_ error: YamlError) -> ScenarioError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return refuse(problem, mark, .root)
        case .composer(_, let problem, let mark, _):
            return refuse(problem, mark, .root)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let at = position(context.mark)
            return ScenarioError(.duplicateKey, at: .root,
                                 "\(at.line):\(at.column): duplicate key \(duplicates.map(jsonQuoted).joined(separator: ", "))",
                                 position: at)
        case .reader(let problem, let offset, _, let yaml):
            // libyaml reports the reader's problem (a control character, bad UTF-8) at a byte offset.
            let before = Array(yaml.utf8.prefix(offset ?? 0))
            let line = before.count { $0 == 0x0A } + 1
            let column = before.count - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
            return ScenarioError(.json, at: .root, "\(line):\(column): \(problem)", position: SourcePosition(line: line, column: column))
        default:
            // One line, as every error is (Yams' descriptions quote the source below the message).
            let message = "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable YAML"
            return ScenarioError(.json, at: .root, "1:1: \(message)", position: SourcePosition(line: 1, column: 1))
        }
    }
}

/// JSON's number grammar: `-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`.
func isJSONNumber(_ text: String) -> Bool {
    var bytes = Array(text.utf8)[...]
    func digits() -> Int {
        let count = bytes.prefix { $0 >= 48 && $0 <= 57 }.count
        bytes = bytes.dropFirst(count)
        return count
    }
    if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
    if bytes.first == UInt8(ascii: "0") {
        bytes = bytes.dropFirst()
    } else if digits() == 0 {
        return false
    }
    if bytes.first == UInt8(ascii: ".") {
        bytes = bytes.dropFirst()
        if digits() == 0 { return false }
    }
    if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
        bytes = bytes.dropFirst()
        if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        if digits() == 0 { return false }
    }
    return bytes.isEmpty
}
