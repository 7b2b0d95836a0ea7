import ArgumentParser
import Foundation

/// The `swansim` command: parses arguments, wires the modules, prints.
@main
struct Swansim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swansim",
        abstract: "A deterministic simulator of Swan Chain's collateral ledger.",
        discussion: """
            swansim replays tokenomics scenarios (../shared/spec/SCENARIO-FORMAT.md) into an \
            append-only, hash-chained ledger and checks it.

            Examples:
              swansim run Fixtures/scenarios/baseline.json            # writes runs/baseline/
              swansim run Fixtures/scenarios/network-1000x365.json --ledger none
              swansim validate Fixtures/scenarios/*.json
              swansim catalog --kind fcp --format csv
              swansim verify runs/tiny-two-providers/ledger.sqlite
              swansim report runs/baseline                            # writes runs/baseline/report.html

            Exit codes: 0 ok, 1 expectation failed, 2 invalid input, 3 ledger or invariant \
            failure, 4 runtime or I/O error.
            """,
        version: "0.1.0",
        subcommands: [
            RunCommand.self, SweepCommand.self, SweepMergeCommand.self, ValidateCommand.self, CatalogCommand.self,
            VerifyCommand.self, ReplayCommand.self, ProveCommand.self, VerifyProofCommand.self, ReportCommand.self,
        ]
    )

    /// Runs the command; bad arguments exit 2 like any other invalid input (not 64).
    static func main() {
        // A file-size limit (ulimit -f) must end in a write error, exit 4 and a resumable
        // run, not in SIGXFSZ killing the process mid-transaction.
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            // --help and --version (exit 0) print on standard output as ArgumentParser formats
            // them; every other message goes through printError (escaped: an argument can carry
            // control characters too).
            let code = exitCode(for: error)
            guard code != .success else { exit(withError: error) }
            for line in fullMessage(for: error).split(separator: "\n", omittingEmptySubsequences: false) { printError(String(line)) }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
