import SwanCore

/// Reads the canonical `meta.params_json` and `meta.catalog_json` of a ledger back into
/// `Parameters` and `Catalog`, with the same readers and checks as a scenario's `params`
/// and `catalog`: the checker then computes with exactly what the run computed with.
public enum MetaReader {
    /// Why meta could not be read.
    public struct Invalid: Error, CustomStringConvertible, Sendable {
        public var errors: [ScenarioError]
        public var description: String { errors.map { $0.line(file: "meta") }.joined(separator: "; ") }
    }

    public static func parameters(json: String, preset: Preset) throws(Invalid) -> Parameters {
        try parameters(json: json, preset: preset, market: false).parameters
    }

    /// The parameters and, for a market ledger (`swan-ledger/2`), the market groups of
    /// OUTPUTS-MARKET §1, read with the scenario's own readers.
    public static func parameters(json: String, preset: Preset, market: Bool) throws(Invalid)
        -> (parameters: Parameters, market: MarketParameters?)
    {
        let node = try document(json)
        let diagnostics = Diagnostics()
        let read = ParamsReader(diagnostics: diagnostics).read(Located(node: node, path: .root), preset: preset, market: market)
        guard diagnostics.errors.isEmpty else { throw Invalid(errors: diagnostics.sorted) }
        return read
    }

    /// The catalog listed in `catalog_json` exactly (every model is listed, so the base is not reapplied).
    public static func catalog(json: String) throws(Invalid) -> Catalog {
        let node = try document(json)
        let diagnostics = Diagnostics()
        var catalog = Catalog(baseName: nil)
        if let reader = diagnostics.object(Located(node: node, path: .root), context: "catalog_json") {
            if let base = reader.optional("base"), case .string(let name) = base.node.value { catalog.baseName = name }
            if let models = reader.optional("models"), let modelsReader = diagnostics.object(models, context: "models") {
                for (name, spec) in modelsReader.allMembers {
                    guard let specReader = diagnostics.object(spec, context: "model") else { continue }
                    let cu = specReader.required("cu").flatMap { diagnostics.cu($0) }
                    let tier = specReader.optionalNonNull("tier").flatMap { diagnostics.string($0) }.flatMap(Tier.init)
                    let capex = specReader.optionalNonNull("capex_usd").flatMap { diagnostics.decimal($0, max: nil) }
                    specReader.finish()
                    if let cu { catalog.upsert(CatalogModel(name: name, cuDeci: cu, tier: tier, capexUSDWad: capex)) }
                }
            }
            reader.finish()
        }
        guard diagnostics.errors.isEmpty else { throw Invalid(errors: diagnostics.sorted) }
        return catalog
    }

    private static func document(_ json: String) throws(Invalid) -> DocumentNode {
        do {
            return try JSONDocumentParser.parse(Array(json.utf8))
        } catch {
            throw Invalid(errors: [error])
        }
    }
}
