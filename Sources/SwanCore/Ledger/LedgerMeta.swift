/// The `meta` table of OUTPUTS.md §2.1: what a ledger was made from.
///
/// Everything here is derived from the scenario and its bytes' digest; nothing depends on
/// the clock, the host or the path, so two runs write identical rows.
public struct LedgerMeta: Equatable, Sendable {
    /// Engine name and version: the one informational key.
    public static let engine = "swansim 0.1.0"
    /// The rules this engine implements (RULES.md), recorded in every output that results depend on.
    public static let rulesVersion = "swan-rules/1"
    /// The rules of a market run (RULES-MARKET).
    public static let marketRulesVersion = "swan-rules/2"

    /// The rules identifier of a run of this kind.
    public static func rulesVersion(market: Bool) -> String { market ? marketRulesVersion : rulesVersion }

    public var pairs: [(key: String, value: String)]

    public init(pairs: [(key: String, value: String)]) {
        self.pairs = pairs
    }

    /// The required keys for a run of `scenario`, whose file bytes hash to `scenarioSHA256`.
    /// - Parameter scenarioSourceBase64: the file's bytes in base64 (WORKFLOW.md §4): the
    ///   scenario travels with its ledger, so `swansim replay` can re-run it from the file alone.
    public init(scenario: Scenario, scenarioSHA256: String, scenarioSourceBase64: String) {
        let parameters = scenario.parameters
        let market = scenario.isMarketRun
        pairs = [
            ("format", market ? "swan-ledger/2" : "swan-ledger/1"),
            ("rules_version", Self.rulesVersion(market: market)),
            ("encoding_version", EntryEncoding.version),
            ("hash_algorithm", "sha256"),
            ("scenario_name", scenario.name),
            ("scenario_sha256", scenarioSHA256),
            ("scenario_source", scenarioSourceBase64),
            ("seed", String(scenario.seed)),
            ("preset", parameters.preset.rawValue),
            ("days", String(scenario.days)),
            ("supply_atto", String(parameters.decimal("supply.total"))),
            ("params_json", parameters.canonicalJSON(market: scenario.market)),
            ("catalog_json", scenario.catalog.canonicalJSON),
            ("engine", Self.engine),
        ]
    }

    public static func == (lhs: LedgerMeta, rhs: LedgerMeta) -> Bool {
        lhs.pairs.map(\.key) == rhs.pairs.map(\.key) && lhs.pairs.map(\.value) == rhs.pairs.map(\.value)
    }

    /// A market run's ledger (`format` `swan-ledger/2`, RULES-MARKET M0).
    public var isMarketRun: Bool { self["format"] == "swan-ledger/2" }

    /// The encoding of its entries, nil when `encoding_version` names none this build reads.
    public var format: EntryFormat? { self["encoding_version"].flatMap(EntryFormat.init(identifier:)) }

    /// The value of a key.
    public subscript(key: String) -> String? {
        pairs.first { $0.key == key }?.value
    }
}

extension Catalog {
    /// `{"base":…,"models":{name:{"capex_usd":…,"cu":…,"tier":…}}}`, keys sorted by bytes,
    /// no whitespace, decimals as strings (OUTPUTS.md §2.1 `catalog_json`).
    public var canonicalJSON: String {
        let base = baseName.map { "\"" + $0 + "\"" } ?? "null"
        let models = sortedNames.compactMap { name -> String? in
            guard let model = self[name] else { return nil }
            let capex = model.capexUSDWad.map { "\"" + Decimal18.render($0) + "\"" } ?? "null"
            let tier = model.tier.map { "\"" + $0.rawValue + "\"" } ?? "null"
            return jsonQuoted(name) + ":{\"capex_usd\":" + capex + ",\"cu\":\""
                + ComputeUnits.renderDeci(model.cuDeci) + "\",\"tier\":" + tier + "}"
        }
        return "{\"base\":" + base + ",\"models\":{" + models.joined(separator: ",") + "}}"
    }
}
