import SwanCore
import SwanScenario
import SwanTestSupport
import Testing

/// Runs scenario JSON text through the engine.
func run(_ json: String) throws -> [LoggedEntry] {
    try loggedEntries(of: try ScenarioLoader.load(Array(json.utf8), syntax: .json))
}

/// Every entry of a run as the name-based test model reads its bytes.
func loggedEntries(of scenario: Scenario) throws -> [LoggedEntry] {
    var entries: [LoggedEntry] = []
    var failure: (any Error)?
    try Engine(scenario: scenario).run { block in
        for index in block.entries.indices {
            let bytes = block.withEntryBytes(index) { Array($0) }
            do { entries.append(try LoggedEncoding.decode(bytes)) } catch { failure = error }
        }
    }
    if let failure { throw failure }
    return entries
}

/// A scenario with the given days, providers, script and extra top-level members.
func scenario(days: Int = 1, providers: String, script: String = "", extra: String = "") -> String {
    """
    {"format": "swan-scenario/1", "name": "w", "days": \(days), "providers": [\(providers)],
     "script": [\(script)]\(extra.isEmpty ? "" : ", " + extra)}
    """
}

func amount(_ text: String) -> Int128 { (try? Decimal18.parse(text)) ?? -1 }

@Suite("Worked examples W11–W23 (RULES.md §16)")
struct WorkedExampleTests {
    @Test("W11: rate_slash of one failed UBI task")
    func w11() throws {
        let entries = try run(scenario(providers: """
            {"id": "a", "kind": "ecp", "cards": [{"model": "RTX 3080", "count": 1}], "collateral": "10000"},
            {"id": "b", "kind": "ecp", "cards": [{"model": "RTX 4090", "count": 2}], "collateral": "30000"},
            {"id": "c", "kind": "fcp", "cards": [{"model": "RTX 3080", "count": 1}], "collateral": "10000"},
            {"id": "d", "kind": "ecp", "cards": [{"model": "H200", "count": 2}], "collateral": "200000"}
            """, script: ["a", "b", "c", "d"].map { "{\"op\": \"ubi_outcome\", \"day\": 1, \"provider\": \"\($0)\", \"fail_indices\": [0]}" }
            .joined(separator: ",")))
        let slashes = Dictionary(uniqueKeysWithValues: entries.filter { $0.kind == .ubiFail }.map { ($0.provider ?? "", $0.amountAtto ?? 0) })
        #expect(slashes == ["a": amount("0.88325"), "b": amount("5.12285"), "c": amount("4.2396"), "d": amount("35.15335")])
    }

    @Test("W12: y_milli over the curve at u = 0", arguments: [
        (Int64(1), Int64(19_966_029)), (2, 24_709_997), (3, 27_971_946), (30, 54_549_223), (180, 73_666_555),
        (182, 73_668_430), (360, 67_250_505), (720, 45_209_179), (3650, 513_504),
    ])
    func w12(_ x: Int64, _ expected: Int64) {
        #expect(EngineParameters(Parameters(preset: .default)).yMilli(x: x, u: 0) == expected)
    }

    @Test("W13: y_milli(30) at u = 1/4 and 1/3")
    func w13() {
        let rules = EngineParameters(Parameters(preset: .default))
        #expect(rules.yMilli(x: 30, u: Double(1) / Double(4)) == 40_911_917)
        #expect(rules.yMilli(x: 30, u: Double(1) / Double(3)) == 36_366_148)
    }

    @Test("W14: UBI due offsets for ECP and FCP")
    func w14() throws {
        let entries = try run(scenario(providers: """
            {"id": "e", "kind": "ecp", "cards": [{"model": "RTX 3080", "count": 1}], "collateral": "10000"},
            {"id": "f", "kind": "fcp", "cards": [{"model": "RTX 3080", "count": 1}], "collateral": "10000"}
            """, script: """
            {"op": "ubi_outcome", "day": 1, "provider": "e", "fail_indices": [0, 1, 47]},
            {"op": "ubi_outcome", "day": 1, "provider": "f", "fail_indices": [0, 1, 12, 13]}
            """, extra: "\"params\": {\"ubi\": {\"failure_mode\": \"none\"}}"))
        let fails = entries.filter { $0.kind == .ubiFail }
        #expect(fails.filter { $0.provider == "e" }.map(\.time) == [1799, 3599, 86399])
        #expect(fails.filter { $0.provider == "f" }.map(\.time) == [6170, 12341, 80227, 86399])
    }

    @Test("W15, W16: day-1 and day-2 distribution of §6.1")
    func w15w16() throws {
        let (_, entries) = try runFixture("tiny-two-providers.json")
        let pays = entries.filter { $0.kind == .ubiPay }.map { ($0.day, $0.provider ?? "", $0.amountAtto ?? 0) }
        #expect(pays[0] == (1, "alice", amount("15853.977789285714285714")))
        #expect(pays[1] == (1, "bob", amount("3422.747828571428571428")))
        #expect(pays[2] == (2, "alice", amount("20473.997514285714285714")))
        #expect(pays[3] == (2, "bob", amount("4235.999485714285714285")))
        let days = entries.filter { $0.kind == .ubiDay }
        #expect(days[0].amountAtto! - days[0].payloadInteger("paid_total")! == amount("689.303382142857142858"))
        #expect(days[1].amountAtto! - days[1].payloadInteger("paid_total")! == 1)
        #expect(days[0].payloadInteger("w_total") == 70 * Decimal18.scale)
    }

    @Test("W17: y_eff is capped by the pool")
    func w17() throws {
        let entries = try run(scenario(providers: """
            {"id": "a", "kind": "ecp", "cards": [{"model": "RTX 3080", "count": 1}], "collateral": "10000"}
            """, extra: "\"params\": {\"supply\": {\"ubi_pool\": \"1000\"}}"))
        let day = try #require(entries.first { $0.kind == .ubiDay })
        #expect(day.payloadInteger("y_milli") == 19_966_029)
        #expect(day.amountAtto == 1000 * Decimal18.scale)
    }

    @Test("W18: slash into debt and repaying deposit, active → nsc → active")
    func w18() throws {
        let (_, entries) = try runFixture("tiny-two-providers.json")
        let slash = entries[22]
        #expect(slash.kind == .slash)
        #expect(slash.transfers == [
            LoggedTransfer(debit: .providerEscrow("bob"), credit: .slashedFunds, amountAtto: amount("100")),
            LoggedTransfer(debit: .providerFree("bob"), credit: .slashedFunds, amountAtto: amount("4200")),
            LoggedTransfer(debit: .providerFree("bob"), credit: .slashDebt, amountAtto: amount("700")),
        ])
        let statuses = entries.filter { $0.kind == .status && $0.provider == "bob" }.map { $0.payloadText("to") ?? "" }
        #expect(statuses == ["active", "nsc", "active"])
        #expect(balances(Array(entries.prefix(25)))["cp/bob/free"] == amount("4300"))
        #expect(balances(entries)["slash_debt"] == amount("700"))
    }

    @Test("W19: fee split of 7.95 and of 19 atto")
    func w19() throws {
        let entries = try run(scenario(providers: """
            {"id": "p", "kind": "fcp", "cards": [{"model": "RTX 3080", "count": 2}], "collateral": "10000"}
            """, script: """
            {"op": "task_post", "day": 1, "second": 10, "task": "a", "user": "u", "reward": "7.95", "duration_s": 60, "provider": "p"},
            {"op": "task_post", "day": 1, "second": 20, "task": "b", "user": "u", "reward": "0.000000000000000019", "duration_s": 60, "provider": "p"}
            """, extra: "\"users\": [{\"id\": \"u\", \"balance\": \"100\"}]"))
        let completes = entries.filter { $0.kind == .taskComplete }
        #expect(completes.map { $0.payloadInteger("fee") } == [amount("0.3975"), 0])
        #expect(completes[0].transfers.first { $0.credit == .providerWallet("p") }?.amountAtto == amount("7.5525"))
        #expect(completes[1].transfers == [LoggedTransfer(debit: .task("b"), credit: .providerWallet("p"), amountAtto: 19)])
    }

    @Test("W20: swan-2024-06 task lock 17665, slash 7066, unlock 10599")
    func w20() throws {
        let (_, entries) = try runFixture("june-2024-contract.json")
        let assign = try #require(entries.first { $0.kind == .taskAssign })
        let fail = try #require(entries.first { $0.kind == .taskFail })
        #expect(assign.amountAtto == amount("17665"))
        #expect(fail.amountAtto == amount("7066"))
        #expect(fail.payloadInteger("unlocked") == amount("10599"))
    }

    @Test("W21: strike-2 and strike-3 slash amounts: 10 % of 10000 is 1000, 30 % of 9000 is 2700")
    func w21() throws {
        #expect(try Arithmetic.applyRatio(amount("10000"), amount("0.10")) == amount("1000"))
        #expect(try Arithmetic.applyRatio(amount("9000"), amount("0.30")) == amount("2700"))
    }

    @Test("W22: top-up target of a 1.05 buffer")
    func w22() throws {
        #expect(try Arithmetic.applyRatio(amount("20491.4"), amount("1.05")) == amount("21515.97"))
    }

    @Test("W23: a withdraw request at t = 1000 is due at 605800")
    func w23() throws {
        let entries = try run(scenario(providers: """
            {"id": "p", "kind": "ecp", "cards": [{"model": "RTX 3080", "count": 1}], "collateral": "10000"}
            """, script: """
            {"op": "lock", "day": 1, "second": 500, "provider": "p", "amount": "100"},
            {"op": "request_withdraw", "day": 1, "second": 1000, "provider": "p", "amount": "100"}
            """))
        #expect(entries.first { $0.kind == .withdrawRequest }?.payloadInteger("due") == 605_800)
    }
}
