import Foundation
import SwanCore
import Testing

/// The seed table of ../shared/seeds, parsed here independently of tools/make_catalog.py.
struct SeedRow: Sendable {
    var model: String
    var cu: String
    var perCard: String
}

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func seedRows() throws -> [SeedRow] {
    let seed = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds/004_4437b6623b0700e4.txt")
    let lines = try String(contentsOf: seed, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        .map { $0.trimmingCharacters(in: .whitespaces) }
    guard let header = lines.firstIndex(of: "Collateral Requirement Per Card (in $SWAN)") else { return [] }
    let cells = lines[(header + 1)...].prefix { !$0.hasPrefix("Notes:") }.filter { !$0.isEmpty }
    return stride(from: cells.startIndex, to: cells.endIndex, by: 3).map { index in
        SeedRow(model: cells[index], cu: cells[index + 1], perCard: cells[index + 2])
    }
}

@Suite("Catalog swan-cu-v1 (RULES.md §4.2, Appendix A)")
struct CatalogTests {
    @Test("every seed row's per-card collateral is exactly CU × 3533")
    func seedPerCardIsCUTimesBase() throws {
        let rows = try seedRows()
        #expect(rows.count == 99)
        for row in rows {
            let cu = try ComputeUnits.parseDeci(row.cu)
            let perCard = try Decimal18.parse(row.perCard)
            #expect(Int128(cu) * 3533 * Decimal18.scale / 10 == perCard, "\(row.model)")
        }
    }

    @Test("the catalog holds each of the 98 distinct seed models with its CU, the duplicate merged")
    func catalogMatchesSeed() throws {
        let rows = try seedRows()
        let catalog = Catalog.swanCUv1
        #expect(catalog.models.count == 98)
        #expect(Set(rows.map(\.model)).count == 98)
        #expect(rows.filter { $0.model == "Tesla V100-PCIE-16GB" }.count == 2)
        for row in rows {
            #expect(catalog[row.model]?.cuDeci == (try ComputeUnits.parseDeci(row.cu)), "\(row.model)")
        }
    }

    @Test("the fixture file equals the embedded catalog")
    func fixtureMatchesEmbedded() throws {
        let url = repositoryRoot.appendingPathComponent("Fixtures/catalog/swan-cu-v1.json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let models = try #require(object?["models"] as? [String: [String: Any]])
        #expect(object?["name"] as? String == "swan-cu-v1")
        #expect(models.count == Catalog.swanCUv1.models.count)
        for model in Catalog.swanCUv1.models {
            let spec = try #require(models[model.name], "\(model.name)")
            #expect(spec["cu"] as? String == ComputeUnits.renderDeci(model.cuDeci))
            #expect(spec["tier"] as? String == model.tier?.rawValue)
        }
    }

    @Test("tiers are those of Appendix A", arguments: [
        (Tier.t1, ["RTX 3090", "RTX A4000"]),
        (Tier.t2, ["RTX 4090", "RTX 4090 D", "RTX A5000", "RTX A6000"]),
        (Tier.t3, ["A100-SXM4-80GB", "A100-PCIE-80GB", "A100 SXM4-40GB", "A100-PCIE-40GB"]),
        (Tier.t4, ["H100 NVL", "H100 PCIe", "H100 80GB HBM3", "H100 SXM"]),
    ])
    func tiers(_ tier: Tier, _ models: [String]) {
        #expect(Set(Catalog.swanCUv1.models.filter { $0.tier == tier }.map(\.name)) == Set(models))
    }

    @Test("catalog listing renders per-card requirements, with the FCP weight for fcp")
    func listing() throws {
        let ecp = try CatalogListing(catalog: .swanCUv1, cBaseAtto: 3533 * Decimal18.scale, kind: .ecp,
                                     fcpWeightWad: 1_200_000_000_000_000_000)
        let fcp = try CatalogListing(catalog: .swanCUv1, cBaseAtto: 3533 * Decimal18.scale, kind: .fcp,
                                     fcpWeightWad: 1_200_000_000_000_000_000)
        #expect(ecp.rows.first { $0.model == "H200" }?.perCardAtto == (try Decimal18.parse("70306.7")))
        #expect(fcp.render(.csv).contains("\nRTX 3080,1,,4239.6\n"))
        #expect(ecp.render(.json).contains("{\"model\": \"H100 SXM\", \"cu\": \"28\", \"tier\": \"t4\", \"required_per_card\": \"98924\"}"))
        #expect(ecp.render(.table).hasSuffix("98 models\n"))
    }

    @Test("upsert replaces in place, remove keeps the others in order, positions are dense")
    func editsAndPositions() {
        var catalog = Catalog(baseName: nil, models: [
            CatalogModel(name: "b", cuDeci: 10), CatalogModel(name: "a", cuDeci: 20), CatalogModel(name: "c", cuDeci: 30),
        ])
        catalog.upsert(CatalogModel(name: "a", cuDeci: 21))
        catalog.upsert(CatalogModel(name: "d", cuDeci: 40))
        #expect(catalog.models.map(\.name) == ["b", "a", "c", "d"])
        #expect(catalog["a"]?.cuDeci == 21)
        #expect(catalog.sortedNames == ["a", "b", "c", "d"])
        #expect(catalog.setCU("c", deci: 31) == 30)
        #expect(catalog.setCU("z", deci: 1) == nil)
        catalog.remove("a")
        catalog.remove("z")
        #expect(catalog.models.map(\.name) == ["b", "c", "d"])
        #expect(catalog.models.map(\.cuDeci) == [10, 31, 40])
        #expect(["b", "c", "d", "a"].map { catalog.position(of: $0) } == [0, 1, 2, nil])
        #expect((0..<3).map { catalog[position: $0].name } == ["b", "c", "d"])
        #expect(catalog != Catalog(baseName: nil, models: [
            CatalogModel(name: "c", cuDeci: 31), CatalogModel(name: "b", cuDeci: 10), CatalogModel(name: "d", cuDeci: 40),
        ]))
        #expect(catalog == Catalog(baseName: nil, models: catalog.models))
    }
}
