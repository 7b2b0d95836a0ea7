import SwanCore
import SwanScenario
import Testing

private func market(_ extra: String) -> String {
    "{\"format\": \"swan-scenario/2\", \"name\": \"m\", \"days\": 3, \(extra)}"
}

private let population = """
    "populations": [{"prefix": "p", "count": 40, "kind_mix": {"ecp": 1, "fcp": 1},
      "gpu_mix": [{"model": "H200", "weight": 1, "cards": {"min": 1, "max": 4}}],
      "collateral_factor": {"min": "1", "max": "2", "step": "0.25"}, "ubi_failure_rate": {"min": "0", "max": "0.1", "step": "0.01"}
    """

@Suite("swan-scenario/2 asking prices (SCENARIO-FORMAT-MARKET.md §3.2, §3.3; RULES-MARKET M6, M9)")
struct MarketPriceTests {
    @Test("a provider's and a register op's asking_price is an Amount > 0 or null, in /2 only")
    func providerPrices() throws {
        let resolved = try load(market("""
            "providers": [{"id": "a", "kind": "ecp", "cards": [{"model": "H200", "count": 1}], "asking_price": "1.25"},
                          {"id": "b", "kind": "ecp", "cards": [{"model": "H200", "count": 1}], "asking_price": null},
                          {"id": "c", "kind": "fcp", "cards": [{"model": "H200", "count": 1}]}],
            "script": [{"day": 1, "op": "register", "id": "d", "kind": "ecp", "cards": [{"model": "H200", "count": 1}],
                        "asking_price": "0.5"}]
            """))
        #expect(resolved.providers.map(\.askingPriceAtto) == [1_250_000_000_000_000_000, nil, nil])
        guard case .register(let registered) = resolved.script.first?.action else {
            Issue.record("the op is a register")
            return
        }
        #expect(registered.askingPriceAtto == 500_000_000_000_000_000)
        let cases: [(String, String, String)] = [
            ("E_RANGE", "$.providers[0].asking_price", market("\"providers\": [{\"id\": \"a\", \"kind\": \"ecp\", \"cards\": [{\"model\": \"H200\", \"count\": 1}], \"asking_price\": \"0\"}]")),
            ("E_TYPE", "$.providers[0].asking_price", market("\"providers\": [{\"id\": \"a\", \"kind\": \"ecp\", \"cards\": [{\"model\": \"H200\", \"count\": 1}], \"asking_price\": 2}]")),
            ("E_UNKNOWN_FIELD", "$.providers[0].asking_price", scenario("\"providers\": [{\"id\": \"a\", \"kind\": \"ecp\", \"cards\": [{\"model\": \"H200\", \"count\": 1}], \"asking_price\": \"2\"}]")),
            ("E_UNKNOWN_FIELD", "$.script[0].asking_price", scenario("\"script\": [{\"day\": 1, \"op\": \"register\", \"id\": \"d\", \"kind\": \"ecp\", \"cards\": [{\"model\": \"H200\", \"count\": 1}], \"asking_price\": \"2\"}]")),
        ]
        for (code, path, text) in cases {
            let lines = errors(text)
            #expect(lines.first?.hasPrefix("tiny.json:\(path): \(code): ") == true, "\(text) → \(lines)")
        }
    }

    @Test("a population's asking_price is drawn per member from its range (stream 1, field 8), leaving every version-1 draw as it was")
    func populationPrices() throws {
        let priced = try load(market(population + ", \"asking_price\": {\"min\": \"0.5\", \"max\": \"2\", \"step\": \"0.5\"}}]"))
        let unpriced = try load(market(population + "}]"))
        let version1 = try load(scenario(population + "}]"))
        let allowed: Set<Int128> = [5, 10, 15, 20].map { Int128($0) * 100_000_000_000_000_000 }.reduce(into: []) { $0.insert($1) }
        let prices = priced.providers.compactMap(\.askingPriceAtto)
        #expect(prices.count == 40 && prices.allSatisfy(allowed.contains))
        #expect(Set(prices).count > 1, "the draw varies across members")
        #expect(unpriced.providers.allSatisfy { $0.askingPriceAtto == nil })
        var withoutPrices = priced.providers
        for index in withoutPrices.indices { withoutPrices[index].askingPriceAtto = nil }
        #expect(withoutPrices == unpriced.providers && unpriced.providers == version1.providers)
        let again = try load(market(population + ", \"asking_price\": {\"min\": \"0.5\", \"max\": \"2\", \"step\": \"0.5\"}}]"))
        #expect(again.providers == priced.providers, "the draw is a function of the seed and the keys")
        for (code, path, text) in [
            ("E_RANGE", "$.populations[0].asking_price", market(population + ", \"asking_price\": {\"min\": \"0\", \"max\": \"2\", \"step\": \"1\"}}]")),
            ("E_STEP", "$.populations[0].asking_price.step", market(population + ", \"asking_price\": {\"min\": \"1\", \"max\": \"2\", \"step\": \"0.3\"}}]")),
            ("E_UNKNOWN_FIELD", "$.populations[0].asking_price", scenario(population + ", \"asking_price\": \"1\"}]")),
        ] {
            let lines = errors(text)
            #expect(lines.first?.hasPrefix("tiny.json:\(path): \(code): ") == true, "\(text) → \(lines)")
        }
    }
}
