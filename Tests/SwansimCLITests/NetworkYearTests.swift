import Foundation
import SwanCore
import SwanCrypto
import SwanStore
import SwanTestSupport
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
/// A child process started now and waited for later, its output going to files (so a long
/// run can overlap other work without filling a pipe).
struct StartedProcess {
    private let process: Process
    private let outPath: String
    private let errPath: String

    init(_ executable: String, _ arguments: [String], scratch: String) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        process.standardInput = FileHandle.nullDevice
        outPath = scratch + "/stdout"
        errPath = scratch + "/stderr"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
    }

    /// Kills the child with SIGKILL (a crash, for resume tests); `wait` still collects it.
    func kill() {
        _ = Foundation.kill(process.processIdentifier, SIGKILL)
    }

    var isRunning: Bool { process.isRunning }

    /// The child's process id.
    var processIdentifier: Int32 { process.processIdentifier }

    func wait() -> CommandResult {
        process.waitUntilExit()
        let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return CommandResult(status: process.terminationStatus, stdout: read(outPath), stderr: read(errPath))
    }
}

@Suite("The 1,000-provider network year (release build)")
struct NetworkYearTests {
    /// Two full runs into different directories, one on two threads and one with
    /// `--pipeline off`, byte-identical in all four outputs (the database table by table); a
    /// `--ledger none` run with the same three files; the pinned head hash met (exit 0);
    /// `swansim verify` and the Python verifier pass.
    @Test("runs pipelined and unpipelined identically, ledger-less identically, and verifies", .timeLimit(.minutes(30)),
          .enabled(if: ProcessInfo.processInfo.environment["SWANSIM_FULL_SIZE"] == "1", "a full-size check: make test-full"))
    func networkYear() throws {
        let swansim = try releaseBinary()
        let scenario = "Fixtures/scenarios/network-1000x365.json"
        let first = try temporaryDirectory("year-a"), second = try temporaryDirectory("year-b")
        let none = try temporaryDirectory("year-none")
        // Two persisted years are 1.5 GB: removed at the end, passed or not, so that repeated
        // runs of the suite do not fill the disk.
        let outputs = try [temporaryDirectory("year-b-output"), temporaryDirectory("year-python")]
        defer { for directory in [first, second, none] + outputs { try? FileManager.default.removeItem(atPath: directory) } }
        // A persisted run keeps about one core busy (SQLite waits on the kernel), so the two
        // persisted runs go side by side, and the Python verifier (single-threaded, about a
        // minute) overlaps the rest.
        let unpipelined = try StartedProcess(swansim, ["run", scenario, "--out", second, "--quiet", "--pipeline", "off"],
                                             scratch: outputs[0])
        let run = try runProcess(swansim, ["run", scenario, "--out", first, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let python = try StartedProcess("/usr/bin/env", ["python3", "tools/verify_ledger.py", first + "/ledger.sqlite"],
                                        scratch: outputs[1])
        let secondRun = unpipelined.wait()
        #expect(secondRun.status == 0, "--pipeline off: \(secondRun.stderr)")
        let ledgerless = try runProcess(swansim, ["run", scenario, "--out", none, "--quiet", "--ledger", "none"])
        #expect(ledgerless.status == 0, "--ledger none: \(ledgerless.stderr)")
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
        let checked = python.wait()
        #expect(checked.status == 0, "\(checked.stderr.suffix(300))")
        #expect(checked.stdout.hasSuffix(" passed, 0 failed\n"), "\(checked.stdout.suffix(300))")
    }
}
