import Foundation
import SwanCore
import SwanCrypto
import SwanStore
import Testing

/// The release-built swansim: big scenarios run through it (a debug build is 10-50x slower).
/// `make test` builds it first; when it is missing it is built here.
func releaseBinary() throws -> String {
    let path = repositoryRoot.appendingPathComponent(".build/release/swansim").path
    if !FileManager.default.isExecutableFile(atPath: path) {
        let build = Process()
        build.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        build.arguments = ["swift", "build", "-c", "release", "--product", "swansim"]
        build.currentDirectoryURL = repositoryRoot
        try build.run()
        build.waitUntilExit()
    }
    return path
}

/// Runs a command with no standard input; returns its status and output.
func runProcess(_ executable: String, _ arguments: [String]) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = repositoryRoot
    process.standardInput = FileHandle.nullDevice
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                         stderr: String(decoding: stderr, as: UTF8.self))
}

@Suite("The 1,000-provider network year (release build)")
struct NetworkYearTests {
    /// Two full runs into different directories, one on two threads and one with
    /// `--pipeline off`, byte-identical in all four outputs (the database table by table); a
    /// `--ledger none` run with the same three files; the pinned head hash met (exit 0);
    /// `swansim verify` and the Python verifier pass.
    @Test("runs pipelined and unpipelined identically, ledger-less identically, and verifies", .timeLimit(.minutes(30)))
    func networkYear() throws {
        let swansim = try releaseBinary()
        let scenario = "Fixtures/scenarios/network-1000x365.json"
        let first = try temporaryDirectory("year-a"), second = try temporaryDirectory("year-b")
        let none = try temporaryDirectory("year-none")
        for (directory, extra) in [(first, [String]()), (second, ["--pipeline", "off"]), (none, ["--ledger", "none"])] {
            let result = try runProcess(swansim, ["run", scenario, "--out", directory, "--quiet"] + extra)
            #expect(result.status == 0, "\(directory): \(result.stderr)")
        }
        for file in ["summary.json", "days.csv", "provider_days.csv"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: first + "/" + file))
            #expect(a.count > 1000)
            #expect(a == (try Data(contentsOf: URL(fileURLWithPath: second + "/" + file))), "\(file) differs with --pipeline off")
            #expect(a == (try Data(contentsOf: URL(fileURLWithPath: none + "/" + file))), "\(file) differs with --ledger none")
        }
        #expect(!FileManager.default.fileExists(atPath: none + "/ledger.sqlite"))
        let hasher = try OpenSSLSHA256()
        let one = try LedgerDatabase.open(at: first + "/ledger.sqlite")
        let two = try LedgerDatabase.open(at: second + "/ledger.sqlite")
        for table in LedgerDatabase.schemaTables {
            #expect(try one.digest(of: table, hasher: hasher) == two.digest(of: table, hasher: hasher),
                    "table \(table) differs with --pipeline off")
        }
        #expect(try one.count("entries") > 1_000_000)
        #expect(try one.count("provider_day") == 1000 * 366)
        let verify = try runProcess(swansim, ["verify", first + "/ledger.sqlite"])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("I13 chain ok"))
        let python = try runProcess("/usr/bin/env", ["python3", "tools/verify_ledger.py", first + "/ledger.sqlite"])
        #expect(python.status == 0)
        #expect(python.stdout.hasSuffix(" passed, 0 failed\n"), "\(python.stdout.suffix(300))")
    }
}
