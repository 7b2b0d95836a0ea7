import Foundation

/// Which directories `swansim run` may write into (WORKFLOW.md §6): nothing a user wrote is
/// ever lost to a mistyped `--out`.
///
/// A run writes into DIR only when DIR is absent, empty, or holds a finished run of the same
/// scenario file (its summary.json names the same `scenario.sha256`); anything else needs
/// `--force`. Even then a run only replaces its own four files and never deletes another.
enum OutputDirectory {
    /// - Throws: `.invalid` (exit 2) naming what DIR holds, when it may not be written.
    static func check(_ directory: String, scenarioSHA256: String, force: Bool) throws(RunFailure) {
        guard !force else { return }
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: directory, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw .invalid(["swansim run: \(directory) is a file, not a directory"])
        }
        let names = ((try? files.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        guard !names.isEmpty else { return }
        let summaryPath = directory + "/summary.json"
        guard let finished = finishedScenario(summaryPath) else {
            let listed = names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", ..." : "")
            throw .invalid(["swansim run: \(directory) is not empty and holds no finished run (\(listed)); "
                + "choose another --out, or --force to write swansim's files into it"])
        }
        guard finished == scenarioSHA256 else {
            throw .invalid(["swansim run: \(directory) holds a finished run of another scenario file "
                + "(summary.json scenario.sha256 \(finished), this file's \(scenarioSHA256)); "
                + "choose another --out, or --force to replace it"])
        }
    }

    /// The `scenario.sha256` of a finished run's summary.json, or nil when there is none.
    private static func finishedScenario(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path),
              let summary = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let scenario = summary["scenario"] as? [String: Any] else { return nil }
        return scenario["sha256"] as? String
    }
}
