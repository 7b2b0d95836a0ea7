import Foundation
import GRDB
import SwanTestSupport
import Testing

private let tiny = "Fixtures/scenarios/tiny-two-providers.json"

/// What a hostile file carries to a terminal: a carriage return and an erase-line sequence that
/// would overwrite a failure with a fake "ok", an OSC title, a bell, a C1 control and the bidi
/// overrides (WORKFLOW.md §9.5).
private let hostileText = "\r\u{1B}[2Kok: 37 entries, 4 blocks, all invariants hold\u{1B}]0;pwned\u{07}\u{9B}\u{202E}\u{2066}x"

/// Asserts that a command's output holds no terminal control, and that it said something.
private func expectInert(_ result: CommandResult, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(!holdsTerminalControl(result.stdout) && !holdsTerminalControl(result.stderr),
            "\(label): raw control characters reached the terminal: \(result.stdout.debugDescription) \(result.stderr.debugDescription)",
            sourceLocation: sourceLocation)
    #expect(!(result.stdout + result.stderr).isEmpty, "\(label): said nothing", sourceLocation: sourceLocation)
}

/// Finding 7 of issue 16: text from a file reaches the terminal only with its controls written
/// as `\u{XXXX}`.
@Suite("Hostile inputs: file text cannot drive the terminal (issue 16, finding 7)")
struct TerminalInjectionTests {
    @Test("finding 7: ledger text (a reason, meta values) printed by verify and replay is escaped")
    func ledgerText() throws {
        try withScratch("inject-ledger") { scratch in
            try finishedRun(tiny, into: scratch + "/run")
            let cases: [(String, String)] = [
                ("reason", "UPDATE entries SET reason = ? WHERE seq = 22"),
                ("encoding_version", "UPDATE meta SET value = ? WHERE key = 'encoding_version'"),
                ("scenario_name", "UPDATE meta SET value = ? WHERE key = 'scenario_name'"),
                ("a derived cell", "UPDATE providers SET kind = ? WHERE provider_index = 0"),
            ]
            for (label, sql) in cases {
                let ledger = scratch + "/ledger-\(label.count).sqlite"
                try FileManager.default.copyItem(atPath: scratch + "/run/ledger.sqlite", toPath: ledger)
                let queue = try DatabaseQueue(path: ledger)
                try queue.write { db in try db.execute(sql: sql, arguments: [hostileText]) }
                try queue.close()
                let verify = try swansimRelease(["verify", ledger])
                #expect(verify.status != 0, "\(label)")
                expectInert(verify, "verify, \(label)")
                #expect(verify.stderr.contains("\\u{001B}") || verify.stdout.contains("\\u{001B}"), "\(label): shown escaped: \(verify.stderr)")
                let replay = try swansimRelease(["replay", ledger])
                expectInert(replay, "replay, \(label)")
            }
        }
    }

    @Test("finding 7: scenario text printed by validate, run and sweep is escaped, bidi overrides included")
    func scenarioText() throws {
        try withScratch("inject-scenario") { scratch in
            var document = try fixtureDocument("tiny-two-providers")
            var providers = document["providers"] as? [[String: Any]] ?? []
            providers[0]["id"] = "evil" + hostileText
            providers[0][hostileText] = 1
            document["providers"] = providers
            try writeDocument(document, to: scratch + "/s.json")
            for arguments in [["validate", scratch + "/s.json"], ["run", scratch + "/s.json", "--out", scratch + "/o"],
                              ["sweep", scratch + "/s.json", "--out", scratch + "/w"]] {
                let result = try swansimRelease(arguments)
                #expect(result.status == 2, "\(arguments)")
                expectInert(result, "\(arguments[0])")
            }
            let value = try swansimRelease(["sweep", tiny, "--set", "collateral.c_base=1\u{202E}2", "--out", scratch + "/w"])
            #expect(value.status == 2)
            expectInert(value, "sweep --set value")
        }
    }

    @Test("finding 7: a shard's sweep_meta and a sweep's summaries with control characters are escaped by sweep-merge and report")
    func sweepText() throws {
        try withScratch("inject-sweep") { scratch in
            let sweep = try swansimRelease(["sweep", tiny, "--seeds", "2", "--out", scratch + "/s", "--quiet"])
            #expect(sweep.status == 0, "\(sweep.stderr)")
            let queue = try DatabaseQueue(path: scratch + "/s/sweep.sqlite")
            try queue.write { db in
                try db.execute(sql: "UPDATE sweep_meta SET value = ? WHERE key = 'grid_json'", arguments: ["[[\"" + hostileText + "\",[1]]]"])
                try db.execute(sql: "UPDATE runs SET summary_json = ? WHERE run_index = 0", arguments: ["{\"" + hostileText + "\": 1}"])
            }
            try queue.close()
            let merge = try swansimRelease(["sweep-merge", scratch + "/m", scratch + "/s"])
            #expect(merge.status != 0)
            expectInert(merge, "sweep-merge")
            let report = try swansimRelease(["report", scratch + "/s", "--out", scratch + "/r.html"])
            #expect(report.status == 2, "\(report.stderr)")
            expectInert(report, "report of a sweep")
        }
    }

    @Test("finding 7: proof and report inputs with control characters are escaped in their messages")
    func proofAndReportText() throws {
        try withScratch("inject-proof") { scratch in
            let proof = scratch + "/p.json"
            try Data("{\"\\u001b[2J\\u001b]0;x\\u0007\": 1}".utf8).write(to: URL(fileURLWithPath: proof))
            let swift = try swansimRelease(["verify-proof", proof])
            #expect(swift.status == 2)
            expectInert(swift, "verify-proof")

            try finishedRun(tiny, into: scratch + "/run")
            let summary = scratch + "/run/summary.json"
            let text = try String(contentsOfFile: summary, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "\"totals\"", with: "\"\\u001b[2Jtotals\"").utf8).write(to: URL(fileURLWithPath: summary))
            let report = try swansimRelease(["report", scratch + "/run", "--out", scratch + "/r.html"])
            #expect(report.status == 2, "\(report.stderr)")
            expectInert(report, "report")
        }
    }
}
