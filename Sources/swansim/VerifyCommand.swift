import ArgumentParser
import SwanCore
import SwanRunner

/// `swansim verify LEDGER.sqlite | --run DIR [--head HASH] [--replay]`
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-verify a ledger and the files beside it: hash chain, invariants, tables, outputs, and a pinned head.",
        discussion: """
            Reads ledger.sqlite and checks everything a reader reads:
              meta      the stored scenario (meta.scenario_source) hashes to scenario_sha256 and
                        resolves to exactly params_json, catalog_json, seed, days and the rest;
              chain     every entry hash from prev_hash and payload, each payload decoding to its
                        typed columns and transfers, every block's Merkle root, state root and
                        hash (OUTPUTS.md §4, docs/LEDGER-ENCODING.md);
              checker   the independent checker replays the entries and reports each hard
                        invariant I1–I13 (RULES.md §13.1; I14–I19 for a market ledger);
              tables    the checker's own account_day, provider_day, network_day, tasks,
                        providers, breaches and invariants rows equal the stored ones;
              outputs   summary.json, days.csv and provider_days.csv beside the ledger, where
                        present, equal their rendering from the ledger byte for byte (the first
                        differing file, line or JSON path, and field is named);
              head      with --head, the ledger's head block hash is HASH.

            What this proves, and what it does not. Without --head, verify proves the ledger is \
            consistent with itself: anyone can edit an entry and recompute every hash after it, \
            and such a ledger passes too. The head block hash is the fingerprint of every entry \
            and block: take it from a place you trust (a paper, a signed release, a colleague) \
            and give it as --head, and an edit of any entry or block fails. The head does not \
            cover the scenario file itself (its description and expect block are in no entry): \
            give that file as --scenario FILE and the stored scenario must be it (its SHA-256). \
            The meta check proves the stored scenario resolves to the stored parameters, not \
            that the entries come from that scenario: that is what replay checks, and --replay \
            runs it after everything else. summary.json is rendered from the stored scenario; \
            a ledger that has none (older than meta.scenario_source) needs --scenario for it.

            The first mismatch is printed with its place (seq, block, table and key, or file \
            and line), the column, expected and found, and exits 3; a failed invariant, a \
            differing output file and a head that is not HASH also exit 3, and so does a \
            damaged file (PRAGMA quick_check, run beside the rest). No such file, a path that is \
            not a regular file, a file that is not a SQLite database or not a swansim ledger, \
            an unknown encoding, or a bad --head exits 2; another I/O error 4. Otherwise 0.

            Example:
              swansim run Fixtures/scenarios/tiny-two-providers.json --out runs/tiny
              swansim verify runs/tiny/ledger.sqlite --head 9b5ff5e857864f31e99c62faee2daf630309685a66bd9cfe7ec09190873f27f1
              ok: 37 entries, 4 blocks, head 756c9a16…, head block 9b5ff5e8…: every entry hash, …
              ok: the head block is the pinned one: …
              ok: summary.json, days.csv, provider_days.csv match the ledger byte for byte
              …
              swansim verify --run runs/tiny --replay
            """
    )

    @Argument(help: "Path of a ledger.sqlite written by swansim.")
    var ledger: String?

    @Option(name: .customLong("run"), help: ArgumentHelp("A run's output directory: verifies DIR/ledger.sqlite and the files beside it.",
                                                         valueName: "DIR"))
    var runDirectory: String?

    @Option(help: "The head block hash the ledger must end at (64 hex digits), from a source you trust.")
    var head: String?

    @Option(help: ArgumentHelp("The scenario file the ledger must have been made from (its SHA-256 must match).", valueName: "FILE"))
    var scenario: String?

    @Flag(help: "Also re-execute the stored scenario and compare the ledgers block by block (swansim replay).")
    var replay = false

    func validate() throws {
        _ = try parseHead(head)
        guard (ledger == nil) != (runDirectory == nil) else {
            throw ValidationError("give either LEDGER.sqlite or --run DIR")
        }
    }

    func run() throws {
        let path = ledger ?? (runDirectory ?? ".") + "/ledger.sqlite"
        let pinned = try parseHead(head)
        let outcome: LedgerCheck.Outcome
        do {
            outcome = try LedgerCheck.verify(path: path, head: pinned, scenarioFile: scenario)
        } catch .mismatch(let failure) {
            printError("\(path): \(failure)")
            throw ExitCode(3)
        } catch .damaged(let message) {
            printError("\(path): \(message)")
            throw ExitCode(3)
        } catch .notALedger(let message), .unsupported(let message) {
            printError("\(path): \(message)")
            throw ExitCode(2)
        } catch .unreadable(let message) {
            printError("\(path): \(message)")
            throw ExitCode(4)
        }
        report(outcome, path: path)
        var status: Int32 = outcome.ok ? 0 : 3
        if replay && status == 0 { status = replayed(path) }
        for result in outcome.invariants.results {
            let state = result.ok ? "ok" : "FAILED (\(result.violations) violations, first at seq \(result.firstSeq.map { String($0) } ?? "-"): \(result.detail ?? ""))"
            printLine("\(result.invariant.id) \(result.invariant.rawValue) \(state)")
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// The lines saying what was proved, and what was not.
    private func report(_ outcome: LedgerCheck.Outcome, path: String) {
        let report = outcome.report
        printLine("ok: \(report.entries) entries, \(report.blocks) blocks, head \(report.headHash.hex), "
                  + "head block \(report.headBlockHash.hex): every entry hash, payload, Merkle root, state root and link recomputes")
        if let pinned = outcome.pinnedHead {
            if outcome.headMismatch {
                printError("\(path): the head block hash is \(report.headBlockHash.hex), not the pinned \(pinned.hex)")
            } else {
                printLine("ok: the head block is the pinned one: no entry has changed since that hash was taken")
            }
        } else {
            printLine("note: the head is not pinned: the chain is intact, but a ledger edited and re-hashed end to end would "
                      + "pass too; give --head HASH, the head block hash from a source you trust")
        }
        if outcome.scenarioChecked {
            let given = scenario.map { ", and is \($0)" } ?? ""
            printLine("ok: meta resolves from its stored scenario (SHA-256 \(outcome.scenarioSHA256)\(given)): it gives exactly the "
                      + "stored parameters, catalog, seed and days; that the entries come from it is what replay checks (--replay)")
        } else {
            printLine("note: no meta.scenario_source (an older ledger): meta, providers.population and summary.json not checked "
                      + "against a scenario")
        }
        if let difference = outcome.tableDifference {
            printError("\(path): \(difference)")
        } else {
            printLine("ok: derived tables match the ledger")
        }
        if let difference = outcome.outputDifference {
            printError("\(OutputPathText.directory(of: path))\(difference)")
        } else if outcome.outputsCompared.isEmpty {
            printLine("note: no summary.json, days.csv or provider_days.csv beside the ledger: no output file compared")
        } else {
            printLine("ok: \(outcome.outputsCompared.joined(separator: ", ")) match the ledger byte for byte")
        }
    }

    /// `swansim replay` of the ledger, after everything else held: its exit status (0 identical,
    /// 3 it differs, 2 no scenario to replay, 4 unreadable).
    private func replayed(_ path: String) -> Int32 {
        do throws(LedgerReplayRun.Failure) {
            let outcome = try LedgerReplayRun.replay(ledgerPath: path, scenarioFile: scenario)
            printLine("ok: replayed: the stored scenario re-executes to the same \(outcome.entries) entries and \(outcome.blocks) blocks")
            return 0
        } catch {
            switch error {
            case .differs(let difference):
                printError("\(path): the replay differs at \(difference)")
                return 3
            case .headMismatch(_, let stored):
                printError("\(path): the replay ends at head block \(stored)")
                return 3
            case .scenario(let lines):
                for line in lines { printError("\(path): replay: \(line)") }
                return 2
            case .unreadable(let message):
                printError("\(path): replay: \(message)")
                return 4
            }
        }
    }
}

/// How a message names the directory of an output file.
enum OutputPathText {
    /// `DIR/` for a ledger at `DIR/ledger.sqlite`, nothing for a bare name.
    static func directory(of ledger: String) -> String {
        guard let slash = ledger.lastIndex(of: "/") else { return "" }
        return String(ledger[...slash])
    }
}
