import Foundation
import SwanTestSupport
import Testing

private let tiny = "Fixtures/scenarios/tiny-two-providers.json"
private let year = "Fixtures/scenarios/network-1000x365.json"

/// Waits until `path` exists or `seconds` pass; true when it exists.
private func waitFor(_ path: String, seconds: Double) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while !FileManager.default.fileExists(atPath: path) {
        guard Date() < deadline else { return false }
        usleep(5_000)
    }
    return true
}

/// Finding 9 of issue 16: the rough edges, each with one located message and exit 2.
@Suite("Hostile inputs: rough edges (issue 16, finding 9)")
struct RoughEdgeTests {
    @Test("finding 9: a second run into a directory another run is writing is refused at start, naming the other process")
    func concurrentRuns() throws {
        try withScratch("concurrent-runs") { scratch in
            let directory = scratch + "/out"
            let first = try StartedProcess(try releaseBinary(), ["run", year, "--out", directory, "--quiet"], scratch: scratch)
            defer {
                first.kill()
                _ = first.wait()
            }
            #expect(waitFor(directory + "/days.csv", seconds: 60))
            for extra in [[], ["--resume"], ["--force"]] {
                let second = try swansimRelease(["run", year, "--out", directory, "--quiet"] + extra)
                #expect(second.status == 2 && second.stderr.contains("pid \(first.processIdentifier)"), "\(extra): \(second.stderr)")
                #expect(!second.stderr.contains("disk I/O error") && !second.stderr.contains("--resume"), "\(second.stderr)")
            }
            #expect(first.isRunning, "the first run goes on")
        }
    }

    @Test("finding 9: a second sweep into the same directory is refused at start, naming the other process, with no SQLite error")
    func concurrentSweeps() throws {
        try withScratch("concurrent-sweeps") { scratch in
            let directory = scratch + "/out"
            let arguments = ["sweep", "Fixtures/scenarios/baseline.json", "--seeds", "200", "--jobs", "1", "--out", directory, "--quiet"]
            let first = try StartedProcess(try releaseBinary(), arguments, scratch: scratch)
            defer {
                first.kill()
                _ = first.wait()
            }
            #expect(waitFor(directory + "/sweep.sqlite", seconds: 60))
            usleep(200_000)
            let second = try swansimRelease(arguments)
            #expect(second.status == 2 && second.stderr.contains("pid \(first.processIdentifier)"), "\(second.stderr)")
            #expect(!second.stderr.contains("UNIQUE constraint"), "\(second.stderr)")
        }
    }

    @Test("finding 9: --out inside a file is one located line with exit 2, no system error dump and no advice to resume")
    func outputInsideAFile() throws {
        try withScratch("inside-file") { scratch in
            let file = scratch + "/afile"
            try Data("x".utf8).write(to: URL(fileURLWithPath: file))
            try finishedRun(tiny, into: scratch + "/run")
            for arguments in [["run", tiny, "--out", file + "/sub"], ["sweep", tiny, "--out", file + "/sub"],
                              ["report", scratch + "/run", "--out", file + "/sub/r.html"],
                              ["prove", scratch + "/run/ledger.sqlite", "--seq", "1", "--out", file + "/sub/p.json"]] {
                let result = try swansimRelease(arguments)
                let lines = result.stderr.split(separator: "\n")
                #expect(result.status == 2 && lines.count == 1 && result.stderr.contains("afile") && result.stderr.contains("not a directory"),
                        "\(arguments[0]): \(result.stderr)")
                #expect(!result.stderr.contains("Error Domain") && !result.stderr.contains("--resume"), "\(result.stderr)")
            }
        }
    }

    @Test("finding 9: a scenario named .. or . gets no default run directory outside runs/<name>; a sweep's stays inside runs/")
    func dotNames() throws {
        try withScratch("dot-names") { scratch in
            for name in ["..", "."] {
                var document = try fixtureDocument("tiny-two-providers")
                document["name"] = name
                document["expect"] = nil
                let work = scratch + "/work-\(name.count)"
                try FileManager.default.createDirectory(atPath: work + "/runs", withIntermediateDirectories: true)
                try writeDocument(document, to: work + "/s.json")
                let before = try fileContents(work)
                let (run, _) = try swansimIn(work, ["run", "s.json"])
                #expect(run.status == 2 && run.stderr.contains("--out"), "\(name): \(run.stderr)")
                #expect(try fileContents(work) == before, "\(name): nothing written")
                let (sweep, _) = try swansimIn(work, ["sweep", "s.json", "--quiet"])
                #expect(sweep.status == 0, "\(name): \(sweep.stderr)")
                let written = try fileContents(work).keys.filter { before[$0] == nil }
                #expect(!written.isEmpty && written.allSatisfy { $0.hasPrefix("runs/\(name)-sweep/") }, "\(name): \(written)")
            }
        }
    }

    @Test("finding 9: validate /dev/stdin says what it is, not that it cannot read")
    func standardInput() throws {
        let result = try swansimRelease(["validate", "/dev/stdin"])
        #expect(result.status == 2 && result.stderr.contains("not a regular file") && !result.stderr.contains("cannot read"), "\(result.stderr)")
    }
}
