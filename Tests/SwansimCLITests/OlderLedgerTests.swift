import Foundation
import SwanTestSupport
import Testing

/// Ledgers written before `swansim-entry/3` (`Fixtures/ledgers/`: a version-1 and a market run,
/// written by the last build of version 2) stay usable, and today's runs of the same scenarios
/// write the same outputs apart from hash values and encoding identifiers.
@Suite("Older ledgers: swansim-entry/1 and /2 verify, prove and replay; outputs unchanged but for hashes")
struct OlderLedgerTests {
    static let ledgers = [("swansim-entry-1-tiny-two-providers", "tiny-two-providers", "swansim-entry/1"),
                          ("swansim-entry-2-tiny-market", "tiny-market", "swansim-entry/2")]

    /// A copy of a committed run directory (SQLite may add side files beside a ledger it opens).
    private func copy(_ name: String, into scratch: String) throws -> String {
        let target = scratch + "/" + name
        try FileManager.default.copyItem(atPath: repositoryRoot.appendingPathComponent("Fixtures/ledgers/\(name)").path, toPath: target)
        return target
    }

    @Test("verify --replay, replay, prove and verify-proof accept each older ledger", arguments: ledgers)
    func olderLedgerIsUsable(_ ledger: (directory: String, scenario: String, version: String)) throws {
        let scratch = try temporaryDirectory("older-\(ledger.scenario)")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let run = try copy(ledger.directory, into: scratch)
        let verify = try swansim("verify", "--run", run, "--replay")
        #expect(verify.status == 0, "\(verify.stderr)")
        let replay = try swansim("replay", run + "/ledger.sqlite")
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.contains("identical entry by entry (stored in \(ledger.version)"), "\(replay.stdout)")
        let prove = try swansim("prove", run + "/ledger.sqlite", "--seq", "7", "--out", scratch + "/proof.json")
        #expect(prove.status == 0, "\(prove.stderr)")
        let proof = try swansim("verify-proof", scratch + "/proof.json")
        #expect(proof.status == 0, "\(proof.stderr)")
    }

    @Test("today's run writes the older run's summary.json, days.csv and provider_days.csv but for hashes and encoding ids",
          arguments: ledgers)
    func outputsUnchanged(_ ledger: (directory: String, scenario: String, version: String)) throws {
        let scratch = try temporaryDirectory("older-outputs-\(ledger.scenario)")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let run = try swansim("run", "Fixtures/scenarios/\(ledger.scenario).json", "--out", scratch + "/now", "--quiet")
        #expect(run.status == 0, "\(run.stderr)")
        let older = repositoryRoot.appendingPathComponent("Fixtures/ledgers/\(ledger.directory)").path
        func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
        // summary.json: every line but the ledger's hashes and encoding identifier.
        func summary(_ path: String) throws -> [String] {
            try text(path).split(separator: "\n").map(String.init).filter {
                !$0.contains("\"head_hash\"") && !$0.contains("\"head_block_hash\"") && !$0.contains("\"encoding_version\"")
            }
        }
        #expect(try summary(scratch + "/now/summary.json") == summary(older + "/summary.json"))
        // days.csv: every column but block_hash (the last of version 1's, before a market run's).
        func days(_ path: String) throws -> [[Substring]] {
            let rows = try text(path).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let hash = try #require(rows.first?.firstIndex(of: "block_hash"))
            return rows.map { row in row.enumerated().filter { $0.offset != hash }.map(\.element) }
        }
        #expect(try days(scratch + "/now/days.csv") == days(older + "/days.csv"))
        #expect(try text(scratch + "/now/provider_days.csv") == text(older + "/provider_days.csv"))
        // The hashes do differ: the bytes they cover changed.
        #expect(try text(scratch + "/now/days.csv") != text(older + "/days.csv"))
    }
}
