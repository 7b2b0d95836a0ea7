import SwanCore

/// Reads `catalog` (SCENARIO-FORMAT.md §3.2): a fixture name, or a fixture with overrides.
struct CatalogReader {
    let diagnostics: Diagnostics

    /// The resolved catalog; on errors, the best catalog that could be built so that
    /// model references can still be checked.
    func read(_ value: Located?) -> Catalog {
        guard let value else { return .swanCUv1 }
        if case .string(let name) = value.node.value {
            guard let fixture = Catalog.fixture(named: name) else {
                diagnostics.report(.enumeration, value, "catalog \(jsonQuoted(name)) is not a known fixture (swan-cu-v1)")
                return .swanCUv1
            }
            return fixture
        }
        guard let reader = diagnostics.object(value, context: "catalog") else { return .swanCUv1 }
        var catalog = Catalog.swanCUv1
        if let base = reader.optional("base") {
            if case .null = base.node.value {
                catalog = Catalog(baseName: nil)
            } else if let name = diagnostics.string(base) {
                if let fixture = Catalog.fixture(named: name) {
                    catalog = fixture
                } else {
                    diagnostics.report(.enumeration, base, "catalog \(jsonQuoted(name)) is not a known fixture (swan-cu-v1)")
                }
            }
        }
        let baseCatalog = catalog
        if let remove = reader.optional("remove"), let names = diagnostics.array(remove) {
            for element in names {
                guard let name = diagnostics.string(element) else { continue }
                if catalog[name] == nil {
                    diagnostics.report(.unknownRef, element, "model \(jsonQuoted(name)) is not in the base catalog")
                } else {
                    catalog.remove(name)
                }
            }
        }
        if let models = reader.optional("models"), let modelsReader = diagnostics.object(models, context: "catalog.models") {
            for (name, spec) in modelsReader.allMembers {
                if !IDSyntax.isValidModelName(name) {
                    diagnostics.report(.idSyntax, spec, "model name \(jsonQuoted(name)) must be 1 … 64 printable ASCII characters")
                    continue
                }
                if let model = readModel(name, spec, base: baseCatalog[name]) { catalog.upsert(model) }
            }
        }
        reader.finish()
        return catalog
    }

    private func readModel(_ name: String, _ value: Located, base: CatalogModel?) -> CatalogModel? {
        guard let reader = diagnostics.object(value, context: "model spec") else { return nil }
        let cu = reader.required("cu").flatMap { diagnostics.cu($0) }
        var tier = base?.tier
        if let tierField = reader.optional("tier") {
            if case .null = tierField.node.value {
                tier = nil
            } else {
                tier = diagnostics.enumeration(tierField, Tier.allCases.map(\.rawValue), what: "tier").flatMap(Tier.init)
            }
        }
        let capex = reader.optionalNonNull("capex_usd").flatMap {
            diagnostics.decimal($0, max: 1_000_000 * Decimal18.scale, what: "ratio")
        }
        reader.finish()
        guard let cu else { return nil }
        return CatalogModel(name: name, cuDeci: cu, tier: tier, capexUSDWad: capex)
    }
}
