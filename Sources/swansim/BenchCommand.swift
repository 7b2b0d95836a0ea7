import ArgumentParser
import Foundation
import SwanRunner

/// `swansim bench`
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput and memory on a scenario (docs/PERFORMANCE.md).",
        discussion: """
            Runs the scenario persisted, verifies its ledger, and runs it again with --ledger none, \
            then prints (a) provider-days/s and entries/s without a ledger, (b) SQLite rows written/s \
            of the persisted run, (c) verify entries/s and (d) the peak resident memory of (b), each \
            against its target. Use a release build: debug builds are 10-50x slower.

            Example:
              swift build -c release && .build/release/swansim bench
            """
    )

    @Argument(help: "Scenario to measure.")
    var scenario = "Fixtures/scenarios/network-1000x365.json"

    @Option(name: .customLong("out"), help: "Scratch directory for the runs.")
    var outputDirectory = "runs/bench"

    func run() throws {
        let report: Benchmark.Report
        do {
            report = try Benchmark.run(scenarioFile: scenario, directory: outputDirectory)
        } catch RunFailure.invalid(let lines) {
            for line in lines { printError(line) }
            throw ExitCode(2)
        } catch {
            printError("swansim bench: \(error)")
            throw ExitCode(4)
        }
        printLine("\(scenario): \(report.entries) entries, \(report.providerDays) provider-days, \(report.rowsWritten) rows")
        for figure in report.figures {
            let target = figure.target == 0 ? "" : "  target \(figure.higherIsBetter ? "≥" : "≤") \(Int(figure.target))  \(figure.met ? "met" : "NOT met")"
            printLine(figure.name.padding(toLength: 40, withPad: " ", startingAt: 0) + String(format: "%14.0f %@", figure.value, figure.unit) + target)
        }
    }
}
