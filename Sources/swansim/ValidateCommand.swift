import ArgumentParser
import Foundation
import SwanCore
import SwanScenario

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
            switch ScenarioFile.load(file) {
            case .success(let scenario):
                print("\(file): ok (\(scenario.name): \(scenario.days) days, \(scenario.providers.count) genesis providers, "
                      + "\(scenario.script.count) script ops, preset \(scenario.parameters.preset.rawValue))")
            case .failure(let invalidFile):
                invalid = true
                for line in invalidFile.lines { printError(line) }
            }
        }
        if invalid { throw ExitCode(2) }
    }
}

/// Reads a scenario file and loads it, giving the error lines of SCENARIO-FORMAT.md §5.1.
enum ScenarioFile {
    /// The error lines of a file that could not be loaded.
    struct Invalid: Error {
        var lines: [String]
    }

    static func load(_ file: String) -> Result<Scenario, Invalid> {
        guard let data = FileManager.default.contents(atPath: file) else {
            return .failure(Invalid(lines: ["\(file):$: E_JSON: cannot read the file"]))
        }
        do throws(ScenarioErrors) {
            return .success(try ScenarioLoader.load([UInt8](data), syntax: .init(fileName: file)))
        } catch {
            return .failure(Invalid(lines: error.errors.map { $0.line(file: file) }))
        }
    }
}

/// Prints one line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
