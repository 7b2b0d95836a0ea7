import Foundation
import SwanTestSupport

/// Tests/SwanChartsTests/.
let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
/// The golden report's input: a run of Golden/tiny-usd.json (Golden/README.md).
let goldenRunDirectory = testsDirectory.appendingPathComponent("Golden/tiny-usd").path
/// The golden report itself.
let goldenReportPath = testsDirectory.appendingPathComponent("Golden/tiny-usd-report.html").path

/// Copies the golden run's three files into a fresh directory (to corrupt one of them).
func copyOfGoldenRun() throws -> String {
    let directory = try temporaryDirectory("run")
    for file in ["summary.json", "days.csv", "provider_days.csv"] {
        try FileManager.default.copyItem(atPath: goldenRunDirectory + "/" + file, toPath: directory + "/" + file)
    }
    return directory
}

/// The names in `directory`, sorted.
func listing(_ directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
}
