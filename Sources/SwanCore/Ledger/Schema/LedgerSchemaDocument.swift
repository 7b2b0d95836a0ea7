/// The machine-readable description of the entry encoding, `docs/ledger-schema.json`, and the
/// payload table of docs/LEDGER-ENCODING.md, both rendered from `PayloadSchema` and the code
/// tables (kinds, origins, accounts, names). `tools/verify_ledger.py` and `tools/verify_proof.py`
/// decode every version from the JSON file alone; `SchemaDocumentTests` checks that the
/// committed files are what this renders.
public enum LedgerSchemaDocument {
    /// The identifier of the file's own layout.
    public static let identifier = "swansim-ledger-schema/1"

    /// `docs/ledger-schema.json`: keys in a fixed order, one payload field per line.
    public static var json: String {
        func quoted(_ text: String) -> String { "\"" + text + "\"" }
        func list(_ items: [String]) -> String { "[" + items.map(quoted).joined(separator: ", ") + "]" }
        var lines: [String] = ["{"]
        lines.append("  \"schema\": \(quoted(identifier)),")
        lines.append("  \"encoding\": \(quoted(EntryEncoding.version)),")
        lines.append("  \"reads\": \(list(EntryFormat.allCases.map(\.identifier))),")
        lines.append("  \"kinds\": \(list(EntryKind.allCases.map(\.rawValue))),")
        lines.append("  \"market_kinds\": \(list(EntryKind.allCases.filter(\.isMarket).map(\.rawValue))),")
        lines.append("  \"origins\": \(list(EntryOrigin.allCases.map(\.rawValue))),")
        lines.append("  \"presence\": \(list(["script_index", "provider", "task", "user", "amount_atto", "reason"])),")
        lines.append("  \"accounts\": [")
        let codes = AccountName.Code.all.map { code in
            let owner = code.isOwned ? quoted(code.ownerField.name) : "null"
            return "    {\"code\": \(code.value), \"prefix\": \(quoted(code.ownerPrefix)), \"suffix\": \(quoted(code.ownerSuffix)), \"owner\": \(owner)}"
        }
        lines.append(codes.joined(separator: ",\n"))
        lines.append("  ],")
        lines.append("  \"own_flag\": \(AccountName.Code.ownFlag),")
        lines.append("  \"names\": {")
        lines.append(NameSet.allCases.map { "    \(quoted($0.rawValue)): \(list($0.names))" }.joined(separator: ",\n"))
        lines.append("  },")
        lines.append("  \"payloads\": {")
        let kinds = EntryKind.allCases.map { kind -> String in
            let fields = PayloadSchema.fields(kind)
            guard !fields.isEmpty else { return "    \(quoted(kind.rawValue)): []" }
            let rows = fields.map { field in
                "      {\"name\": \(quoted(field.name)), \"type\": \(field.type.json), \"legacy\": \(quoted(field.legacy.rawValue))}"
            }
            return "    \(quoted(kind.rawValue)): [\n" + rows.joined(separator: ",\n") + "\n    ]"
        }
        lines.append(kinds.joined(separator: ",\n"))
        lines.append("  }")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The rows of the payload table in docs/LEDGER-ENCODING.md, between its markers.
    public static var markdownTable: String {
        var rows = ["| code | kind | fields, in order (type; unit) |", "|---|---|---|"]
        for kind in EntryKind.allCases {
            let fields = PayloadSchema.fields(kind).map { field in
                "`\(field.name)` (\(field.type.grammar)" + (field.note.isEmpty ? "" : "; \(field.note)") + ")"
            }
            rows.append("| \(kind.code) | `\(kind.rawValue)` | \(fields.isEmpty ? "—" : fields.joined(separator: ", ")) |")
        }
        return rows.joined(separator: "\n") + "\n"
    }
}

extension AccountName.Code.OwnerField {
    /// The entry column that names the owner.
    public var name: String {
        switch self {
        case .provider: "provider"
        case .task: "task"
        case .user: "user"
        }
    }
}
