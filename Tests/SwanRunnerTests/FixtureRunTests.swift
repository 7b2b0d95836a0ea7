import Foundation
import SwanChecker
import SwanCore
import SwanRunner
import SwanStore
import SwanTables
import Testing

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func temporaryDirectory(_ name: String) throws -> String {
    let path = NSTemporaryDirectory() + "swansim-run-\(name)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The scripted fixtures (every scenario but the generated network year).
let scriptedFixtures: [String] = {
    let directory = repositoryRoot.appendingPathComponent("Fixtures/scenarios").path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix("network-") }.sorted()
}()

func fixturePath(_ name: String) -> String {
    repositoryRoot.appendingPathComponent("Fixtures/scenarios/\(name)").path
}

@Suite("Fixture runs")
struct FixtureRunTests {
    @Test("there are at least ten scripted fixtures besides tiny and baseline")
    func fixtureCount() {
        #expect(scriptedFixtures.count >= 12)
        #expect(scriptedFixtures.contains("baseline.json") && scriptedFixtures.contains("tiny-two-providers.json"))
    }

    @Test("every scripted fixture runs with exit 0, all invariants and expectations met", arguments: scriptedFixtures)
    func runs(_ fixture: String) throws {
        let outcome = try RunPipeline.run(scenarioFile: fixturePath(fixture), outputDirectory: try temporaryDirectory("fixture"))
        #expect(outcome.exitCode == 0, "\(fixture): \(outcome.invariantFailures) \(outcome.expectationFailures)")
        #expect(outcome.invariantsOK)
        #expect(outcome.expectationFailures.isEmpty)
    }

    @Test("a second run is byte-for-byte identical: summary, CSVs, and every table", arguments: scriptedFixtures)
    func deterministic(_ fixture: String) throws {
        let first = try temporaryDirectory("first"), second = try temporaryDirectory("second")
        _ = try RunPipeline.run(scenarioFile: fixturePath(fixture), outputDirectory: first)
        _ = try RunPipeline.run(scenarioFile: fixturePath(fixture), outputDirectory: second)
        for file in ["summary.json", "days.csv", "provider_days.csv"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: first + "/" + file))
            let b = try Data(contentsOf: URL(fileURLWithPath: second + "/" + file))
            #expect(!a.isEmpty && a == b, "\(fixture): \(file) differs")
        }
        let one = try LedgerDatabase.open(at: first + "/ledger.sqlite")
        let two = try LedgerDatabase.open(at: second + "/ledger.sqlite")
        for table in LedgerDatabase.schemaTables {
            #expect(try one.rows(of: table) == two.rows(of: table), "\(fixture): table \(table) differs")
        }
        // I1 … I13, and I14 … I19 in a market run (OUTPUTS-MARKET §2.5).
        let invariants = fixture.contains("market") ? 19 : 13
        #expect(try one.count("entries") > 0 && one.count("provider_day") > 0 && one.count("invariants") == invariants)
    }

    @Test("--ledger none writes the other three files, byte-identical to a full run's", arguments: ["baseline.json", "paid-tasks.json"])
    func ledgerNone(_ fixture: String) throws {
        let full = try temporaryDirectory("full"), none = try temporaryDirectory("none")
        let a = try RunPipeline.run(scenarioFile: fixturePath(fixture), outputDirectory: full)
        let b = try RunPipeline.run(scenarioFile: fixturePath(fixture), outputDirectory: none, writeLedger: false)
        #expect(a.headHash == b.headHash && a.entries == b.entries)
        #expect(!FileManager.default.fileExists(atPath: none + "/ledger.sqlite"))
        for file in ["summary.json", "days.csv", "provider_days.csv"] {
            #expect(try Data(contentsOf: URL(fileURLWithPath: full + "/" + file)) == Data(contentsOf: URL(fileURLWithPath: none + "/" + file)),
                    "\(file) differs")
        }
    }

    @Test("a failed expectation exits 1 and is listed in summary.json with its path")
    func failedExpectation() throws {
        let directory = try temporaryDirectory("expect")
        var text = try String(contentsOfFile: fixturePath("tiny-two-providers.json"), encoding: .utf8)
        text = text.replacingOccurrences(of: "\"treasury\": \"0\"", with: "\"treasury\": \"1\"")
        let file = directory + "/tiny.json"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let outcome = try RunPipeline.run(scenarioFile: file, outputDirectory: directory + "/out")
        #expect(outcome.exitCode == 1)
        let summary = try String(contentsOfFile: directory + "/out/summary.json", encoding: .utf8)
        #expect(summary.contains("\"path\": \"$.expect.balances.treasury\""))
        #expect(summary.contains("\"expected\": \"1\""))
        #expect(summary.contains("\"checked\": 76"))
    }

    @Test("the Python verifier passes the tiny scenario's ledger")
    func pythonVerifier() throws {
        let directory = try temporaryDirectory("python")
        _ = try RunPipeline.run(scenarioFile: fixturePath("tiny-two-providers.json"), outputDirectory: directory)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repositoryRoot.appendingPathComponent("tools/verify_ledger.py").path, directory + "/ledger.sqlite"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output == "37 passed, 0 failed\n")
    }

    @Test("summary.json of §6.1 has the fields of OUTPUTS.md §3 in order, with the published values")
    func summaryShape() throws {
        let directory = try temporaryDirectory("summary")
        _ = try RunPipeline.run(scenarioFile: fixturePath("tiny-two-providers.json"), outputDirectory: directory)
        let text = try String(contentsOfFile: directory + "/summary.json", encoding: .utf8)
        let keys = ["\"format\"", "\"rules_version\"", "\"scenario\"", "\"ledger\"", "\"supply\"", "\"final_c_base\"",
                    "\"system_accounts\"", "\"totals\"", "\"counts\"", "\"providers\"", "\"users\"", "\"breaches\"",
                    "\"rejections\"", "\"invariants\"", "\"economics\"", "\"expect\""]
        let positions = keys.compactMap { text.range(of: "\n  " + $0 + ":")?.lowerBound }
        #expect(positions.count == keys.count && positions == positions.sorted())
        #expect(text.hasSuffix("}\n") && !text.contains("\r"))
        for fragment in ["\"entries\": 37", "\"blocks\": 4", "\"ubi_tasks_assigned\": 186", "\"status_changes\": 3",
                         "\"wcu\": \"7.2\"", "\"deposits\": \"30300\"", "\"grants\": \"100040300\"",
                         "\"ubi_outstanding_at_start\": 14", "\"breach_seconds\": 86399", "\"provisioned_gpu_s\": 518400"] {
            #expect(text.contains(fragment), "\(fragment)")
        }
    }
}
