import Foundation
import SwanChecker
import SwanCore
import SwanScenario
import SwanTables
import SwanTestSupport
import Testing

@Suite("Benchmark ladder, behaviours, task generators, economics")
struct GeneratedWorldTests {
    /// W21 through the engine: strike 1 suspends, strike 2 slashes 10 % of 10000, strike 3
    /// slashes 30 % of 9000 and removes.
    @Test("W21: the swan-2.0 ladder")
    func w21Ladder() throws {
        let entries = try run(ladderScenario)
        let strikes = entries.filter { $0.kind == .benchmarkFail }
        #expect(strikes.map { $0.payloadInteger("strike") } == [1, 2, 3])
        #expect(strikes.map(\.amountAtto) == [0, amount("1000"), amount("2700")])
        #expect(strikes[0].payloadInteger("suspended_until") == Int128(86_399 + 86_400))
        let statuses = entries.filter { $0.kind == .status }.map { ($0.payloadText("to") ?? "", $0.reason ?? "") }
        #expect(statuses.map(\.0) == ["active", "suspended", "active", "removed"])
        #expect(statuses[2].1 == "suspension_end")
        // Day 2 is spent suspended: its directive finds no benchmark to fail.
        #expect(entries.contains { $0.kind == .opRejected && $0.reason == "not_assigned" && $0.day == 2 })
        #expect(entries.filter { $0.kind == .ubiAssign }.map(\.day) == [1, 3, 4])
        #expect(check(try ScenarioLoader.load(Array(ladderScenario.utf8), syntax: .json), entries).invariants.ok)
    }

    private var ladderScenario: String {
        scenario(days: 5, providers: """
            {"id": "b", "kind": "ecp", "cards": [{"model": "RTX 3080", "count": 1}], "collateral": "10000"}
            """, script: """
            {"op": "ubi_outcome", "day": 1, "provider": "b", "fail_count": 1},
            {"op": "ubi_outcome", "day": 2, "provider": "b", "fail_count": 1},
            {"op": "ubi_outcome", "day": 3, "provider": "b", "fail_count": 1},
            {"op": "ubi_outcome", "day": 4, "provider": "b", "fail_count": 1}
            """, extra: "\"preset\": \"swan-2.0\"")
    }

    @Test("behaviour: top-up to required × buffer when nsc, then exit withdraws, requests and confirms")
    func behaviour() throws {
        let text = scenario(days: 12, providers: """
            {"id": "t", "kind": "ecp", "cards": [{"model": "RTX 4090", "count": 2}], "wallet": "5000", "collateral": "21000",
             "behaviour": {"topup_buffer": "1.05"}}
            """, script: """
            {"op": "slash", "day": 1, "second": 100, "provider": "t", "amount": "1000"},
            {"op": "register", "day": 1, "second": 100, "id": "x", "kind": "ecp", "cards": [{"model": "RTX 3080", "count": 1}],
             "collateral": "5000", "behaviour": {"exit_probability": "1"}},
            {"op": "lock", "day": 1, "second": 200, "provider": "x", "amount": "300"}
            """, extra: "\"params\": {\"collateral\": {\"withdraw_delay_s\": 3600}}")
        let entries = try run(text)
        let topUp = try #require(entries.first { $0.kind == .deposit && $0.origin == .behaviour })
        // required 20491.4 × 1.05 = 21515.97; holdings 20000 after the slash.
        #expect(topUp.day == 2 && topUp.amountAtto == amount("1515.97"))
        let exits = entries.filter { $0.provider == "x" && $0.origin == .behaviour }.map(\.kind)
        #expect(exits.first == .exit)
        // x registers on day 1; day 2 start: exit (any draw < 1); day 3 start: exit_withdraw withdraws free
        // and requests the escrow; an hour later exit_confirm confirms it.
        #expect(exits.contains(.withdraw) && exits.contains(.withdrawRequest) && exits.contains(.withdrawConfirm))
        let confirm = try #require(entries.first { $0.kind == .withdrawConfirm && $0.provider == "x" })
        #expect(confirm.time == 86_400 * 2 + 3600 && confirm.amountAtto == amount("300"))
        #expect(entries.first { $0.kind == .exit }?.time == 86_400)
        #expect(check(try ScenarioLoader.load(Array(text.utf8), syntax: .json), entries).invariants.ok)
    }

    @Test("task generators post per_day tasks with ids, times and rewards from stream 5")
    func generators() throws {
        let text = scenario(days: 2, providers: """
            {"id": "f", "kind": "fcp", "cards": [{"model": "H100 SXM", "count": 4}], "collateral": "600000"}
            """, extra: """
            "user_groups": [{"prefix": "c", "count": 3, "balance": "100000"}],
            "task_generators": [{"prefix": "job", "users": ["group:c"], "per_day": 5, "gpu_count": {"min": 1, "max": 2},
              "duration_hours": {"min": 1, "max": 3}, "price_per_gpu_hour": {"min": "1", "max": "2", "step": "0.5"},
              "collateral": "10"}]
            """)
        let entries = try run(text)
        let posts = entries.filter { $0.kind == .taskPost }
        #expect(posts.count == 10)
        #expect(Set(posts.compactMap(\.task)) == Set((1...2).flatMap { d in (1...5).map { "job-\(d)-\($0)" } }))
        #expect(posts.allSatisfy { $0.origin == .generator && $0.scriptIndex == nil })
        #expect(posts.map(\.time) == posts.map(\.time).sorted())
        for post in posts {
            let hours = Int128(post.payloadInteger("duration_s") ?? 0) / 3600
            let count = post.payloadInteger("gpu_count") ?? 0
            let perGPUHour = (post.amountAtto ?? 0) / (hours * count)
            #expect([amount("1"), amount("1.5"), amount("2")].contains(perGPUHour), "\(post.task ?? "")")
        }
        #expect(check(try ScenarioLoader.load(Array(text.utf8), syntax: .json), entries).invariants.ok)
    }

    @Test("tiered requirement mode: SIP-002 amounts per tiered card, CU rule for the rest")
    func tieredMode() throws {
        let entries = try run(scenario(days: 1, providers: """
            {"id": "t", "kind": "fcp", "cards": [{"model": "RTX 4090", "count": 2}, {"model": "RTX 3080", "count": 1}],
             "collateral": "24239.6"}
            """, extra: "\"preset\": \"swan-2.0\", \"params\": {\"collateral\": {\"requirement_mode\": \"tiered\"}}"))
        let status = try #require(entries.first { $0.kind == .status })
        // 2 × 10000 (t2, no FCP weight) + ⌊3533 × 1 × 1.2⌋ for the untiered card.
        #expect(status.payloadInteger("required") == amount("24239.6"))
        #expect(status.payloadText("to") == "active")
    }

    @Test("W28: provider economics")
    func w28() throws {
        var parameters = Parameters(preset: .default)
        parameters.set("economics.swan_usd", .decimal(amount("0.10")))
        let rules = EconomicsRulesProbe.provider(parameters: parameters, revenue: amount("1000"), slashed: 0, busy: 0,
                                                  provisioned: 30 * 86_400, period: 30 * 86_400, peak: amount("3533"))
        #expect(rules.revenue == "100" && rules.perGPUHour == "0.138889" && rules.power == "36" && rules.net == "64")
        #expect(rules.margin == "0.64" && rules.investment == "353.3" && rules.roi == "2.203982")
    }
}
