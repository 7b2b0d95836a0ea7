import SwanCore
import SwanScenario
import SwanStore

/// Reads and loads a scenario file for `run`, `sweep`, `validate` and `replay --scenario`, with
/// the error lines of SCENARIO-FORMAT.md §5.1 (`<file>:<json path>: <CODE>: <message>`).
public enum ScenarioFile {
    /// The lines to print for a file that could not be read or loaded (exit 2).
    public struct Invalid: Error, Sendable {
        public var lines: [String]
    }

    /// The largest scenario file read (64 MiB): the largest scenario the limits allow written out
    /// by hand, a script of a million operations, stays well below it.
    public static let maximumBytes = 64 << 20

    /// The file's bytes. A path that is not a regular file (a FIFO, a device, a directory) is
    /// refused at once (WORKFLOW.md §9.5), before it is opened for reading.
    public static func read(_ path: String) throws(Invalid) -> [UInt8] {
        do throws(FileRefusal) {
            return try bytes(path)
        } catch {
            throw Invalid(lines: ["\(path):$: E_JSON: \(error.problem)"])
        }
    }

    /// The file's bytes, with the refusal as it is (for the commands that name it themselves).
    public static func bytes(_ path: String) throws(FileRefusal) -> [UInt8] {
        try RegularFile.read(path, atMost: maximumBytes, what: "scenario")
    }

    /// The file's bytes and the validated scenario they make.
    public static func load(_ path: String) throws(Invalid) -> (bytes: [UInt8], scenario: Scenario) {
        let bytes = try read(path)
        do throws(ScenarioErrors) {
            return (bytes, try ScenarioLoader.load(bytes, syntax: .init(fileName: path)))
        } catch {
            throw Invalid(lines: error.errors.map { $0.line(file: path) })
        }
    }
}
