import SwanCore
import SwanScenario
import Testing

/// A `/1` or `/2` document with one provider `a`, one user `u`, and `members` added.
private func world(_ format: Int, _ members: String) -> String {
    """
    {"format": "swan-scenario/\(format)", "name": "m", "days": 3,
     "users": [{"id": "u", "balance": "100"}],
     "providers": [{"id": "a", "kind": "fcp", "cards": [{"model": "RTX 3080", "count": 1}], "collateral": "4300"}],
     \(members)}
    """
}

private let generator = #""prefix": "g", "users": ["u"], "per_day": 1, "duration_hours": {"min": 1, "max": 2}"#
private let post = #""op": "task_post", "day": 1, "task": "t", "user": "u", "reward": "1", "duration_s": 60"#

@Suite("swan-scenario/2: the market fields of providers, generators, ops and expect (SCENARIO-FORMAT-MARKET.md §3.2–§3.6, §5)")
struct MarketFieldTests {
    @Test("a /2 world with every market field loads into the typed scenario")
    func loads() throws {
        let text = world(2, """
            "task_generators": [{\(generator), "assign": "auction", "price_mode": "market", "market_price_factor": {"min": "0.5", "max": "2", "step": "0.5"}},
                                {\(generator.replacingOccurrences(of: "\"g\"", with: "\"h\"")), "price_per_gpu_hour": "2"}],
            "script": [{\(post), "assign": "auction"}, {"op": "set_price", "day": 1, "provider": "a", "asking_price": "1.5"},
                       {"op": "set_price", "day": 2, "provider": "a", "asking_price": null}, {"op": "job_fail", "day": 1, "task": "t", "provider": "a"}],
            "expect": {"providers": {"a": {"reputation": "50"}}, "checkpoints": [{"day": 1, "demand_factor": "1", "market_price": "1"}]}
            """)
        let scenario = try ScenarioLoader.load(Array(text.utf8), syntax: .json)
        let wad = MarketParameters.wad
        #expect(scenario.taskGenerators[0].assignment == .auction)
        #expect(scenario.taskGenerators[0].price == .market(factor: RatioRange(minWad: wad / 2, maxWad: 2 * wad, stepWad: wad / 2)))
        #expect(scenario.taskGenerators[1].assignment == .auto && scenario.taskGenerators[1].price == .fixed(perGPUHour: .fixed(2 * wad)))
        let actions = scenario.script.map(\.action)
        if case .taskPost(let p) = actions[0] { #expect(p.assignment == .auction) } else { Issue.record("not a post") }
        #expect(actions[1] == .setPrice(provider: "a", askingPriceAtto: 3 * wad / 2))
        #expect(actions[2] == .setPrice(provider: "a", askingPriceAtto: nil))
        #expect(actions[3] == .jobFail(task: "t", provider: "a"))
        #expect(scenario.expect.providers.first?.values.reputationWad == 50 * wad)
        #expect(scenario.expect.checkpoints.first?.demandFactorWad == wad && scenario.expect.checkpoints.first?.marketPriceAtto == wad)
    }

    @Test("a market generator without a factor prices at the quote (factor 1)")
    func defaultFactor() throws {
        let scenario = try ScenarioLoader.load(Array(world(2, #""task_generators": [{\#(generator), "price_mode": "market"}]"#).utf8), syntax: .json)
        #expect(scenario.taskGenerators[0].price == .market(factor: .fixed(MarketParameters.wad)))
    }

    /// Each market validation error of §5 beyond the parameters: code and path.
    static let cases: [(code: String, path: String, text: String)] = [
        ("E_ENUM", "$.script[0].op", world(1, #""script": [{"op": "set_price", "day": 1, "provider": "a", "asking_price": "1"}]"#)),
        ("E_ENUM", "$.script[0].op", world(1, #""script": [{"op": "job_fail", "day": 1, "task": "t", "provider": "a"}]"#)),
        ("E_ENUM", "$.script[0].assign", world(1, #""script": [{\#(post), "assign": "auction"}]"#)),
        ("E_UNKNOWN_FIELD", "$.task_generators[0].assign", world(1, #""task_generators": [{\#(generator), "price_per_gpu_hour": "1", "assign": "auto"}]"#)),
        ("E_UNKNOWN_FIELD", "$.task_generators[0].price_mode", world(1, #""task_generators": [{\#(generator), "price_per_gpu_hour": "1", "price_mode": "fixed"}]"#)),
        ("E_UNKNOWN_FIELD", "$.providers[0].asking_price", """
            {"format": "swan-scenario/1", "name": "m", "days": 3,
             "providers": [{"id": "a", "kind": "fcp", "cards": [{"model": "RTX 3080", "count": 1}], "asking_price": "1"}]}
            """),
        ("E_UNKNOWN_FIELD", "$.expect.providers.a.reputation", world(1, #""expect": {"providers": {"a": {"reputation": "50"}}}"#)),
        ("E_UNKNOWN_FIELD", "$.expect.checkpoints[0].demand_factor", world(1, #""expect": {"checkpoints": [{"day": 1, "demand_factor": "1"}]}"#)),
        ("E_ENUM", "$.expect.entries.by_kind.market_quote", world(1, #""expect": {"entries": {"by_kind": {"market_quote": 1}}}"#)),
        ("E_ENUM", "$.expect.invariants[0]", world(1, #""expect": {"invariants": ["quote"]}"#)),
        ("E_MISSING_FIELD", "$.task_generators[0].price_per_gpu_hour", world(2, #""task_generators": [{\#(generator)}]"#)),
        ("E_CONFLICT", "$.task_generators[0].price_per_gpu_hour", world(2, #""task_generators": [{\#(generator), "price_mode": "market", "price_per_gpu_hour": "1"}]"#)),
        ("E_CONFLICT", "$.task_generators[0].market_price_factor", world(2, #""task_generators": [{\#(generator), "price_per_gpu_hour": "1", "market_price_factor": "2"}]"#)),
        ("E_ENUM", "$.task_generators[0].assign", world(2, #""task_generators": [{\#(generator), "price_per_gpu_hour": "1", "assign": "manual"}]"#)),
        ("E_ENUM", "$.task_generators[0].price_mode", world(2, #""task_generators": [{\#(generator), "price_mode": "dynamic"}]"#)),
        ("E_RANGE", "$.task_generators[0].market_price_factor", world(2, #""task_generators": [{\#(generator), "price_mode": "market", "market_price_factor": "0"}]"#)),
        ("E_RANGE", "$.task_generators[0].market_price_factor", world(2, #""task_generators": [{\#(generator), "price_mode": "market", "market_price_factor": "1001"}]"#)),
        ("E_MISSING_FIELD", "$.script[0]", world(2, #""script": [{"op": "set_price", "day": 1, "provider": "a"}]"#)),
        ("E_RANGE", "$.script[0].asking_price", world(2, #""script": [{"op": "set_price", "day": 1, "provider": "a", "asking_price": "0"}]"#)),
        ("E_UNKNOWN_REF", "$.script[0].provider", world(2, #""script": [{"op": "set_price", "day": 1, "provider": "zz", "asking_price": "1"}]"#)),
        ("E_UNKNOWN_REF", "$.script[0].task", world(2, #""script": [{"op": "job_fail", "day": 1, "task": "nope", "provider": "a"}]"#)),
        ("E_UNKNOWN_REF", "$.script[1].provider", world(2, #""script": [{\#(post), "assign": "auction"}, {"op": "job_fail", "day": 1, "task": "t", "provider": "zz"}]"#)),
        ("E_CONFLICT", "$.script[0].assign", world(2, #""script": [{\#(post), "provider": "a", "assign": "auction"}]"#)),
        ("E_RANGE", "$.expect.checkpoints[0].demand_factor", world(2, #""expect": {"checkpoints": [{"day": 0, "demand_factor": "1"}]}"#)),
        ("E_RANGE", "$.expect.checkpoints[0].market_price", world(2, #""expect": {"checkpoints": [{"day": 0, "market_price": "1"}]}"#)),
        ("E_RANGE", "$.expect.providers.a.reputation", world(2, #""expect": {"providers": {"a": {"reputation": "100.5"}}}"#)),
    ]

    @Test("each market field error has its code at its path", arguments: cases.indices)
    func errorCase(_ index: Int) {
        let (code, path, text) = Self.cases[index]
        let lines = errors(text)
        #expect(lines.contains { $0.hasPrefix("tiny.json:\(path): \(code): ") }, "\(text) → \(lines)")
    }
}
