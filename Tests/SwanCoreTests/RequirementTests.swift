import SwanCore
import Testing

private let swan = Decimal18.scale
private let weight: Int128 = 1_200_000_000_000_000_000

private func required(_ kind: ProviderKind, _ cards: [(String, Int64)], cBase: String = "3533") throws -> String {
    let rule = RequirementRule(cBase: try Decimal18.parse(cBase), fcpWeightWad: weight)
    return Decimal18.render(try rule.required(kind: kind, cards: cards.map { CardGroup(model: $0.0, count: $0.1) },
                                              catalog: .swanCUv1))
}

private func weighted(_ kind: ProviderKind, _ cards: [(String, Int64)]) throws -> String {
    let rule = RequirementRule(cBase: 3533 * swan, fcpWeightWad: weight)
    return ComputeUnits.renderWeighted(try rule.weightedCU(kind: kind, cards: cards.map { CardGroup(model: $0.0, count: $0.1) },
                                                           catalog: .swanCUv1))
}

@Suite("Required collateral (RULES.md §4.3, §4.4)")
struct RequirementTests {
    @Test("W4: ECP 2 × H200")
    func w4() throws {
        #expect(try weighted(.ecp, [("H200", 2)]) == "39.8")
        #expect(try required(.ecp, [("H200", 2)]) == "140613.4")
    }

    @Test("W5: FCP 1 × RTX 3080")
    func w5() throws {
        #expect(try weighted(.fcp, [("RTX 3080", 1)]) == "1.2")
        #expect(try required(.fcp, [("RTX 3080", 1)]) == "4239.6")
    }

    @Test("W6: ECP 1 × H100 SXM + 4 × RTX 4090")
    func w6() throws {
        #expect(try weighted(.ecp, [("H100 SXM", 1), ("RTX 4090", 4)]) == "39.6")
        #expect(try required(.ecp, [("H100 SXM", 1), ("RTX 4090", 4)]) == "139906.8")
    }

    @Test("W7: FCP 8 × A100-SXM4-80GB")
    func w7() throws {
        #expect(try weighted(.fcp, [("A100-SXM4-80GB", 8)]) == "130.56")
        #expect(try required(.fcp, [("A100-SXM4-80GB", 8)]) == "461268.48")
    }

    @Test("W8: a fractional C_base floors once")
    func w8() throws {
        #expect(try required(.ecp, [("RTX 3060", 1)], cBase: "3533.333333333333333333") == "2119.999999999999999999")
        #expect(try required(.fcp, [("RTX 3060", 1)], cBase: "3533.333333333333333333") == "2543.999999999999999999")
    }

    @Test("W9: dynamic C_base", arguments: [("2000", "3533"), ("3000", "3533"), ("4000.5", "2699"), ("6000", "1866")])
    func w9(_ cuTotal: String, _ expected: String) throws {
        let units = Int128(try ComputeUnits.parseDeci(cuTotal)) * swan
        let cBase = DynamicBaseCollateral.recompute(cuTotal: units, cuFloorDeci: 30_000, cTotal: 10_000_000 * swan, b: 200 * swan)
        #expect(Decimal18.render(cBase) == expected)
    }

    @Test("W10: 1000 FCP × H100 SXM gives C_base 497")
    func w10() throws {
        let rule = RequirementRule(cBase: 3533 * swan, fcpWeightWad: weight)
        let one = try rule.weightedCU(kind: .fcp, cards: [CardGroup(model: "H100 SXM", count: 1)], catalog: .swanCUv1)
        #expect(ComputeUnits.renderWeighted(one * 1000) == "33600")
        let cBase = DynamicBaseCollateral.recompute(cuTotal: one * 1000, cuFloorDeci: 30_000, cTotal: 10_000_000 * swan, b: 200 * swan)
        #expect(Decimal18.render(cBase) == "497")
    }

    @Test("tiered mode: tier amounts per card, untiered cards by CU, no FCP weight on tiers")
    func tiered() throws {
        var rule = Parameters(preset: .swan2_0).requirementRule(cBase: 3533 * swan)
        rule.mode = .tiered
        let cards = [CardGroup(model: "RTX 4090", count: 2), CardGroup(model: "RTX 3080", count: 1)]
        // 2 × 10000 (t2) + ⌊3533 × 1 × 1.2⌋ for the untiered FCP card.
        #expect(Decimal18.render(try rule.required(kind: .fcp, cards: cards, catalog: .swanCUv1)) == "24239.6")
        #expect(Decimal18.render(try rule.required(kind: .ecp, cards: cards, catalog: .swanCUv1)) == "23533")
    }

    @Test("an unknown model is an error, not zero")
    func unknownModel() {
        let rule = RequirementRule(cBase: 3533 * swan, fcpWeightWad: weight)
        #expect(throws: RequirementError.unknownModel("RTX 9999")) {
            try rule.required(kind: .ecp, cards: [CardGroup(model: "RTX 9999", count: 1)], catalog: .swanCUv1)
        }
    }
}
