import Foundation
import SwanTestSupport
import Testing

/// A seeded random `swan-scenario/2` world: a few explicit providers with random asks and
/// failure rates, a population, auction and market-priced generators, exits, the ladder now
/// and then, and scripted job_fail, task_fail, task_cancel and set_price at random times.
private func randomMarketScenario(_ index: Int, _ random: inout SplitMix) -> String {
    func pick<T>(_ values: [T]) -> T { values[Int(random.below(UInt64(values.count)))] }
    let days = 4 + Int(random.below(6))
    var providers: [String] = []
    for p in 0..<3 + Int(random.below(4)) {
        let ask = random.below(3) == 0 ? "" : #", "asking_price": "\#(pick(["0.5", "1", "1.5", "3", "8"]))""#
        let cards = 1 + random.below(3)
        providers.append("""
            {"id": "x\(p)", "kind": "\(pick(["fcp", "ecp"]))", "cards": [{"model": "\(pick(["RTX 3080", "RTX 4090"]))", "count": \(cards)}],
             "collateral": "\(pick(["6000", "13000", "30000"]))", "task_failure_rate": "\(pick(["0", "0.3", "1"]))",
             "ubi_failure_rate": "\(pick(["0", "0.05"]))"\(ask)}
            """)
    }
    var script: [String] = []
    for s in 0..<2 + Int(random.below(5)) {
        let day = 1 + Int(random.below(UInt64(days)))
        let second = Int(random.below(86_400))
        let task = "s\(s)"
        script.append("""
            {"op": "task_post", "day": \(day), "second": \(second), "task": "\(task)", "user": "u", "reward": "\(pick(["2", "20", "200"]))",
             "duration_s": \(pick([600, 3600, 30000])), "collateral": "10", "assign": "auction"}
            """)
        let later = min(86_399, second + Int(random.below(8000)))
        switch random.below(5) {
        case 0: script.append(#"{"op": "task_cancel", "day": \#(day), "second": \#(later), "task": "\#(task)"}"#)
        case 1: script.append(#"{"op": "task_fail", "day": \#(day), "second": \#(later), "task": "\#(task)"}"#)
        case 2: script.append(#"{"op": "job_fail", "day": \#(day), "second": \#(later), "task": "\#(task)", "provider": "x\#(random.below(3))"}"#)
        default: break
        }
    }
    for _ in 0..<Int(random.below(3)) {
        let price = random.below(2) == 0 ? "null" : "\"\(pick(["0.25", "2", "5"]))\""
        script.append(#"{"op": "set_price", "day": \#(1 + random.below(UInt64(days))), "provider": "x\#(random.below(3))", "asking_price": \#(price)}"#)
    }
    if random.below(2) == 0 { script.append(#"{"op": "exit", "day": \#(1 + random.below(UInt64(days))), "second": 5000, "provider": "x0"}"#) }
    let ladder = random.below(4) == 0 ? #", "ubi": {"failure_mode": "benchmark_ladder"}"# : ""
    return """
        {"format": "swan-scenario/2", "name": "random-market-\(index)", "seed": \(random.below(1_000_000)), "days": \(days),
         "params": {"auction": {"max_bidders": \(1 + random.below(3)), "max_rounds": \(1 + random.below(3)),
                                "max_concurrent_jobs": \(1 + random.below(2)), "leader_share": "\(pick(["0", "0.5", "1"]))",
                                "bid_window_s": \(pick([60, 600, 7200]))},
                    "pricing": {"history_days": \(1 + random.below(5))}\(ladder)},
         "users": [{"id": "u", "balance": "100000"}],
         "user_groups": [{"prefix": "c", "count": 3, "balance": "100000"}],
         "providers": [\(providers.joined(separator: ",\n"))],
         "populations": [{"prefix": "g", "count": \(2 + random.below(6)), "kind_mix": {"fcp": 1}, "gpu_mix": [{"model": "RTX 4090", "weight": 1, "cards": {"min": 1, "max": 3}}],
                          "collateral_factor": {"min": "1", "max": "1.4", "step": "0.2"}, "task_failure_rate": {"min": "0", "max": "0.5", "step": "0.25"},
                          "asking_price": {"min": "0.5", "max": "3", "step": "0.5"}, "behaviour": {"exit_probability": "0.05"}}],
         "task_generators": [
           {"prefix": "m", "users": ["group:c"], "per_day": \(random.below(12)), "assign": "auction", "price_mode": "market",
            "market_price_factor": {"min": "0.5", "max": "4", "step": "0.5"}, "gpu_count": {"min": 1, "max": 2}, "duration_hours": {"min": 1, "max": 30}, "collateral": "10"},
           {"prefix": "f", "users": ["group:c"], "per_day": \(random.below(5)), "assign": "\(pick(["auto", "auction"]))",
            "gpu_count": {"min": 1, "max": 2}, "duration_hours": {"min": 1, "max": 20}, "price_per_gpu_hour": {"min": "1", "max": "4", "step": "1"}, "collateral": "10"}],
         "script": [\(script.joined(separator: ",\n"))],
         "expect": {"invariants": "all"}}
        """
}

@Suite("Seeded random swan-scenario/2 worlds hold I1–I19, and verify and the Python verifier agree")
struct MarketRandomScenarioTests {
    @Test("every random market world runs with exit 0, verifies, and re-verifies in Python")
    func randomWorlds() throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["SWANSIM_TEST_SEED"] ?? "") ?? 20_261_206
        print("random market worlds: seed \(seed) (set SWANSIM_TEST_SEED to replay)")
        var random = SplitMix(state: seed)
        let scratch = try temporaryDirectory("random-market")
        let files = try (0..<24).map { index -> String in
            let file = scratch + "/world-\(index).json"
            try Data(randomMarketScenario(index, &random).utf8).write(to: URL(fileURLWithPath: file))
            return file
        }
        let binary = try releaseBinary()
        let outcomes = concurrentMap(files) { file -> String? in
            let out = file.replacingOccurrences(of: ".json", with: "")
            guard let run = try? runProcess(binary, ["run", file, "--out", out, "--quiet"]) else { return "\(file): run did not start" }
            guard run.status == 0 else { return "\(file): run exit \(run.status): \(run.stderr.prefix(600))" }
            guard let verify = try? runProcess(binary, ["verify", out + "/ledger.sqlite"]), verify.status == 0 else {
                return "\(file): verify disagrees"
            }
            guard let python = try? runProcess("/usr/bin/env", ["python3", "tools/verify_ledger.py", out + "/ledger.sqlite"]),
                  python.status == 0 else { return "\(file): verify_ledger.py disagrees" }
            return nil
        }
        for failure in outcomes.compactMap({ $0 }) { Issue.record("\(failure)") }
        // The worlds exercise the market: auctions close, jobs settle both ways, quotes move.
        var kinds: Set<String> = []
        for file in files {
            let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file.replacingOccurrences(of: ".json", with: "") + "/summary.json"))) as? [String: Any]
            let market = summary?["market"] as? [String: Any]
            let jobs = market?["jobs"] as? [String: Int] ?? [:]
            let auctions = market?["auctions"] as? [String: Int] ?? [:]
            for (key, count) in jobs where count > 0 { kinds.insert("jobs." + key) }
            for (key, count) in auctions where count > 0 { kinds.insert("auctions." + key) }
        }
        for wanted in ["jobs.submitted", "jobs.failed", "jobs.cancelled", "auctions.completed", "auctions.failed", "auctions.cancelled",
                       "auctions.no_bids"] {
            #expect(kinds.contains(wanted), "no world had \(wanted): \(kinds.sorted())")
        }
    }
}
