import Foundation
import SwanStore
import SwanTestSupport
import Testing

private let baseline = "Fixtures/scenarios/baseline.json"

/// A finished baseline run in a fresh directory, and the directory's listing.
private func finishedRun(_ name: String) throws -> String {
    let directory = try temporaryDirectory(name) + "/run"
    let run = try runProcess(try releaseBinary(), ["run", baseline, "--out", directory, "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    return directory
}

private func replay(_ arguments: [String]) throws -> CommandResult {
    try runProcess(try releaseBinary(), ["replay"] + arguments)
}

@Suite("swansim replay (WORKFLOW.md §4)")
struct ReplayTests {
    @Test("a ledger replays from its own meta.scenario_source, identical, and nothing is written")
    func identical() throws {
        let directory = try finishedRun("replay-same")
        let before = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        let ledger = try Data(contentsOf: URL(fileURLWithPath: directory + "/ledger.sqlite"))
        let result = try replay([directory + "/ledger.sqlite"])
        #expect(result.status == 0 && result.stdout.hasPrefix("replayed: 1836 entries, 31 blocks identical; head block "), "\(result.stderr)")
        #expect(result.stdout.contains("not pinned"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == before, "no side file, no output")
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/ledger.sqlite")) == ledger)
        let given = try replay([directory + "/ledger.sqlite", "--scenario", baseline])
        #expect(given.status == 0, "\(given.stderr)")
    }

    @Test("an edited entry, transfer or block is named by block, seq and column, exit 3", arguments: [
        ("UPDATE entries SET amount_atto = '1' WHERE seq = 500", "block 8, seq 500, entries.amount_atto: stored 1"),
        ("UPDATE transfers SET credit = 'treasury' WHERE seq = 900 AND idx = 0", "seq 900, transfers.credit: stored treasury"),
        ("UPDATE blocks SET entry_count = entry_count + 1 WHERE day = 12", "block 12, blocks.entry_count"),
        ("DELETE FROM entries WHERE seq = (SELECT max(seq) FROM entries)", "entries.(row missing from the stored ledger)"),
    ])
    func differences(_ edit: String, _ message: String) throws {
        let directory = try finishedRun("replay-edit")
        let database = try LedgerDatabase.create(atExisting: directory + "/ledger.sqlite")
        try database.execute(edit)
        let result = try replay([directory + "/ledger.sqlite"])
        #expect(result.status == 3 && result.stderr.contains("the replay differs at") && result.stderr.contains(message),
                "\(edit): \(result.stderr)")
    }

    @Test("another scenario file, or a ledger without its scenario, exits 2")
    func scenarioProblems() throws {
        let directory = try finishedRun("replay-scenario")
        let other = try replay([directory + "/ledger.sqlite", "--scenario", "Fixtures/scenarios/tiny-two-providers.json"])
        #expect(other.status == 2 && other.stderr.contains("but the ledger was made from"), "\(other.stderr)")
        let database = try LedgerDatabase.create(atExisting: directory + "/ledger.sqlite")
        try database.execute("DELETE FROM meta WHERE key = 'scenario_source'")
        let missing = try replay([directory + "/ledger.sqlite"])
        #expect(missing.status == 2 && missing.stderr.contains("give the scenario with --scenario FILE"), "\(missing.stderr)")
        #expect(try replay([directory + "/ledger.sqlite", "--scenario", baseline]).status == 0)
    }
}
