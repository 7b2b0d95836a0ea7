/// The parameter presets of RULES.md §14.
public enum Preset: String, CaseIterable, Sendable {
    case swan2024_06 = "swan-2024-06"
    case swan2024_12 = "swan-2024-12"
    case swan2_0 = "swan-2.0"

    /// The preset used when a scenario names none.
    public static let `default` = Preset.swan2024_12
}

/// One resolved parameter value, in the representation the rules compute with.
public enum ParameterValue: Equatable, Sendable {
    /// Amount (atto-SWAN) or Ratio (wad); both are exact decimals scaled by 10^18.
    case decimal(Int128)
    /// CU in deci-CU.
    case cu(Int64)
    /// Integer or Percent.
    case integer(Int64)
    case bool(Bool)
    /// One of a closed set of names.
    case name(String)
    /// `economics.swan_usd` when unset.
    case null
}

/// The value type of a parameter key (RULES.md §14 "Type"), with its allowed range.
public enum ParameterType: Equatable, Sendable {
    /// Amount, ≤ supply.total (checked by the loader, which knows the supply).
    case amount(max: Int128?)
    /// Ratio within [min, max] (wads); `minExclusive` for `fcp_weight` (0 < w).
    case ratio(min: Int128, max: Int128, minExclusive: Bool)
    /// Ratio or null.
    case nullableRatio(max: Int128)
    /// Ratio converted to binary64 (`ubi.a`, `ubi.b`, `ubi.c`).
    case binary64Ratio
    /// CU, 0 … max deci-CU.
    case cu(maxDeci: Int64)
    /// Integer within [min, max].
    case integer(min: Int64, max: Int64)
    case bool
    case enumeration([String])
}

/// A parameter key with its type and its value in each preset.
public struct ParameterDefinition: Sendable {
    public var group: String
    public var key: String
    public var type: ParameterType
    /// Values for swan-2024-06, swan-2024-12, swan-2.0.
    public var presetValues: [Preset: ParameterValue]

    /// `group.key`, as written in RULES.md §14.
    public var name: String { group + "." + key }
}

/// The fully resolved parameters of a run: a preset with a scenario's overrides applied.
///
/// Values are looked up by `group.key`. Canonical JSON (for `meta.params_json`) iterates
/// the keys sorted by bytes, never a dictionary's order.
public struct Parameters: Equatable, Sendable {
    public private(set) var preset: Preset
    private var values: [String: ParameterValue]

    /// The preset's values, before overrides.
    public init(preset: Preset) {
        self.preset = preset
        var values: [String: ParameterValue] = [:]
        for definition in ParameterTable.definitions {
            values[definition.name] = definition.presetValues[preset]
        }
        self.values = values
    }

    /// The value of `group.key`; the table guarantees every key exists.
    public subscript(name: String) -> ParameterValue {
        guard let value = values[name] else { preconditionFailure("unknown parameter \(name)") }
        return value
    }

    /// Replaces one value (an override from the scenario's `params`).
    public mutating func set(_ name: String, _ value: ParameterValue) {
        precondition(values[name] != nil, "unknown parameter \(name)")
        values[name] = value
    }

    /// An Amount or Ratio value, in atto or wad.
    public func decimal(_ name: String) -> Int128 {
        guard case .decimal(let value) = self[name] else { preconditionFailure("\(name) is not a decimal") }
        return value
    }

    /// An Integer or Percent value.
    public func integer(_ name: String) -> Int64 {
        guard case .integer(let value) = self[name] else { preconditionFailure("\(name) is not an integer") }
        return value
    }

    /// An enumeration value.
    public func name(_ key: String) -> String {
        guard case .name(let value) = self[key] else { preconditionFailure("\(key) is not a name") }
        return value
    }

    /// A CU value in deci-CU.
    public func cuDeci(_ name: String) -> Int64 {
        guard case .cu(let value) = self[name] else { preconditionFailure("\(name) is not a CU") }
        return value
    }

    /// UBI tasks per provider per day for this kind (RULES.md §6.1; 1 under the benchmark ladder).
    public func ubiTasksPerDay(_ kind: ProviderKind) -> Int64 {
        if name("ubi.failure_mode") == "benchmark_ladder" { return 1 }
        return integer(kind == .ecp ? "ubi.tasks_ecp" : "ubi.tasks_fcp")
    }

    /// The rule `required(p)` is computed with, at the base collateral given.
    public func requirementRule(cBase: Int128) -> RequirementRule {
        RequirementRule(
            cBase: cBase,
            fcpWeightWad: decimal("collateral.fcp_weight"),
            mode: RequirementMode(rawValue: name("collateral.requirement_mode")) ?? .cu,
            tierAmounts: [
                .t1: decimal("collateral.tier_t1"), .t2: decimal("collateral.tier_t2"),
                .t3: decimal("collateral.tier_t3"), .t4: decimal("collateral.tier_t4"),
            ]
        )
    }

    /// `{"group":{"key":value}}` with keys sorted by bytes, no whitespace, decimals as strings.
    public var canonicalJSON: String { canonicalJSON(market: nil) }

    /// The canonical JSON with a market run's three groups merged in (OUTPUTS-MARKET §1):
    /// groups and keys in byte order, whichever table they come from.
    public func canonicalJSON(market: MarketParameters?) -> String {
        var groups: [String: [(String, String)]] = [:]
        for definition in ParameterTable.definitions {
            groups[definition.group, default: []].append(
                (definition.key, Self.canonicalValue(self[definition.name], type: definition.type)))
        }
        if let market {
            for (group, key, value) in market.resolvedValues {
                groups[group, default: []].append((key, Self.canonicalValue(value, type: nil)))
            }
        }
        let groupText = groups.keys.sorted(by: byteOrder).map { group -> String in
            let members = (groups[group] ?? []).sorted { byteOrder($0.0, $1.0) }.map { key, text in "\"\(key)\":" + text }
            return "\"\(group)\":{" + members.joined(separator: ",") + "}"
        }
        return "{" + groupText.joined(separator: ",") + "}"
    }

    static func canonicalValue(_ value: ParameterValue, type: ParameterType?) -> String {
        switch value {
        case .decimal(let wad): "\"" + Decimal18.render(wad) + "\""
        case .cu(let deci): "\"" + ComputeUnits.renderDeci(deci) + "\""
        case .integer(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .name(let text): "\"" + text + "\""
        case .null: "null"
        }
    }
}

/// Orders strings by their UTF-8 bytes: the order of everything hashed, stored or printed.
public func byteOrder(_ a: String, _ b: String) -> Bool {
    var a = a, b = b
    return a.withUTF8 { x in b.withUTF8 { y in byteOrderPrecedes(UnsafeRawBufferPointer(x), UnsafeRawBufferPointer(y)) } }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
