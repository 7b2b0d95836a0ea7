import SwanCore

/// The edits a sweep makes to its scenario before loading it (WORKFLOW.md §1).
///
/// A sweep run must behave exactly as `swansim run` of the edited file. Editing the parsed
/// document, not the resolved `Scenario`, gets that for free: the edited values go through
/// the same readers, range checks and §5.2 semantic checks as values written in a file, and
/// the seed reaches population expansion as it would from the file.
public struct ScenarioEdit: Sendable, Equatable {
    /// `group.key` (RULES.md §14) and the value as written on the command line.
    public var parameters: [(name: String, text: String)]
    /// Replaces the document's `seed`. A sweep may use any 64-bit seed, although a scenario
    /// file is limited to 2^53 − 1 (JSON's exact integers): the engine takes the full range.
    public var seed: UInt64?

    public init(parameters: [(name: String, text: String)] = [], seed: UInt64? = nil) {
        self.parameters = parameters
        self.seed = seed
    }

    public static func == (lhs: ScenarioEdit, rhs: ScenarioEdit) -> Bool {
        lhs.seed == rhs.seed && lhs.parameters.map(\.name) == rhs.parameters.map(\.name)
            && lhs.parameters.map(\.text) == rhs.parameters.map(\.text)
    }

    /// The document node a command-line value stands for, by the key's type: `true`/`false`
    /// for booleans, a number for integers, `null` for a nullable ratio, a string otherwise
    /// (Amount, Ratio and CU values are strings in a scenario file). A value that does not
    /// fit its type becomes the node that makes the reader name the problem.
    static func node(for text: String, type: ParameterType, at position: SourcePosition) -> DocumentNode {
        switch type {
        case .bool where text == "true" || text == "false":
            return DocumentNode(.bool(text == "true"), at: position)
        case .integer where isInteger(text):
            return DocumentNode(.number(text), at: position)
        case .nullableRatio where text == "null":
            return DocumentNode(.null, at: position)
        default:
            return DocumentNode(.string(text), at: position)
        }
    }

    /// The JSON text of a command-line value as the edit writes it for key `name` (a sweep's
    /// `grid_json` and `params_json`): the same typing as `node(for:type:)`.
    public static func jsonLiteral(_ text: String, name: String) -> String {
        guard let definition = editable(name) else { return jsonQuoted(text) }
        switch node(for: text, type: definition.type, at: SourcePosition(line: 1, column: 1)).value {
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return number
        case .null: return "null"
        default: return jsonQuoted(text)
        }
    }

    /// A key an edit can set: a parameter of RULES.md §14, or a market one (RULES-MARKET M12),
    /// which the loader then accepts in a `swan-scenario/2` file only.
    public static func editable(_ name: String) -> (group: String, key: String, type: ParameterType)? {
        if let definition = ParameterTable.definition(name) { return (definition.group, definition.key, definition.type) }
        return MarketParameters.definition(name)
    }

    /// The document with every parameter written into `params.<group>.<key>` (replacing what
    /// is there). Unknown names are left for the caller to refuse: they are skipped here.
    func apply(to root: DocumentNode) -> DocumentNode {
        guard case .object(var members) = root.value else { return root }
        var params = members.first(where: { $0.key == "params" })?.value ?? DocumentNode(.object([]), at: root.position)
        for (name, text) in parameters {
            guard let definition = Self.editable(name) else { continue }
            params = Self.setting(definition.key, in: definition.group, of: params,
                                  to: Self.node(for: text, type: definition.type, at: params.position))
        }
        Self.replace("params", with: params, in: &members, position: root.position)
        return DocumentNode(.object(members), at: root.position)
    }

    private static func setting(_ key: String, in group: String, of params: DocumentNode, to value: DocumentNode) -> DocumentNode {
        guard case .object(var groups) = params.value else { return params }
        var groupNode = groups.first(where: { $0.key == group })?.value ?? DocumentNode(.object([]), at: params.position)
        if case .object(var keys) = groupNode.value {
            replace(key, with: value, in: &keys, position: groupNode.position)
            groupNode = DocumentNode(.object(keys), at: groupNode.position)
        }
        replace(group, with: groupNode, in: &groups, position: params.position)
        return DocumentNode(.object(groups), at: params.position)
    }

    /// Replaces the first member named `key` and drops any later duplicate (the edit decides
    /// the value), or appends the member when there is none.
    private static func replace(_ key: String, with value: DocumentNode, in members: inout [DocumentNode.Member],
                                position: SourcePosition) {
        guard let index = members.firstIndex(where: { $0.key == key }) else {
            members.append(.init(key: key, keyPosition: position, value: value))
            return
        }
        members[index].value = value
        let kept = members[...index]
        members = Array(kept) + members[(index + 1)...].filter { $0.key != key }
    }
}
