import ArgumentParser
import SwanCore
import SwanRunner

/// `swansim verify LEDGER.sqlite`
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-verify a ledger: hash chain, roots and links, then every hard invariant.",
        discussion: """
            Reads ledger.sqlite and recomputes every entry hash from prev_hash and payload, \
            checks that each payload decodes to its typed columns and transfers, and recomputes \
            every block's Merkle root, state root and hash (OUTPUTS.md §4, docs/LEDGER-ENCODING.md). \
            Then the independent checker replays the ledger from its meta and reports each hard \
            invariant I1–I13 (RULES.md §13.1).

            On the first chain mismatch it prints the seq (or block), expected and found, and \
            exits 3; a failed invariant also exits 3. Otherwise it exits 0.

            Example:
              swansim verify runs/tiny-two-providers/ledger.sqlite
              ok: 37 entries, 4 blocks, head 4d95e4d8…
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
        } catch .unsupported(let message) {
            printError("\(ledger): \(message)")
            throw ExitCode(2)
        } catch .unreadable(let message) {
            printError("\(ledger): \(message)")
            throw ExitCode(4)
        }
        let report = outcome.report
        print("ok: \(report.entries) entries, \(report.blocks) blocks, head \(report.headHash.hex), "
              + "head block \(report.headBlockHash.hex)")
        for result in outcome.invariants.results {
            let state = result.ok ? "ok" : "FAILED (\(result.violations) violations, first at seq \(result.firstSeq.map { String($0) } ?? "-"): \(result.detail ?? ""))"
            print("\(result.invariant.id) \(result.invariant.rawValue) \(state)")
        }
        if !outcome.invariants.ok { throw ExitCode(3) }
    }
}
