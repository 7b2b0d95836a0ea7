import OrderedCollections

/// A SIP-002 collateral tier (RULES.md §4.3, Appendix A).
public enum Tier: String, CaseIterable, Sendable, Codable {
    case t1, t2, t3, t4
}

/// One GPU model of the catalog (RULES.md §4.2).
public struct CatalogModel: Equatable, Sendable {
    /// Exact, case-sensitive model name.
    public var name: String
    /// Computing Units × 10.
    public var cuDeci: Int64
    /// SIP-002 tier, if the model has one.
    public var tier: Tier?
    /// Capital cost of one card in USD as a wad (10^18 = $1), used only by the economics report.
    public var capexUSDWad: Int128?

    public init(name: String, cuDeci: Int64, tier: Tier? = nil, capexUSDWad: Int128? = nil) {
        self.name = name
        self.cuDeci = cuDeci
        self.tier = tier
        self.capexUSDWad = capexUSDWad
    }
}

/// The map from model name to CU, tier and capex that every requirement is computed from.
///
/// Models keep their source order for display; lookups are by exact name. A model's position
/// in that order is dense (0 ..< count) and stable until a model before it is removed. Anything
/// hashed or stored iterates `sortedNames`, so bytes never depend on insertion or hash order.
public struct Catalog: Equatable, Sendable {
    /// Fixture name this catalog started from (`swan-cu-v1`), or nil for an empty base.
    public var baseName: String?
    /// Models in display order (source order, then added models in the order given).
    public var models: [CatalogModel] { modelsByName.values.elements }
    /// Models by exact name, in display order.
    private var modelsByName: OrderedDictionary<String, CatalogModel>

    /// An empty catalog; `add` fills it.
    public init(baseName: String?, models: [CatalogModel] = []) {
        self.baseName = baseName
        self.modelsByName = [:]
        for model in models { upsert(model) }
    }

    /// The fixture `swan-cu-v1` (RULES.md Appendix A), built from the embedded table.
    public static let swanCUv1: Catalog = {
        let models = swanCUv1Rows.map { row in
            // The embedded table is generated and tested; a parse failure is a build defect.
            let deci = (try? ComputeUnits.parseDeci(row.cu)) ?? -1
            precondition(deci >= 0, "swan-cu-v1 row \(row.name) has an invalid CU")
            return CatalogModel(name: row.name, cuDeci: deci, tier: row.tier)
        }
        return Catalog(baseName: "swan-cu-v1", models: models)
    }()

    /// Fixture catalogs by name. Only `swan-cu-v1` exists in v1 (SCENARIO-FORMAT.md §3.2).
    public static func fixture(named name: String) -> Catalog? {
        name == "swan-cu-v1" ? swanCUv1 : nil
    }

    /// The model with this exact name.
    public subscript(name: String) -> CatalogModel? {
        modelsByName[name]
    }

    /// The position of the model with this exact name in display order (0 ..< `models.count`).
    public func position(of name: String) -> Int? {
        modelsByName.index(forKey: name)
    }

    /// The model at a position of `position(of:)`; the position must be in 0 ..< `models.count`.
    public subscript(position position: Int) -> CatalogModel {
        modelsByName.values[position]
    }

    /// Model names sorted by UTF-8 bytes: the order for hashing and canonical JSON.
    public var sortedNames: [String] {
        modelsByName.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// Adds a model, or replaces the one with the same name in place.
    public mutating func upsert(_ model: CatalogModel) {
        modelsByName[model.name] = model
    }

    /// Removes a model by name, keeping the others in order; removing an absent name does nothing.
    public mutating func remove(_ name: String) {
        modelsByName.removeValue(forKey: name)
    }

    /// Changes a model's CU (an `oracle_set_cu`); returns the old value, or nil if the model is absent.
    @discardableResult
    public mutating func setCU(_ name: String, deci: Int64) -> Int64? {
        guard let position = modelsByName.index(forKey: name) else { return nil }
        let old = modelsByName.values[position].cuDeci
        modelsByName.values[position].cuDeci = deci
        return old
    }
}
