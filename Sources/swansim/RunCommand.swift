import ArgumentParser
import Foundation
import SwanCore
import SwanRunner

/// `swansim run SCENARIO [--out DIR] [--quiet]`
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario and write its ledger, summary and daily CSV files.",
        discussion: """
            Validates the scenario (nothing is written if it is invalid), runs it day by day \
            (RULES.md), and writes into DIR (default runs/<scenario name>/):

              ledger.sqlite       hash-chained ledger and derived tables (OUTPUTS.md §2)
              summary.json        run summary (OUTPUTS.md §3), written last
              days.csv            one row per day
              provider_days.csv   one row per provider per day

            The independent checker replays the stored ledger and checks invariants I1–I13; \
            the scenario's `expect` block is evaluated.

            Exit codes: 0 ok, 1 an expectation failed, 2 invalid scenario, 3 an invariant \
            failed, 4 runtime or I/O error.

            Example:
              swansim run Fixtures/scenarios/tiny-two-providers.json --out /tmp/tiny
            """
    )

    @Argument(help: "Scenario file (JSON, or YAML with .yaml/.yml).")
    var scenario: String

    @Option(name: .customLong("out"), help: "Output directory (default: runs/<scenario name>).")
    var outputDirectory: String?

    @Flag(help: "Print nothing on success; errors still go to standard error.")
    var quiet = false

    func run() throws {
        let outcome: RunOutcome
        do {
            outcome = try RunPipeline.run(scenarioFile: scenario, outputDirectory: outputDirectory)
        } catch RunFailure.invalid(let lines) {
            for line in lines { printError(line) }
            throw ExitCode(2)
        } catch RunFailure.runtime(let message) {
            printError("swansim run: \(message)")
            throw ExitCode(4)
        } catch {
            printError("swansim run: \(error)")
            throw ExitCode(4)
        }
        for line in outcome.invariantFailures { printError("invariant failed: \(line)") }
        for line in outcome.expectationFailures { printError("expectation failed: \(line)") }
        if !quiet {
            print("""
                \(outcome.scenarioName): \(outcome.entries) entries, \(outcome.blocks) blocks
                head hash     \(outcome.headHash)
                UBI paid      \(Decimal18.render(outcome.ubiPaid)) SWAN
                slashed       \(Decimal18.render(outcome.slashed)) SWAN
                breaches      \(outcome.breaches)
                rejections    \(outcome.rejections)
                invariants    \(outcome.invariantsOK ? "all hold" : "FAILED")
                expectations  \(outcome.expectationFailures.isEmpty ? "all met" : "\(outcome.expectationFailures.count) failed")
                outputs       \(outcome.files.joined(separator: "\n              "))
                """)
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
