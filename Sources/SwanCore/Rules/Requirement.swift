/// Kind of computing provider (RULES.md §4.1).
public enum ProviderKind: String, CaseIterable, Sendable, Codable {
    /// Edge Computing Provider.
    case ecp
    /// Fog Computing Provider: its requirement is weighted by `fcp_weight`.
    case fcp
}

/// A count of cards of one model, as a provider declares them (order matters for task capacity).
public struct CardGroup: Equatable, Sendable {
    public var model: String
    public var count: Int64

    public init(model: String, count: Int64) {
        self.model = model
        self.count = count
    }
}

/// How the required collateral is computed (RULES.md §4.3).
public enum RequirementMode: String, Sendable, CaseIterable {
    /// Σ CU × C_base, weighted for FCP.
    case cu
    /// SIP-002 draft: a fixed amount per tiered card, the CU rule for untiered cards.
    case tiered
}

/// Why a requirement cannot be computed.
public enum RequirementError: Error, Equatable, Sendable {
    /// A card names a model the catalog does not hold.
    case unknownModel(String)
    /// A stored value would leave signed 128 bits (RULES.md §1.2, exit code 4).
    case overflow
}

/// The collateral parameters that `required` depends on, fixed for one evaluation.
public struct RequirementRule: Equatable, Sendable {
    /// Base collateral per CU, atto-SWAN.
    public var cBase: Int128
    /// FCP weight as a wad (1.2 → 1.2·10^18).
    public var fcpWeightWad: Int128
    public var mode: RequirementMode
    /// Per-card amounts of tiers t1…t4 in atto-SWAN (used in tiered mode).
    public var tierAmounts: [Tier: Int128]

    public init(cBase: Int128, fcpWeightWad: Int128, mode: RequirementMode = .cu,
                tierAmounts: [Tier: Int128] = [:]) {
        self.cBase = cBase
        self.fcpWeightWad = fcpWeightWad
        self.mode = mode
        self.tierAmounts = tierAmounts
    }

    /// m(p): the kind's weight as a wad.
    public func weightWad(_ kind: ProviderKind) -> Int128 {
        kind == .fcp ? fcpWeightWad : Decimal18.scale
    }

    /// wcu(p) in 10^-19 CU: Σ count × cu_deci × m(p). UBI weights use this in both modes.
    public func weightedCU(kind: ProviderKind, cards: [CardGroup], catalog: Catalog)
        throws(RequirementError) -> Int128
    {
        let weight = weightWad(kind)
        var total: Int128 = 0
        for card in cards {
            guard let model = catalog[card.model] else { throw .unknownModel(card.model) }
            total += Int128(card.count) * Int128(model.cuDeci) * weight
        }
        return total
    }

    /// required(p) in atto-SWAN (RULES.md §4.3), with a single floor in CU mode.
    public func required(kind: ProviderKind, cards: [CardGroup], catalog: Catalog)
        throws(RequirementError) -> Int128
    {
        switch mode {
        case .cu:
            let wcu = try weightedCU(kind: kind, cards: cards, catalog: catalog)
            return try floorCU(wcu)
        case .tiered:
            let weight = weightWad(kind)
            var tiered: Int128 = 0
            var untieredWCU: Int128 = 0
            for card in cards {
                guard let model = catalog[card.model] else { throw .unknownModel(card.model) }
                if let tier = model.tier, let amount = tierAmounts[tier] {
                    tiered += Int128(card.count) * amount
                } else {
                    untieredWCU += Int128(card.count) * Int128(model.cuDeci) * weight
                }
            }
            let (sum, overflow) = tiered.addingReportingOverflow(try floorCU(untieredWCU))
            if overflow { throw .overflow }
            return sum
        }
    }

    func floorCU(_ weightedCU: Int128) throws(RequirementError) -> Int128 {
        do {
            return try Arithmetic.muldiv(cBase, weightedCU, ComputeUnits.weightedPerCU)
        } catch {
            throw .overflow
        }
    }
}

/// Dynamic base collateral (RULES.md §4.4): C_base = ⌊C_total × 10 / Dn⌋ SWAN + b.
public enum DynamicBaseCollateral {
    /// - Parameters:
    ///   - cuTotal: Σ wcu over active providers, in 10^-19 CU.
    ///   - cuFloorDeci: `collateral.cu_floor` in deci-CU.
    ///   - cTotal: `collateral.c_total` in atto-SWAN.
    ///   - b: `collateral.b` in atto-SWAN.
    /// - Returns: the new C_base in atto-SWAN, whole SWAN plus b.
    public static func recompute(cuTotal: Int128, cuFloorDeci: Int64, cTotal: Int128, b: Int128) -> Int128 {
        let floorUnits = Int128(cuFloorDeci) * Decimal18.scale
        let denominator = max(cuTotal, floorUnits)
        guard denominator > 0 else { return b }
        // C_total·10 / Dn is SWAN per CU; C_total ≤ 10^30 atto, so ×10 fits.
        return (cTotal * 10 / denominator) * Decimal18.scale + b
    }
}

extension RequirementRule {
    /// wcu(p) from model ids and a CU table indexed by them (the dense form engine and checker keep).
    public func weightedCU(kind: ProviderKind, cards: [CardCount], cuDeci: [Int64]) -> Int128 {
        let weight = weightWad(kind)
        var total: Int128 = 0
        for card in cards { total += Int128(card.count) * Int128(cuDeci[Int(card.model)]) * weight }
        return total
    }

    /// required(p) from model ids (RULES.md §4.3); `tiers` are the models' tiers by id.
    public func required(kind: ProviderKind, cards: [CardCount], cuDeci: [Int64], tiers: [Tier?])
        throws(RequirementError) -> Int128
    {
        switch mode {
        case .cu:
            return try floorCU(weightedCU(kind: kind, cards: cards, cuDeci: cuDeci))
        case .tiered:
            let weight = weightWad(kind)
            var tiered: Int128 = 0
            var untieredWCU: Int128 = 0
            for card in cards {
                if let tier = tiers[Int(card.model)], let amount = tierAmounts[tier] {
                    tiered += Int128(card.count) * amount
                } else {
                    untieredWCU += Int128(card.count) * Int128(cuDeci[Int(card.model)]) * weight
                }
            }
            let (sum, overflow) = tiered.addingReportingOverflow(try floorCU(untieredWCU))
            if overflow { throw .overflow }
            return sum
        }
    }
}
