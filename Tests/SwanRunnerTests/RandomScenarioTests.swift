import Foundation
import SwanCore
import SwanRunner
import Testing

/// Small scripted scenarios drawn from a seed: every operation type, random amounts and
/// times, all three presets (the benchmark ladder included), both C_base modes and both
/// utilisation modes.
struct RandomScenario {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return CounterRandom.mix64(state)
    }

    private mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    mutating func json() -> String {
        let days = int(2...4)
        let preset = pick(["swan-2024-06", "swan-2024-12", "swan-2.0"])
        var params: [String] = []
        if int(0...2) == 0 { params.append("\"collateral\": {\"c_base_mode\": \"dynamic\", \"cu_floor\": \"\(int(1...300))\"}") }
        if int(0...2) == 0 { params.append("\"ubi\": {\"utilisation\": \"paid_gpu_hours\"}") }
        let models = ["RTX 3080", "RTX 4090", "A100-PCIE-80GB", "H100 SXM"]
        let perCard = ["RTX 3080": 3533.0, "RTX 4090": 10245.7, "A100-PCIE-80GB": 42396.0, "H100 SXM": 98924.0]
        var providers: [String] = []
        var ids: [String] = []
        var kinds: [String: String] = [:]
        for index in 0..<int(2...4) {
            let id = "p\(index)"
            let kind = pick(["ecp", "fcp"])
            let model = pick(models)
            let count = int(1...3)
            let required = perCard[model, default: 3533] * Double(count) * (kind == "fcp" ? 1.2 : 1)
            let collateral = Int(required * Double(int(80...150)) / 100)
            providers.append("""
                {"id": "\(id)", "kind": "\(kind)", "cards": [{"model": "\(model)", "count": \(count)}], \
                "wallet": "\(int(0...20000))", "collateral": "\(collateral)", "ubi_failure_rate": "\(pick(["0", "0.05", "0.2"]))", \
                "task_failure_rate": "\(pick(["0", "0.3"]))"}
                """)
            ids.append(id)
            kinds[id] = kind
        }
        var script: [String] = []
        var tasks: [String] = []
        var outcomes: Set<String> = []
        for _ in 0..<int(5...25) {
            let day = int(1...days), second = int(0...86_399)
            let p = pick(ids)
            let amount = "\(int(1...20000))" + (int(0...3) == 0 ? ".\(int(1...99))" : "")
            let common = "\"day\": \(day), \"second\": \(second)"
            switch int(0...15) {
            case 0: script.append("{\"op\": \"deposit\", \(common), \"provider\": \"\(p)\", \"amount\": \"\(amount)\"}")
            case 1: script.append("{\"op\": \"withdraw\", \(common), \"provider\": \"\(p)\", \"amount\": \"\(amount)\"}")
            case 2: script.append("{\"op\": \"lock\", \(common), \"provider\": \"\(p)\", \"amount\": \"\(amount)\"}")
            case 3: script.append("{\"op\": \"unlock\", \(common), \"provider\": \"\(p)\", \"amount\": \"\(amount)\"}")
            case 4: script.append("{\"op\": \"slash\", \(common), \"provider\": \"\(p)\", \"amount\": \"\(amount)\"}")
            case 5: script.append("{\"op\": \"request_withdraw\", \(common), \"provider\": \"\(p)\", \"amount\": \"\(amount)\"}")
            case 6: script.append("{\"op\": \"\(pick(["confirm_withdraw", "cancel_withdraw", "exit"]))\", \(common), \"provider\": \"\(p)\"}")
            case 7: script.append("{\"op\": \"oracle_set_cu\", \(common), \"model\": \"\(pick(models))\", \"cu\": \"\(int(1...300) / 10).\(int(0...9))\"}")
            case 8: script.append("{\"op\": \"oracle_set_c_base\", \(common), \"amount\": \"\(int(1000...6000))\"}")
            case 9: script.append("{\"op\": \"grant\", \(common), \"account\": \"\(pick(["user/u0", "cp/\(p)/wallet"]))\", \"amount\": \"\(amount)\"}")
            case 10:
                guard outcomes.insert("\(p)/\(day)").inserted else { continue }
                let n = preset == "swan-2.0" ? 1 : (kinds[p] == "ecp" ? 48 : 14)
                script.append("{\"op\": \"ubi_outcome\", \"day\": \(day), \"provider\": \"\(p)\", \"fail_count\": \(int(0...n))}")
            case 11, 12:
                let task = "t\(tasks.count)"
                tasks.append(task)
                let assignment = pick(["\"assign\": \"auto\"", "\"assign\": \"manual\"", "\"provider\": \"\(p)\""])
                script.append("""
                    {"op": "task_post", \(common), "task": "\(task)", "user": "\(pick(["u0", "u1"]))", \
                    "reward": "\(int(1...500))", "duration_s": \(int(60...200_000)), "gpu_count": \(int(1...2)), \
                    "collateral": "\(int(0...3000))", "provider_kind": "\(pick(["ecp", "fcp", "any"]))", \(assignment)}
                    """)
            case 13 where !tasks.isEmpty:
                script.append("{\"op\": \"\(pick(["task_assign", "task_fail", "task_cancel"]))\", \(common), \"task\": \"\(pick(tasks))\"}")
            case 14:
                let id = "r\(ids.count)"
                guard !ids.contains(id) else { continue }
                ids.append(id)
                kinds[id] = "ecp"
                script.append("""
                    {"op": "register", \(common), "id": "\(id)", "kind": "ecp", "cards": [{"model": "RTX 3080", "count": 1}], \
                    "wallet": "100", "collateral": "\(int(3000...5000))"}
                    """)
            default:
                script.append("{\"op\": \"oracle_set_c_total\", \(common), \"amount\": \"\(int(1_000_000...20_000_000))\"}")
            }
        }
        return """
            {"format": "swan-scenario/1", "name": "random", "seed": \(next() % 1_000_000), "days": \(days), "preset": "\(preset)",
             "params": {\(params.joined(separator: ", "))},
             "users": [{"id": "u0", "balance": "\(int(0...5000))"}, {"id": "u1", "balance": "\(int(0...5000))"}],
             "providers": [\(providers.joined(separator: ",\n"))],
             "script": [\(script.joined(separator: ",\n"))]}
            """
    }
}

@Suite("Random scripted scenarios")
struct RandomScenarioTests {
    /// Every drawn scenario runs with all invariants holding, and `verify` agrees with the run.
    @Test("seeded random scenarios satisfy I1–I13 and verify agrees", arguments: Array(UInt64(1)...UInt64(40)))
    func invariantsHold(_ seed: UInt64) throws {
        var generator = RandomScenario(seed: seed)
        let text = generator.json()
        let directory = try temporaryDirectory("random-\(seed)")
        let file = directory + "/random.json"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let outcome: RunOutcome
        do {
            outcome = try RunPipeline.run(scenarioFile: file, outputDirectory: directory + "/out")
        } catch {
            Issue.record("seed \(seed): \(error)\n\(text)")
            return
        }
        #expect(outcome.exitCode == 0, "seed \(seed): \(outcome.invariantFailures)\n\(text)")
        let check = try LedgerCheck.verify(path: directory + "/out/ledger.sqlite")
        #expect(check.invariants.ok, "seed \(seed): verify disagrees")
        #expect(check.report.entries == outcome.entries)
        #expect(check.report.headHash.hex == outcome.headHash)
    }
}
