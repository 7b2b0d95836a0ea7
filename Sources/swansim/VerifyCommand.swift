import ArgumentParser
import SwanCore
import SwanCrypto
import SwanStore

/// `swansim verify LEDGER.sqlite`
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute a ledger's hash chain, Merkle roots, state roots and block links.",
        discussion: """
            Reads ledger.sqlite and recomputes every entry hash from prev_hash and payload, \
            checks that each payload decodes to its typed columns and transfers, and recomputes \
            every block's Merkle root, state root and hash (OUTPUTS.md §4, docs/LEDGER-ENCODING.md).

            On the first mismatch it prints the seq (or block), expected and found, and exits 3. \
            Otherwise it prints one summary line and exits 0.

            Example:
              swansim verify runs/tiny-two-providers/ledger.sqlite
              ok: 37 entries, 4 blocks, head 3f2a…
            """
    )

    @Argument(help: "Path of a ledger.sqlite written by swansim.")
    var ledger: String

    func run() throws {
        do {
            let database = try LedgerDatabase.open(at: ledger)
            let report = try database.verify(hasher: try OpenSSLSHA256())
            print("ok: \(report.entries) entries, \(report.blocks) blocks, head \(report.headHash.hex), "
                  + "head block \(report.headBlockHash.hex)")
        } catch let error as VerifyError {
            switch error {
            case .mismatch(let failure):
                printError("\(ledger): \(failure)")
                throw ExitCode(3)
            case .unreadable(let message):
                printError("\(ledger): \(message)")
                throw ExitCode(message.hasPrefix("unknown encoding_version") ? 2 : 4)
            }
        } catch let error as StoreError {
            printError("\(ledger): \(error)")
            throw ExitCode(4)
        }
    }
}
