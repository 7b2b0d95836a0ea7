import SwanCore
import SwanScenario
import Testing

@Suite("Scenario examples (SCENARIO-FORMAT.md §6)")
struct ScenarioExamplesTests {
    @Test("§6.1 tiny-two-providers is valid and resolves as written")
    func tiny() throws {
        let scenario = try ScenarioLoader.load(try fixture("tiny-two-providers.json"), syntax: .json)
        #expect(scenario.name == "tiny-two-providers")
        #expect(scenario.seed == 7 && scenario.days == 3)
        #expect(scenario.providers.map(\.id) == ["alice", "bob"])
        #expect(scenario.providers[1].kind == .fcp)
        #expect(scenario.providers[0].collateralAtto == 21_000 * Decimal18.scale)
        #expect(scenario.script.map(\.opName) == ["ubi_outcome", "lock", "slash", "deposit", "oracle_set_cu"])
        #expect(scenario.script[2].time == 86_400 + 3600)
        #expect(scenario.expect.entryCount == 37)
        #expect(scenario.expect.breachItems?.count == 2)
        #expect(scenario.expect.checkpoints.map(\.day) == [0, 1, 2])
    }

    @Test("§6.2 network-1000x365 is valid; its population matches the published draws")
    func network() throws {
        let scenario = try ScenarioLoader.load(try fixture("network-1000x365.json"), syntax: .json)
        let providers = scenario.providers
        #expect(providers.count == 1000)
        #expect(providers.first?.id == "p0001" && providers.last?.id == "p1000")
        #expect(scenario.users.count == 200 && scenario.users.first?.id == "client001" && scenario.users.last?.id == "client200")
        #expect(providers.filter { $0.kind == .ecp }.count == 811)
        #expect(providers.filter { $0.kind == .fcp }.count == 189)
        #expect(providers.map(\.cardCount).reduce(0, +) == 4730)
        let grants = providers.map { $0.walletAtto + $0.collateralAtto }.reduce(0, +)
        #expect(Decimal18.render(grants) == "210171450")
        let rows: [(String, ProviderKind, String, Int64, String, String)] = [
            ("p0001", .ecp, "A100-PCIE-80GB", 1, "46635", "4239"),
            ("p0002", .ecp, "H100 SXM", 7, "865585", "207740"),
            ("p0003", .ecp, "RTX 4090", 7, "82477", "28687"),
            ("p0004", .ecp, "RTX 4090", 8, "118850", "24589"),
            ("p0005", .fcp, "RTX 3080", 6, "36884", "12718"),
        ]
        for (index, row) in rows.enumerated() {
            let provider = providers[index]
            #expect(provider.id == row.0)
            #expect(provider.kind == row.1)
            #expect(provider.cards == [CardGroup(model: row.2, count: row.3)])
            #expect(Decimal18.render(provider.collateralAtto) == row.4, "\(row.0)")
            #expect(Decimal18.render(provider.walletAtto) == row.5, "\(row.0)")
        }
        #expect(scenario.taskGenerators.first?.users.count == 200)
    }

    @Test("YAML in the JSON-compatible subset loads to the same scenario")
    func yamlEquivalent() throws {
        let yaml = """
        format: swan-scenario/1
        name: tiny-yaml
        days: 2
        providers:
          - id: alice
            kind: ecp
            cards: [ { model: "RTX 4090", count: 2 } ]
            collateral: "21000"
        script:
          - { op: deposit, day: 1, provider: alice, amount: "5" }
        """
        #expect(errors(yaml, syntax: .yaml) == [])
        let scenario = try load(yaml, syntax: .yaml)
        #expect(scenario.providers.first?.collateralAtto == 21_000 * Decimal18.scale)
        #expect(scenario.script.first?.action == .deposit(provider: "alice", amountAtto: 5 * Decimal18.scale))
    }

    @Test("YAML outside the subset is refused", arguments: [
        ("format: swan-scenario/1\nname: t\ndays: &d 2\n", "E_JSON"),
        ("format: swan-scenario/1\nname: t\ndays: !!int 2\n", "E_JSON"),
        ("format: swan-scenario/1\nname: t\ndays: 2\nusers: [ { id: u, balance: 3533 } ]\n", "E_TYPE"),
        ("format: swan-scenario/1\nname: t\ndays: 2\ndays: 3\n", "E_DUPLICATE_KEY"),
        ("format: swan-scenario/1\nname: t\ndays: [\n", "E_JSON"),
    ])
    func yamlSubset(_ text: String, _ code: String) {
        let lines = errors(text, syntax: .yaml)
        #expect(lines.first?.contains(": \(code): ") == true, "\(lines)")
    }

    @Test("a control character in YAML is one error line at its line and column (found by the CLI mutation loop)")
    func yamlControlCharacter() {
        let lines = errors("format: swan-scenario/1\nname: t\ndays: \u{01}2\n", syntax: .yaml)
        #expect(lines.count == 1 && lines[0].contains("E_JSON: 3:7: control characters are not allowed"), "\(lines)")
        #expect(!lines.joined().contains("\n"))
    }
}
