import SwanCore
import SwanScenario
import Testing

@Suite("Scenario validation errors (SCENARIO-FORMAT.md §5)")
struct ValidationErrorTests {
    @Test("the five example lines of §5.1, exactly, in document order")
    func specExamples() {
        let text = """
        {
          "format": "swan-scenario/1", "name": "tiny", "days": 3,
          "params": { "ubi": { "tasks_fcp": "14" } },
          "catalog": { "models": { "RTX 4090": { "cu": "2.95" } } },
          "providers": [
            { "id": "alice", "kind": "ecp", "cards": [ { "model": "RTX 4090", "count": 2 } ] },
            { "id": "bob", "kind": "fcp", "cards": [ { "model": "RTX 3080ti", "count": 1 } ] }
          ],
          "script": [
            { "op": "deposit", "day": 1, "provider": "alice", "amount": "10", "colour": "red" },
            { "op": "lock", "day": 1, "provider": "alice", "amount": "1" },
            { "op": "unlock", "day": 1, "provider": "alice", "amount": "1" },
            { "op": "withdraw", "day": 2, "provider": "alice", "amount": "1.0000000000000000001" }
          ]
        }
        """
        #expect(errors(text) == [
            "tiny.json:$.params.ubi.tasks_fcp: E_TYPE: expected integer, found string",
            "tiny.json:$.catalog.models[\"RTX 4090\"].cu: E_CU_PRECISION: \"2.95\" has 2 fractional digits, at most 1 allowed",
            "tiny.json:$.providers[1].cards[0].model: E_UNKNOWN_REF: model \"RTX 3080ti\" is not in catalog swan-cu-v1",
            "tiny.json:$.script[0].colour: E_UNKNOWN_FIELD: field \"colour\" is not allowed in op \"deposit\"",
            "tiny.json:$.script[3].amount: E_AMOUNT_PRECISION: 19 fractional digits, at most 18 allowed",
        ])
    }

    /// One document per error code; the first error must carry that code at that path.
    static let cases: [(code: String, path: String, text: String)] = [
        ("E_JSON", "$", "{\"format\": \"swan-scenario/1\", \"name\": \"t\", \"days\": 1,}"),
        ("E_JSON", "$.users[0]", "{\"users\": [{\"id\": \"u\" \"balance\": \"1\"}]}"),
        ("E_FORMAT", "$.format", "{\"format\": \"swan-scenario/3\", \"name\": \"t\", \"days\": 1}"),
        ("E_FORMAT", "$", "{\"name\": \"t\", \"days\": 1}"),
        ("E_DUPLICATE_KEY", "$.days", scenario("\"days\": 4")),
        ("E_UNKNOWN_FIELD", "$.colour", scenario("\"colour\": 1")),
        ("E_MISSING_FIELD", "$", "{\"format\": \"swan-scenario/1\", \"name\": \"t\"}"),
        ("E_MISSING_FIELD", "$.users[0]", scenario("\"users\": [{\"balance\": \"1\"}]")),
        ("E_TYPE", "$.days", scenario(days: "\"days\": \"3\"")),
        ("E_TYPE", "$.days", scenario(days: "\"days\": 3.0")),
        ("E_TYPE", "$.days", scenario(days: "\"days\": 1e3")),
        ("E_TYPE", "$.users[0].balance", scenario("\"users\": [{\"id\": \"u\", \"balance\": 3533}]")),
        ("E_TYPE", "$.description", scenario("\"description\": null")),
        ("E_AMOUNT_SYNTAX", "$.users[0].balance", scenario("\"users\": [{\"id\": \"u\", \"balance\": \"1e3\"}]")),
        ("E_AMOUNT_SYNTAX", "$.users[0].balance", scenario("\"users\": [{\"id\": \"u\", \"balance\": \".5\"}]")),
        ("E_AMOUNT_PRECISION", "$.users[0].balance", scenario("\"users\": [{\"id\": \"u\", \"balance\": \"1.0000000000000000001\"}]")),
        ("E_CU_PRECISION", "$.script[0].cu", scenario("\"script\": [{\"op\": \"oracle_set_cu\", \"day\": 1, \"model\": \"H200\", \"cu\": \"2.95\"}]")),
        ("E_RANGE", "$.days", scenario(days: "\"days\": 0")),
        ("E_RANGE", "$.script[0].day", scenario("\"script\": [{\"op\": \"oracle_set_c_total\", \"day\": 4, \"amount\": \"1\"}]")),
        ("E_RANGE", "$.script[0].amount", scenario("\"script\": [{\"op\": \"oracle_set_c_total\", \"day\": 1, \"amount\": \"0\"}]")),
        ("E_RANGE", "$.params.collateral.fcp_weight", scenario("\"params\": {\"collateral\": {\"fcp_weight\": \"10.5\"}}")),
        ("E_RANGE", "$.users[0].balance", scenario("\"users\": [{\"id\": \"u\", \"balance\": \"1000000001\"}]")),
        ("E_STEP", "$.populations[0].collateral_factor.step", scenario("""
            "populations": [{"prefix": "p", "count": 2, "gpu_mix": [{"model": "H200", "weight": 1, "cards": {"min": 1, "max": 1}}],
              "collateral_factor": {"min": "0.9", "max": "1.5", "step": "0.07"}}]
            """)),
        ("E_STEP", "$.populations[0].wallet_factor.step", scenario("""
            "populations": [{"prefix": "p", "count": 2, "gpu_mix": [{"model": "H200", "weight": 1, "cards": {"min": 1, "max": 1}}],
              "wallet_factor": {"min": "0", "max": "0.5", "step": "0"}}]
            """)),
        ("E_ENUM", "$.preset", scenario("\"preset\": \"swan-2099\"")),
        ("E_ENUM", "$.script[0].op", scenario("\"script\": [{\"op\": \"teleport\", \"day\": 1}]")),
        ("E_ID_SYNTAX", "$.users[0].id", scenario("\"users\": [{\"id\": \"bad/id\"}]")),
        ("E_ID_SYNTAX", "$.name", "{\"format\": \"swan-scenario/1\", \"name\": \"has space\", \"days\": 1}"),
        ("E_DUPLICATE_ID", "$.users[1].id", scenario("\"users\": [{\"id\": \"u\"}, {\"id\": \"u\"}]")),
        ("E_UNKNOWN_REF", "$.script[0].provider", scenario("\"script\": [{\"op\": \"deposit\", \"day\": 1, \"provider\": \"ghost\", \"amount\": \"1\"}]")),
        ("E_UNKNOWN_REF", "$.script[0].task", scenario("\"script\": [{\"op\": \"task_cancel\", \"day\": 1, \"task\": \"t1\"}]")),
        ("E_CONFLICT", "$.script[0].fail_count", scenario("""
            "providers": [{"id": "a", "kind": "ecp", "cards": [{"model": "H200", "count": 1}]}],
            "script": [{"op": "ubi_outcome", "day": 1, "provider": "a", "fail_count": 1, "fail_indices": [0]}]
            """)),
        ("E_CONFLICT", "$.script[1]", scenario("""
            "providers": [{"id": "a", "kind": "ecp", "cards": [{"model": "H200", "count": 1}]}],
            "script": [{"op": "ubi_outcome", "day": 1, "provider": "a", "fail_count": 1},
                       {"op": "ubi_outcome", "day": 1, "provider": "a", "fail_count": 2}]
            """)),
        ("E_SUPPLY", "$.params.supply.total", scenario("\"users\": [{\"id\": \"u\", \"balance\": \"950000000\"}]")),
    ]

    @Test("every error code has a failing case", arguments: Array(cases.indices))
    func errorCode(_ index: Int) {
        let testCase = Self.cases[index]
        let lines = errors(testCase.text)
        #expect(lines.first?.hasPrefix("tiny.json:\(testCase.path): \(testCase.code): ") == true,
                "case \(index): \(lines)")
    }

    @Test("the cases cover every code of §5.1")
    func coverage() {
        #expect(Set(Self.cases.map(\.code)) == Set(ScenarioError.Code.allCases.map(\.rawValue)))
    }

    @Test("a syntax error names line and column")
    func syntaxPosition() {
        let lines = errors("{\n  \"format\": \"swan-scenario/1\",\n  \"days\": 3,\n  \"name\": tiny\n}")
        #expect(lines == ["tiny.json:$.name: E_JSON: 4:11: invalid literal, expected 'true'"])
    }

    @Test("all errors are reported in document order, at most 100")
    func manyErrors() {
        let users = (0..<150).map { "{\"id\": \"u\($0)\", \"balance\": \"x\($0)\"}" }.joined(separator: ",")
        let lines = errors(scenario("\"users\": [\(users)]"))
        #expect(lines.count == 100)
        #expect(lines.first == "tiny.json:$.users[0].balance: E_AMOUNT_SYNTAX: \"x0\" is not a valid amount: not a decimal number")
        #expect(lines.last?.hasPrefix("tiny.json:$.users[99].balance:") == true)
    }

    @Test("ubi_outcome counts are checked against the preset after overrides")
    func outcomeBounds() {
        let text = scenario("""
            "preset": "swan-2.0",
            "providers": [{"id": "a", "kind": "ecp", "cards": [{"model": "H200", "count": 1}]}],
            "script": [{"op": "ubi_outcome", "day": 1, "provider": "a", "fail_count": 2}]
            """)
        #expect(errors(text) == ["tiny.json:$.script[0].fail_count: E_RANGE: fail_count 2 exceeds the 1 tasks per day of a ecp provider"])
        let ok = scenario("""
            "params": {"ubi": {"tasks_ecp": 60}},
            "providers": [{"id": "a", "kind": "ecp", "cards": [{"model": "H200", "count": 1}]}],
            "script": [{"op": "ubi_outcome", "day": 1, "provider": "a", "fail_indices": [0, 59]}]
            """)
        #expect(errors(ok) == [])
    }

    @Test("ubi_outcome forbids second; generator task ids resolve; keys needing quotes are bracketed")
    func paths() {
        let text = scenario("""
            "users": [{"id": "u", "balance": "10"}],
            "providers": [{"id": "a", "kind": "fcp", "cards": [{"model": "H200", "count": 1}]}],
            "task_generators": [{"prefix": "job", "users": ["u"], "per_day": 2, "duration_hours": {"min": 1, "max": 2},
                                  "price_per_gpu_hour": "1"}],
            "script": [{"op": "ubi_outcome", "day": 1, "second": 5, "provider": "a", "fail_count": 1},
                       {"op": "task_fail", "day": 2, "task": "job-2-2"},
                       {"op": "task_fail", "day": 2, "task": "job-2-3"}],
            "expect": {"balances": {"cp/a/free": "-1", "user/nobody": "0"}}
            """)
        #expect(errors(text) == [
            "tiny.json:$.script[0].second: E_UNKNOWN_FIELD: field \"second\" is not allowed in op \"ubi_outcome\"",
            "tiny.json:$.script[2].task: E_UNKNOWN_REF: task \"job-2-3\" is not posted by the script or a generator",
            "tiny.json:$.expect.balances[\"user/nobody\"]: E_UNKNOWN_REF: account \"user/nobody\": user \"nobody\" is not defined",
        ])
    }
}
