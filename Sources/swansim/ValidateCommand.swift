import ArgumentParser
import Foundation
import SwanCore
import SwanRunner

/// `swansim validate FILE...`
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files without running them.",
        discussion: """
            Runs every check of SCENARIO-FORMAT.md §5 on each file (JSON, or YAML for .yaml/.yml). \
            A "swan-scenario/2" file (a market run) is checked against SCENARIO-FORMAT-MARKET.md \
            too: the reputation, pricing and auction parameters, asking prices, auction and \
            market-priced generators, set_price and job_fail, and the market expectations. \
            Errors go to standard error, one per line, in document order, at most 100 per file:

              <file>:<json path>: <CODE>: <message>

            Exit code 0 when every file is valid, 2 otherwise. Nothing is written.

            Example:
              swansim validate Fixtures/scenarios/tiny-two-providers.json
              tiny.json:$.script[3].amount: E_AMOUNT_PRECISION: 19 fractional digits, at most 18 allowed
            """
    )

    @Argument(help: "Scenario files to check.")
    var files: [String]

    func run() throws {
        var invalid = false
        for file in files {
            do throws(ScenarioFile.Invalid) {
                let scenario = try ScenarioFile.load(file).scenario
                printLine("\(file): ok (\(scenario.name): \(scenario.days) days, \(scenario.providers.count) genesis providers, "
                          + "\(scenario.script.count) script ops, preset \(scenario.parameters.preset.rawValue))")
            } catch {
                invalid = true
                for line in error.lines { printError(line) }
            }
        }
        if invalid { throw ExitCode(2) }
    }
}
