import ArgumentParser
import SwanReport
import SwanRunner

/// `swansim report DIR [--out FILE]`
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML report of a run or a sweep.",
        discussion: """
            DIR is a run's output directory (summary.json, days.csv, provider_days.csv) or a \
            sweep's (sweep.sqlite). The report is one HTML file with inline SVG charts: it makes \
            no requests, opens from disk, and needs no JavaScript (WORKFLOW.md §3; \
            docs/REPORT.md describes every chart and where its numbers come from). Every chart \
            has its numbers as a table and a CSV download.

            A run's report: C_base and CU_total, UBI paid against y_eff, providers by status, \
            the collateral ratio distribution, breaches, slashed amounts, tasks, provider \
            economics against the Swarm reference lines, totals, invariants and head hash. \
            A sweep's report: each outcome's median and 5–95 % band across seeds against each \
            swept parameter, and fan charts of the daily series.

            The page is written atomically (a temporary file renamed into place): on failure \
            nothing is left. The same inputs always give the same bytes. FILE may replace an \
            earlier report; any other existing file only with --force; and never a file of the \
            run or sweep it draws (summary.json, the CSV files, the databases), not even with \
            --force (WORKFLOW.md §9.1). FILE's directory must exist.

            Exit codes: 0 written, 2 DIR is not a run or sweep directory, an input file is \
            malformed or not a regular file, or FILE may not be written, 4 the page could not \
            be written.

            Example:
              swansim run Fixtures/scenarios/baseline.json --out /tmp/baseline
              swansim report /tmp/baseline                 # writes /tmp/baseline/report.html
              swansim report runs/baseline-sweep --out sweep.html
            """
    )

    @Argument(help: "A run's output directory or a sweep's directory.")
    var directory: String

    @Option(name: .customLong("out"), help: "Output file (default: DIR/report.html).")
    var output: String?

    @Flag(help: "Replace an existing FILE that is not a report (never one of the report's inputs).")
    var force = false

    func run() throws {
        let outcome: Report.Outcome
        do throws(ReportFailure) {
            outcome = try Report.write(directory: directory, output: output, force: force)
        } catch {
            printError("swansim report: \(error)")
            throw ExitCode(error.exitCode)
        }
        printLine("\(outcome.path): \(outcome.kind.rawValue) report, \(outcome.bytes) bytes")
    }
}
