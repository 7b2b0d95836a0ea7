import Foundation
import SwanCore
import SwanScenario
import Testing

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Loads JSON (or YAML) text; throws the loader's errors.
func load(_ text: String, syntax: ScenarioLoader.Syntax = .json) throws(ScenarioErrors) -> Scenario {
    try ScenarioLoader.load(Array(text.utf8), syntax: syntax)
}

/// The error lines of text, printed as for a file named `tiny.json`; empty when valid.
func errors(_ text: String, syntax: ScenarioLoader.Syntax = .json) -> [String] {
    do throws(ScenarioErrors) {
        _ = try load(text, syntax: syntax)
        return []
    } catch {
        return error.errors.map { $0.line(file: "tiny.json") }
    }
}

/// A minimal valid scenario with `extra` members spliced into the top-level object.
func scenario(_ extra: String = "", days: String = "\"days\": 3") -> String {
    """
    {"format": "swan-scenario/1", "name": "t", \(days)\(extra.isEmpty ? "" : ", " + extra)}
    """
}

/// A fixture file's bytes.
func fixture(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/scenarios/\(name)")))
}
