import ArgumentParser
import SwanRunner

/// `swansim replay LEDGER.sqlite [--scenario FILE]`
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-run the scenario a ledger was made from and compare the ledgers block by block.",
        discussion: """
            A ledger carries its scenario file (meta.scenario_source, base64, beside \
            scenario_sha256). replay runs that scenario again (or FILE, whose SHA-256 must \
            match) and compares every entry, transfer and block of the new ledger with the \
            stored one (WORKFLOW.md §4). It writes nothing: the new ledger lives in memory.

            Exit codes: 0 identical; 3 they differ (the first differing block, seq and column \
            are printed); 2 the scenario is missing, invalid or its hash does not match; 4 the \
            ledger cannot be read.

            Example:
              swansim run Fixtures/scenarios/baseline.json --out runs/baseline
              swansim replay runs/baseline/ledger.sqlite
              replayed: 1836 entries, 31 blocks identical
            """
    )

    @Argument(help: "Path of a ledger.sqlite written by swansim.")
    var ledger: String

    @Option(help: "The scenario file to replay instead of the stored one (its SHA-256 must match).")
    var scenario: String?

    func run() throws {
        do {
            let (entries, blocks) = try LedgerReplayRun.replay(ledgerPath: ledger, scenarioFile: scenario)
            print("replayed: \(entries) entries, \(blocks) blocks identical")
        } catch .differs(let difference) {
            printError("\(ledger): the replay differs at \(difference)")
            throw ExitCode(3)
        } catch .scenario(let message) {
            printError("\(ledger): \(message)")
            throw ExitCode(2)
        } catch .unreadable(let message) {
            printError("\(ledger): \(message)")
            throw ExitCode(4)
        }
    }
}
