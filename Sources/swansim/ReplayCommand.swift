import ArgumentParser
import SwanCore
import SwanRunner

/// `swansim replay LEDGER.sqlite [--scenario FILE] [--head HASH]`
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-run the scenario a ledger was made from and compare the ledgers block by block.",
        discussion: """
            A ledger carries its scenario file (meta.scenario_source, base64, beside \
            scenario_sha256). replay runs that scenario again (or FILE, whose SHA-256 must \
            match) and compares every entry, transfer and block of the new ledger with the \
            stored one (WORKFLOW.md §4). It writes nothing: the new ledger lives in memory.

            A replay proves the entries come from the stored scenario. It does not prove the \
            scenario is the one you meant: whoever hands you a ledger can hand you another \
            scenario's honest run. Pin the head block hash you received from a source you \
            trust with --head (WORKFLOW.md §9.2).

            Exit codes: 0 identical (and the head is HASH, with --head); 3 they differ (the \
            first differing block, seq and column are printed) or the head is not HASH; 2 \
            the scenario is missing, invalid or its hash does not match, or LEDGER is not a \
            regular file; 4 the ledger cannot be read.

            Example:
              swansim run Fixtures/scenarios/baseline.json --out runs/baseline
              swansim replay runs/baseline/ledger.sqlite --head eb6329f46b031885d8903e02a45ed9ca7dcb1cd62e626cb2d33e70c439ca9c79
              replayed: 1836 entries, 31 blocks identical; head block eb6329f4… is the pinned one
            """
    )

    @Argument(help: "Path of a ledger.sqlite written by swansim.")
    var ledger: String

    @Option(help: "The scenario file to replay instead of the stored one (its SHA-256 must match).")
    var scenario: String?

    @Option(help: "The head block hash the ledger must end at (64 hex digits), from a source you trust.")
    var head: String?

    func validate() throws { _ = try parseHead(head) }

    func run() throws {
        let pinned = try parseHead(head)
        do {
            let outcome = try LedgerReplayRun.replay(ledgerPath: ledger, scenarioFile: scenario, head: pinned)
            let pin = pinned == nil ? "head block \(outcome.headBlockHash) (not pinned: give --head HASH to pin it)"
                : "head block \(outcome.headBlockHash) is the pinned one"
            if let older = outcome.olderEncoding {
                printLine("replayed: \(outcome.entries) entries, \(outcome.blocks) blocks identical entry by entry (stored in "
                    + "\(older.identifier), replayed in \(EntryEncoding.version): payloads compared decoded, hashes not); \(pin)")
            } else {
                printLine("replayed: \(outcome.entries) entries, \(outcome.blocks) blocks identical; \(pin)")
            }
        } catch .differs(let difference) {
            printError("\(ledger): the replay differs at \(difference)")
            throw ExitCode(3)
        } catch .headMismatch(let pinnedHead, let stored) {
            printError("\(ledger): the head block hash is \(stored), not the pinned \(pinnedHead.hex)")
            throw ExitCode(3)
        } catch .scenario(let lines) {
            for line in lines { printError("\(ledger): \(line)") }
            throw ExitCode(2)
        } catch .unreadable(let message) {
            printError("\(ledger): \(message)")
            throw ExitCode(4)
        }
    }
}
