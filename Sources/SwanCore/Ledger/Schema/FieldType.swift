/// The type of one payload field (docs/LEDGER-ENCODING.md "Payload schema").
///
/// A type fixes how a value is written in every encoding: `swansim-entry/3` writes it
/// compactly (no names, integers only as wide as they need), the read-only versions 1 and 2
/// wrote a name and a tag before each value. Both are derived from the type, so a field's
/// name and type are declared once, in `PayloadSchema`.
public indirect enum FieldType: Equatable, Sendable {
    /// An integer that fits 64 bits (counts, seconds, days, sequence numbers).
    case int64
    /// An integer that fits 128 bits: amounts in atto, wads, weights. Always exact.
    case int128
    /// 0 or 1.
    case flag
    /// UTF-8 text.
    case text
    /// A catalog model, written as its name.
    case model
    /// A registered provider, written as its id.
    case provider
    /// One of a closed list of names.
    case name(NameSet)
    case optional(FieldType)
    case list(FieldType)
    /// Two values, one after the other.
    case pair(FieldType, FieldType)

    /// The form `docs/ledger-schema.json` gives: a string for a scalar, an object otherwise.
    public var json: String {
        switch self {
        case .int64: "\"int64\""
        case .int128: "\"int128\""
        case .flag: "\"flag\""
        case .text: "\"text\""
        case .model: "\"model\""
        case .provider: "\"provider\""
        case .name(let set): "{\"name\":\"\(set.rawValue)\"}"
        case .optional(let inner): "{\"optional\":\(inner.json)}"
        case .list(let element): "{\"list\":\(element.json)}"
        case .pair(let first, let second): "{\"pair\":[\(first.json),\(second.json)]}"
        }
    }

    /// The short form of the grammar table in docs/LEDGER-ENCODING.md.
    public var grammar: String {
        switch self {
        case .int64, .int128, .flag, .text, .model, .provider: String(json.dropFirst().dropLast())
        case .name(let set): set.rawValue
        case .optional(let inner): "opt(\(inner.grammar))"
        case .list(let element): "list(\(element.grammar))"
        case .pair(let first, let second): "\(first.grammar), \(second.grammar)"
        }
    }
}

/// A closed list of names; a value is written as its position in `names` (compact) or as the
/// name itself (versions 1 and 2). The positions are part of `swansim-entry/3`: append, never
/// reorder.
public enum NameSet: String, CaseIterable, Sendable {
    case providerKind = "provider_kind"
    case providerKindFilter = "provider_kind_filter"
    case status
    case operation
    case reputationComponent = "reputation_component"

    public var names: [String] {
        switch self {
        case .providerKind: ProviderKind.allCases.map(\.rawValue)
        case .providerKindFilter: ProviderKindFilter.allCases.map(\.rawValue)
        case .status: ProviderStatus.allCases.map(\.rawValue)
        case .operation: OperationName.allCases.map(\.rawValue)
        case .reputationComponent: ["system", "user", "refund"]
        }
    }
}

/// Where a field appears in the read-only encodings 1 and 2, which grew with the market.
public enum LegacyPresence: String, Sendable {
    /// In every version.
    case always
    /// Only in `swansim-entry/2` (a market run).
    case market
    /// Only in `swansim-entry/2`, and there omitted (with the field count one less) when null.
    case marketWhenPresent = "market-when-present"
}

/// One named, typed field of a payload.
public struct PayloadField: Equatable, Sendable {
    public var name: String
    public var type: FieldType
    /// The unit or meaning, for the documentation (atto, wad, …); empty when the name says it.
    public var note: String
    public var legacy: LegacyPresence

    public init(_ name: String, _ type: FieldType, _ note: String = "", legacy: LegacyPresence = .always) {
        self.name = name
        self.type = type
        self.note = note
        self.legacy = legacy
    }
}
