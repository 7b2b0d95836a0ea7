import ArgumentParser
import SwanCore
import SwanRunner

/// `swansim verify LEDGER.sqlite`
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-verify a ledger: hash chain, roots and links, then every hard invariant.",
        discussion: """
            Reads ledger.sqlite and checks everything a reader reads:
              meta      the stored scenario (meta.scenario_source) hashes to scenario_sha256 and
                        resolves to exactly params_json, catalog_json, seed, days and the rest;
              chain     every entry hash from prev_hash and payload, each payload decoding to its
                        typed columns and transfers, every block's Merkle root, state root and
                        hash (OUTPUTS.md §4, docs/LEDGER-ENCODING.md);
              checker   the independent checker replays the entries and reports each hard
                        invariant I1–I13 (RULES.md §13.1);
              tables    the checker's own account_day, provider_day, network_day, tasks,
                        providers, breaches and invariants rows equal the stored ones.

            The first mismatch is printed with its place (seq, block, or table and key), the \
            column, expected and found, and exits 3; a failed invariant also exits 3, and so \
            does a damaged file (PRAGMA quick_check, run beside the rest, or a malformed \
            page met while reading). No such file, a file that is not a SQLite database or not \
            a swansim ledger, or an unknown encoding exits 2; another I/O error 4. Otherwise 0.

            Example:
              swansim verify runs/tiny-two-providers/ledger.sqlite
              ok: 37 entries, 4 blocks, head 4d95e4d8…
              ok: meta matches its scenario; derived tables match the ledger
              I1 conservation ok
              …
            """
    )

    @Argument(help: "Path of a ledger.sqlite written by swansim.")
    var ledger: String

    func run() throws {
        let outcome: LedgerCheck.Outcome
        do {
            outcome = try LedgerCheck.verify(path: ledger)
        } catch .mismatch(let failure) {
            printError("\(ledger): \(failure)")
            throw ExitCode(3)
        } catch .damaged(let message) {
            printError("\(ledger): \(message)")
            throw ExitCode(3)
        } catch .notALedger(let message), .unsupported(let message) {
            printError("\(ledger): \(message)")
            throw ExitCode(2)
        } catch .unreadable(let message) {
            printError("\(ledger): \(message)")
            throw ExitCode(4)
        }
        let report = outcome.report
        print("ok: \(report.entries) entries, \(report.blocks) blocks, head \(report.headHash.hex), "
              + "head block \(report.headBlockHash.hex)")
        if let difference = outcome.tableDifference {
            printError("\(ledger): \(difference)")
        } else {
            print(outcome.scenarioChecked ? "ok: meta matches its scenario; derived tables match the ledger"
                  : "ok: derived tables match the ledger")
        }
        if !outcome.scenarioChecked {
            print("note: no meta.scenario_source (an older ledger): meta and providers.population not checked against a scenario")
        }
        for result in outcome.invariants.results {
            let state = result.ok ? "ok" : "FAILED (\(result.violations) violations, first at seq \(result.firstSeq.map { String($0) } ?? "-"): \(result.detail ?? ""))"
            print("\(result.invariant.id) \(result.invariant.rawValue) \(state)")
        }
        if !outcome.ok { throw ExitCode(3) }
    }
}
