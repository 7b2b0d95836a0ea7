import Foundation
import SwanTestSupport
import Testing

private let tiny = "Fixtures/scenarios/tiny-two-providers.json"

/// Findings 5 and 6 of issue 16: inputs that are not files are refused at once (WORKFLOW.md §9.5),
/// and tiny files cannot ask for unbounded work (RULES.md §18 C16).
@Suite("Hostile inputs: no hangs, no unbounded work (issue 16, findings 5–6)")
struct HangAndExhaustionTests {
    @Test("finding 5: a FIFO, a device or a directory where a file is expected is refused at once (exit 2) by every command")
    func nonRegularInputs() throws {
        try withScratch("fifo") { scratch in
            let fifo = scratch + "/f"
            try makeFIFO(fifo)
            try finishedRun(tiny, into: scratch + "/run")
            let resumeDirectory = scratch + "/resume"
            try FileManager.default.createDirectory(atPath: resumeDirectory, withIntermediateDirectories: true)
            try makeFIFO(resumeDirectory + "/ledger.sqlite")
            let reportDirectory = scratch + "/report"
            try FileManager.default.createDirectory(atPath: reportDirectory, withIntermediateDirectories: true)
            try makeFIFO(reportDirectory + "/summary.json")
            let shardDirectory = scratch + "/shard"
            try FileManager.default.createDirectory(atPath: shardDirectory, withIntermediateDirectories: true)
            try makeFIFO(shardDirectory + "/sweep.sqlite")
            let commands: [[String]] = [
                ["verify", fifo], ["replay", fifo], ["prove", fifo, "--seq", "0"], ["verify-proof", fifo], ["validate", fifo],
                ["run", fifo, "--out", scratch + "/never"], ["sweep", fifo, "--out", scratch + "/never"],
                ["replay", scratch + "/run/ledger.sqlite", "--scenario", fifo],
                ["run", tiny, "--out", resumeDirectory, "--resume"], ["report", reportDirectory],
                ["sweep-merge", scratch + "/merged", shardDirectory],
                ["validate", "/dev/null"], ["verify", "/dev/zero"], ["validate", scratch], ["verify-proof", scratch],
            ]
            // SQLite opens a database's side files itself: a FIFO there blocks it just as well.
            let beside = scratch + "/beside"
            try FileManager.default.copyItem(atPath: scratch + "/run", toPath: beside)
            try FileManager.default.removeItem(atPath: beside + "/summary.json")
            try makeFIFO(beside + "/ledger.sqlite-journal")
            let shardBeside = scratch + "/shard-beside"
            #expect(try swansimRelease(["sweep", tiny, "--out", shardBeside, "--quiet"]).status == 0)
            try makeFIFO(shardBeside + "/sweep.sqlite-wal")
            let sideFiles: [[String]] = [
                ["verify", beside + "/ledger.sqlite"], ["replay", beside + "/ledger.sqlite"], ["prove", beside + "/ledger.sqlite", "--seq", "0"],
                ["run", tiny, "--out", beside, "--resume"], ["sweep-merge", scratch + "/merged", shardBeside],
                ["sweep", tiny, "--out", shardBeside],
            ]
            for arguments in commands + sideFiles {
                let (result, timedOut) = try swansimIn(nil, timeout: 20, arguments)
                #expect(!timedOut, "\(arguments) hung")
                #expect(result.status == 2 && result.stderr.contains("not a regular file"), "\(arguments): \(result.status) \(result.stderr)")
            }
            #expect(!FileManager.default.fileExists(atPath: scratch + "/never") && !FileManager.default.fileExists(atPath: scratch + "/merged"))
        }
    }

    @Test("finding 6: a sparse terabyte named as a scenario or a proof is refused at once, not read")
    func sparseFiles() throws {
        try withScratch("sparse") { scratch in
            for name in ["s.json", "p.json"] {
                let path = scratch + "/" + name
                FileManager.default.createFile(atPath: path, contents: nil)
                #expect(truncate(path, 1 << 40) == 0)
            }
            for arguments in [["validate", scratch + "/s.json"], ["run", scratch + "/s.json", "--out", scratch + "/o"],
                              ["verify-proof", scratch + "/p.json"]] {
                let (result, timedOut) = try swansimIn(nil, timeout: 20, arguments)
                #expect(!timedOut && result.status == 2 && result.stderr.contains("larger than 64 MiB"), "\(arguments): \(result.stderr)")
            }
            let python = try runProcess("/usr/bin/env", ["python3", "tools/verify_proof.py", scratch + "/p.json"], timeout: 20).0
            #expect(python.status == 2 && python.stderr.contains("larger than 64 MiB"), "\(python.stderr)")
        }
    }

    @Test("finding 6: forty generators naming a million-user group a hundred and fifty times each load at once, in bounded memory")
    func groupReferences() throws {
        try withScratch("group-references") { scratch in
            var document = try fixtureDocument("tiny-two-providers")
            document["user_groups"] = [["prefix": "c", "count": 1_000_000, "balance": "0"]]
            document["task_generators"] = (0..<40).map { index -> [String: Any] in
                ["prefix": "job\(index)", "users": Array(repeating: "group:c", count: 150), "per_day": 0,
                 "duration_hours": ["min": 1, "max": 1], "price_per_gpu_hour": "1"]
            }
            document["expect"] = nil
            try writeDocument(document, to: scratch + "/s.json")
            let (result, timedOut) = try swansimIn(nil, timeout: 30, ["validate", scratch + "/s.json"])
            #expect(!timedOut && result.status == 0, "6,000 references to a million users each: \(result.stderr)")
        }
    }

    @Test("finding 6: users in all are at most 1,000,000, reported at the user group that crosses the limit, at once")
    func usersInAll() throws {
        try withScratch("users") { scratch in
            var document = try fixtureDocument("tiny-two-providers")
            document["user_groups"] = (0..<20).map { ["prefix": "g\($0)", "count": 1_000_000, "balance": "0"] as [String: Any] }
            try writeDocument(document, to: scratch + "/s.json")
            let (result, timedOut) = try swansimIn(nil, timeout: 20, ["validate", scratch + "/s.json"])
            #expect(!timedOut && result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains("$.user_groups[1].count: E_RANGE"), "\(result.stderr)")
            document["user_groups"] = [["prefix": "g", "count": 999_999, "balance": "0"]]
            document["users"] = [["id": "a"], ["id": "b"]]
            try writeDocument(document, to: scratch + "/t.json")
            let crossing = try swansimRelease(["validate", scratch + "/t.json"])
            #expect(crossing.status == 2 && crossing.stderr.contains("$.user_groups[0].count: E_RANGE"), "\(crossing.stderr)")
        }
    }

    @Test("finding 6: Σ per_day over all task generators is at most 100,000, reported at the generator that crosses it")
    func generatedTasksInAll() throws {
        try withScratch("generators") { scratch in
            var document = try fixtureDocument("tiny-two-providers")
            document["user_groups"] = [["prefix": "c", "count": 10, "balance": "1000"]]
            document["task_generators"] = (0..<50).map { index -> [String: Any] in
                ["prefix": "job\(index)", "users": ["group:c"], "per_day": 100_000, "gpu_count": ["min": 1, "max": 1],
                 "duration_hours": ["min": 1, "max": 1], "price_per_gpu_hour": "1", "collateral": "0"]
            }
            try writeDocument(document, to: scratch + "/s.json")
            let (result, timedOut) = try swansimIn(nil, timeout: 20, ["run", scratch + "/s.json", "--ledger", "none", "--out", scratch + "/out"])
            #expect(!timedOut && result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains("$.task_generators[1].per_day: E_RANGE"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: scratch + "/out"))
        }
    }

    @Test("a valid corner no limit refuses: 7,000 H100s busy all day make T_day × 10^9 pass 2^127, and ubi_u is still exact")
    func utilisationOfALargeBusyNetwork() throws {
        try withScratch("busy-network") { scratch in
            var document = try fixtureDocument("tiny-two-providers")
            document["name"] = "busy-network"
            document["days"] = 2
            document["params"] = ["supply": ["total": "1000000000000"], "ubi": ["utilisation": "paid_gpu_hours"]]
            document["users"] = [["id": "u1", "balance": "1000000"]]
            document["providers"] = [["id": "big", "kind": "fcp", "cards": [["model": "H100 SXM", "count": 7000]],
                                      "collateral": "900000000"]]
            document["script"] = [["op": "task_post", "day": 1, "task": "t", "user": "u1", "reward": "1000", "duration_s": 172_800,
                                   "provider": "big", "gpu_model": "H100 SXM", "gpu_count": 7000, "collateral": "0",
                                   "provider_kind": "fcp"] as [String: Any]]
            document["expect"] = nil
            try writeDocument(document, to: scratch + "/s.json")
            let run = try swansimRelease(["run", scratch + "/s.json", "--out", scratch + "/out", "--quiet"])
            #expect(run.status == 0, "\(run.stderr)")
            let days = ((try? String(contentsOfFile: scratch + "/out/days.csv", encoding: .utf8)) ?? "").split(separator: "\n")
            try #require(days.count == 4, "a header and days 0–2 in days.csv")
            let header = days[0].split(separator: ",").map(String.init)
            let u = try #require(header.firstIndex(of: "ubi_u"))
            #expect(days[2].split(separator: ",", omittingEmptySubsequences: false)[u] == "1", "day 1 is fully used: \(days[2])")
            #expect(try swansimRelease(["verify", "--run", scratch + "/out"]).status == 0)
        }
    }

    @Test("finding 6: the provider limit counts explicit providers, populations and register operations, at the element that crosses it")
    func providersInAll() throws {
        try withScratch("providers") { scratch in
            var document = try fixtureDocument("tiny-two-providers")
            let explicit = (document["providers"] as? [Any])?.count ?? 0
            document["populations"] = [["prefix": "p", "count": 1_000_000 - explicit,
                                        "gpu_mix": [["model": "RTX 3080", "weight": 1, "cards": ["min": 1, "max": 1]]]] as [String: Any]]
            var script = document["script"] as? [[String: Any]] ?? []
            script.append(["op": "register", "day": 1, "id": "late", "kind": "ecp", "cards": [["model": "RTX 3080", "count": 1]]])
            document["script"] = script
            document["params"] = ["supply": ["total": "1000000000000"]]
            document["expect"] = nil
            try writeDocument(document, to: scratch + "/s.json")
            let (result, timedOut) = try swansimIn(nil, timeout: 60, ["validate", scratch + "/s.json"])
            #expect(!timedOut && result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains("$.script[\(script.count - 1)]: E_RANGE"), "\(result.stderr)")
        }
    }
}
