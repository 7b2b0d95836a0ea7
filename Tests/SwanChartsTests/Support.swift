import Foundation

/// Tests/SwanChartsTests/.
let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
/// The repository root.
let repositoryRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
/// The golden report's input: a run of Golden/tiny-usd.json (Golden/README.md).
let goldenRunDirectory = testsDirectory.appendingPathComponent("Golden/tiny-usd").path
/// The golden report itself.
let goldenReportPath = testsDirectory.appendingPathComponent("Golden/tiny-usd-report.html").path

/// A fresh empty directory under the system's temporary directory.
func temporaryDirectory(_ name: String) throws -> String {
    let path = NSTemporaryDirectory() + "swansim-charts-\(name)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Copies the golden run's three files into a fresh directory (to corrupt one of them).
func copyOfGoldenRun() throws -> String {
    let directory = try temporaryDirectory("run")
    for file in ["summary.json", "days.csv", "provider_days.csv"] {
        try FileManager.default.copyItem(atPath: goldenRunDirectory + "/" + file, toPath: directory + "/" + file)
    }
    return directory
}

/// The swansim binary: $SWANSIM_BIN, else the one built beside this test bundle, else debug or release.
func swansimBinary() -> String {
    if let path = ProcessInfo.processInfo.environment["SWANSIM_BIN"] { return path }
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("swansim").path
    if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    for configuration in ["debug", "release"] {
        let path = repositoryRoot.appendingPathComponent(".build/\(configuration)/swansim").path
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return "swansim"
}

/// What a finished process said.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs swansim with `arguments` in the repository root.
func swansim(_ arguments: String...) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: swansimBinary())
    process.arguments = arguments
    process.currentDirectoryURL = repositoryRoot
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                         stderr: String(decoding: stderr, as: UTF8.self))
}

/// The names in `directory`, sorted.
func listing(_ directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
}
