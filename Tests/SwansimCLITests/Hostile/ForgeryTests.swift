import Foundation
import GRDB
import SwanCore
import SwanCrypto
import SwanTestSupport
import Testing

private let tiny = "Fixtures/scenarios/tiny-two-providers.json"

/// A proof of `seq` of `ledger`, as a JSON object.
func proofDocument(_ ledger: String, seq: Int, file: String) throws -> [String: Any] {
    let result = try swansimRelease(["prove", ledger, "--seq", String(seq), "--out", file])
    guard result.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: result.stderr]) }
    return try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any] ?? [:]
}

/// `count` headers that chain by `prev_block_hash` and `day` after the proof's last header but
/// commit to nothing (the fabrication of issue 16 finding 3); `edit` changes each before hashing.
func fabricatedHeaders(after proof: [String: Any], count: Int,
                       edit: (inout LedgerHashing.BlockHeader) -> Void = { _ in }) throws -> (headers: [String], head: String) {
    let hasher = try OpenSSLSHA256()
    let later = proof["later_headers_hex"] as? [String] ?? []
    let last = try #require(HexText.decode(later.last ?? proof["block_header_hex"] as? String ?? ""))
    var previous = hasher.digest(last)
    var day = Int64((proof["day"] as? Int ?? 0) + later.count)
    var headers: [String] = []
    for _ in 0..<count {
        day += 1
        var header = LedgerHashing.BlockHeader(day: day, firstSeq: 0, lastSeq: 0, entryCount: 0, closeTime: 0, merkleRoot: .zero,
                                               stateRoot: .zero, previousBlockHash: previous, lastEntryHash: .zero)
        edit(&header)
        headers.append(HexText.encode(header.encoded))
        previous = header.hash(hasher: hasher)
    }
    return (headers, previous.hex)
}

/// Findings 3 and 4 of issue 16: a head that can be pinned (WORKFLOW.md §9.2) and outputs checked
/// against their ledger (§9.3, §9.4).
@Suite("Hostile inputs: nothing forged passes as what it is not (issue 16, findings 3–4)")
struct ForgeryTests {
    @Test("finding 3: a ledger edited and re-hashed end to end passes verify only unpinned; --head, replay --head and verify --replay catch it")
    func rehashedLedger() throws {
        try withScratch("forged") { scratch in
            let head = try finishedRun(tiny, into: scratch + "/run")
            let ledger = scratch + "/ledger.sqlite"
            try FileManager.default.copyItem(atPath: scratch + "/run/ledger.sqlite", toPath: ledger)
            let forgedHead = try forgeReason(ledger: ledger, seq: 22, reason: "forged")
            #expect(forgedHead != head)
            let python = try runProcess("/usr/bin/env", ["python3", "tools/verify_ledger.py", ledger])
            #expect(python.status == 0, "the chain itself is consistent: \(python.stdout)\(python.stderr)")

            let unpinned = try swansimRelease(["verify", ledger])
            #expect(unpinned.status == 0, "\(unpinned.stderr)")
            #expect(unpinned.stdout.contains("not pinned"), "says what it did not prove:\n\(unpinned.stdout)")
            #expect(!unpinned.stdout.contains("meta matches its scenario"), "\(unpinned.stdout)")

            let pinned = try swansimRelease(["verify", ledger, "--head", head])
            #expect(pinned.status == 3 && pinned.stderr.contains(head) && pinned.stderr.contains(forgedHead), "\(pinned.stderr)")
            let replayPinned = try swansimRelease(["replay", ledger, "--head", head])
            #expect(replayPinned.status == 3, "\(replayPinned.stderr)")
            let both = try swansimRelease(["verify", ledger, "--replay"])
            #expect(both.status == 3 && both.stderr.contains("seq 22"), "\(both.stderr)")

            let honest = scratch + "/run/ledger.sqlite"
            let ok = try swansimRelease(["verify", honest, "--head", head, "--replay"])
            #expect(ok.status == 0 && ok.stdout.contains("pinned") && ok.stdout.contains("replay"), "\(ok.stdout)\(ok.stderr)")
            let badHead = try swansimRelease(["verify", honest, "--head", "xyz"])
            #expect(badHead.status == 2, "\(badHead.stderr)")
        }
    }

    @Test("finding 3: another scenario's honest run with the scenario_source and scenario_sha256 copied in is caught by verify --replay and --head")
    func copiedMeta() throws {
        try withScratch("copied-meta") { scratch in
            let head = try finishedRun(tiny, into: scratch + "/a")
            var document = try fixtureDocument("tiny-two-providers")
            var script = document["script"] as? [[String: Any]] ?? []
            let index = try #require(script.firstIndex { $0["op"] as? String == "deposit" })
            script[index]["amount"] = "1"
            document["script"] = script
            document["expect"] = nil
            try writeDocument(document, to: scratch + "/b.json")
            let run = try swansimRelease(["run", scratch + "/b.json", "--out", scratch + "/b", "--quiet"])
            #expect(run.status == 0, "\(run.stderr)")
            let a = try DatabaseQueue(path: scratch + "/a/ledger.sqlite")
            let copied = try a.read { db in try Row.fetchAll(db, sql: "SELECT key, value FROM meta WHERE key IN ('scenario_source', 'scenario_sha256')") }
            try a.close()
            let b = try DatabaseQueue(path: scratch + "/b/ledger.sqlite")
            try b.write { db in
                for row in copied { try db.execute(sql: "UPDATE meta SET value = ? WHERE key = ?", arguments: [row[1] as String, row[0] as String]) }
            }
            try b.close()
            let ledger = scratch + "/b-ledger.sqlite"
            try FileManager.default.copyItem(atPath: scratch + "/b/ledger.sqlite", toPath: ledger)

            let verify = try swansimRelease(["verify", ledger])
            #expect(verify.status == 0 && !verify.stdout.contains("meta matches its scenario"), "\(verify.stdout)")
            #expect(verify.stdout.contains("replay"), "names the check that would tell: \(verify.stdout)")
            let replayed = try swansimRelease(["verify", ledger, "--replay"])
            #expect(replayed.status == 3, "\(replayed.stdout)\(replayed.stderr)")
            #expect(try swansimRelease(["verify", ledger, "--head", head]).status == 3)
        }
    }

    @Test("finding 3: verify-proof refuses later headers that chain but commit to nothing, in both verifiers; unpinned is said")
    func fabricatedLaterHeaders() throws {
        try withScratch("fabricated") { scratch in
            let head = try finishedRun(tiny, into: scratch + "/run")
            var proof = try proofDocument(scratch + "/run/ledger.sqlite", seq: 3, file: scratch + "/proof.json")
            let genuine = try swansimRelease(["verify-proof", scratch + "/proof.json"])
            #expect(genuine.status == 0 && genuine.stdout.contains("not pinned"), "\(genuine.stdout)")
            let pinned = try swansimRelease(["verify-proof", scratch + "/proof.json", "--head", head])
            #expect(pinned.status == 0 && !pinned.stdout.contains("not pinned"), "\(pinned.stdout)")

            let (headers, fakeHead) = try fabricatedHeaders(after: proof, count: 300)
            proof["later_headers_hex"] = (proof["later_headers_hex"] as? [String] ?? []) + headers
            proof["head_block_hash"] = fakeHead
            try JSONSerialization.data(withJSONObject: proof, options: [.sortedKeys]).write(to: URL(fileURLWithPath: scratch + "/fake.json"))
            let swift = try swansimRelease(["verify-proof", scratch + "/fake.json"])
            #expect(swift.status == 3 && swift.stderr.contains("later_headers_hex"), "\(swift.stdout)\(swift.stderr)")
            let python = try runProcess("/usr/bin/env", ["python3", "tools/verify_proof.py", scratch + "/fake.json"])
            #expect(python.status == 3 && python.stderr.contains("later_headers_hex"), "\(python.stdout)\(python.stderr)")
        }
    }

    @Test("finding 4: verify compares summary.json, days.csv and provider_days.csv with its own rendering, naming file, place and field")
    func outputsBesideTheLedger() throws {
        try withScratch("outputs") { scratch in
            let directory = scratch + "/run"
            try finishedRun(tiny, into: directory)
            let clean = try swansimRelease(["verify", "--run", directory])
            #expect(clean.status == 0 && clean.stdout.contains("summary.json"), "\(clean.stdout)\(clean.stderr)")

            let summaryPath = directory + "/summary.json"
            let summary = try String(contentsOfFile: summaryPath, encoding: .utf8)
            let edited = summary.replacing(/"ubi_paid": "[0-9.]+"/, with: "\"ubi_paid\": \"1.0\"")
            #expect(edited != summary)
            try Data(edited.utf8).write(to: URL(fileURLWithPath: summaryPath))
            let result = try swansimRelease(["verify", directory + "/ledger.sqlite"])
            #expect(result.status == 3 && result.stderr.contains("summary.json") && result.stderr.contains("$.totals.ubi_paid"),
                    "\(result.stdout)\(result.stderr)")
            try Data(summary.utf8).write(to: URL(fileURLWithPath: summaryPath))

            for (file, line) in [("days.csv", 2), ("provider_days.csv", 3)] {
                let path = directory + "/" + file
                let original = try String(contentsOfFile: path, encoding: .utf8)
                var lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let header = lines[0].split(separator: ",").map(String.init)
                var cells = lines[line - 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                let column = try #require(cells.indices.last { cells[$0].allSatisfy(\.isNumber) && !cells[$0].isEmpty })
                cells[column] = String((Int(cells[column]) ?? 0) + 1)
                lines[line - 1] = cells.joined(separator: ",")
                try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
                let check = try swansimRelease(["verify", "--run", directory])
                #expect(check.status == 3 && check.stderr.contains("\(file) line \(line)") && check.stderr.contains(header[column]),
                        "\(file): \(check.stderr)")
                try Data(original.utf8).write(to: URL(fileURLWithPath: path))
            }
            #expect(try swansimRelease(["verify", "--run", directory]).status == 0)
        }
    }

    @Test("finding 4: deleting scenario_source does not let an edited summary.json pass; --scenario FILE pins the scenario file")
    func summaryWithoutItsScenario() throws {
        try withScratch("no-source") { scratch in
            let directory = scratch + "/run"
            let head = try finishedRun(tiny, into: directory)
            let queue = try DatabaseQueue(path: directory + "/ledger.sqlite")
            try queue.write { db in try db.execute(sql: "DELETE FROM meta WHERE key = 'scenario_source'") }
            try queue.close()
            let summaryPath = directory + "/summary.json"
            let summary = try String(contentsOfFile: summaryPath, encoding: .utf8)
            try Data(summary.replacing(/"ubi_paid": "[0-9.]+"/, with: "\"ubi_paid\": \"1.0\"").utf8).write(to: URL(fileURLWithPath: summaryPath))
            let pinned = try swansimRelease(["verify", "--run", directory, "--head", head])
            #expect(pinned.status == 3 && pinned.stderr.contains("summary.json"), "\(pinned.stdout)\(pinned.stderr)")
            let given = try swansimRelease(["verify", "--run", directory, "--head", head, "--scenario", tiny])
            #expect(given.status == 3 && given.stderr.contains("$.totals.ubi_paid"), "\(given.stderr)")
            try Data(summary.utf8).write(to: URL(fileURLWithPath: summaryPath))
            #expect(try swansimRelease(["verify", "--run", directory, "--head", head, "--scenario", tiny]).status == 0)
            let other = try swansimRelease(["verify", "--run", directory, "--scenario", "Fixtures/scenarios/paid-tasks.json"])
            #expect(other.status == 3 && other.stderr.contains("scenario_sha256"), "\(other.stderr)")
        }
    }

    @Test("finding 4: sweep-merge --check re-executes shard runs and refuses an edited summary_json or run_days cell")
    func editedShard() throws {
        try withScratch("edited-shard") { scratch in
            for shard in ["0/2", "1/2"] {
                let result = try swansimRelease(["sweep", tiny, "--seeds", "4", "--shard", shard, "--out", scratch + "/s" + shard.prefix(1), "--quiet"])
                #expect(result.status == 0, "\(result.stderr)")
            }
            let clean = try swansimRelease(["sweep-merge", scratch + "/clean", scratch + "/s0", scratch + "/s1", "--check", "2"])
            #expect(clean.status == 0, "\(clean.stderr)")
            let shard = try DatabaseQueue(path: scratch + "/s1/sweep.sqlite")
            try shard.write { db in
                try db.execute(sql: "UPDATE runs SET summary_json = replace(summary_json, '\"ubi_paid\": \"', '\"ubi_paid\": \"1') WHERE run_index = 3")
            }
            let summary = try swansimRelease(["sweep-merge", scratch + "/m1", scratch + "/s0", scratch + "/s1", "--check", "2"])
            #expect(summary.status == 3 && summary.stderr.contains("run 3") && summary.stderr.contains("summary_json $.totals.ubi_paid"),
                    "\(summary.stderr)")
            #expect(!FileManager.default.fileExists(atPath: scratch + "/m1/runs.csv"), "nothing merged")
            try shard.write { db in
                try db.execute(sql: "UPDATE runs SET summary_json = replace(summary_json, '\"ubi_paid\": \"1', '\"ubi_paid\": \"') WHERE run_index = 3")
                try db.execute(sql: "UPDATE run_days SET rejections = rejections + 7 WHERE run_index = 1 AND day = 1")
            }
            try shard.close()
            let days = try swansimRelease(["sweep-merge", scratch + "/m2", scratch + "/s0", scratch + "/s1", "--check", "2"])
            #expect(days.status == 3 && days.stderr.contains("run 1") && days.stderr.contains("rejections"), "\(days.stderr)")
            let unchecked = try swansimRelease(["sweep-merge", scratch + "/m3", scratch + "/s0", scratch + "/s1", "--check", "0"])
            #expect(unchecked.status == 0, "--check 0 trusts the shards: \(unchecked.stderr)")
        }
    }
}
