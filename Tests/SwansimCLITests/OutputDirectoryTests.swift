import Foundation
import SwanStore
import SwanTestSupport
import Testing

private let tiny = "Fixtures/scenarios/tiny-two-providers.json"
private let paid = "Fixtures/scenarios/paid-tasks.json"

private func run(_ arguments: [String]) throws -> CommandResult {
    try runProcess(try releaseBinary(), ["run"] + arguments)
}

private func contents(_ directory: String) throws -> [String: Data] {
    var out: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
        out[name] = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
    }
    return out
}

@Suite("Output directories that lose nothing (WORKFLOW.md §6) and the scenario in the ledger (§4)")
struct OutputDirectoryTests {
    @Test("meta.scenario_source holds the scenario file's bytes in base64, beside scenario_sha256")
    func scenarioTravelsWithLedger() throws {
        let directory = try temporaryDirectory("source") + "/out"
        #expect(try run([tiny, "--out", directory, "--quiet"]).status == 0)
        let meta = try LedgerDatabase.open(at: directory + "/ledger.sqlite").meta()
        let source = try #require(meta["scenario_source"].flatMap { Data(base64Encoded: $0) })
        #expect(source == (try Data(contentsOf: repositoryRoot.appendingPathComponent(tiny))))
        #expect(meta.pairs.map(\.key).firstIndex(of: "scenario_source") == meta.pairs.map(\.key).firstIndex(of: "scenario_sha256").map { $0 + 1 })
    }

    @Test("a directory with a user's files, another scenario's finished run, or a file is refused with exit 2 and left as it was")
    func refusals() throws {
        let mine = try temporaryDirectory("mine")
        try Data("my notes".utf8).write(to: URL(fileURLWithPath: mine + "/notes.txt"))
        let refused = try run([tiny, "--out", mine])
        #expect(refused.status == 2 && refused.stderr.contains("is not empty and holds no finished run (notes.txt)"), "\(refused.stderr)")
        #expect(try contents(mine) == ["notes.txt": Data("my notes".utf8)])

        let other = try temporaryDirectory("other") + "/out"
        #expect(try run([paid, "--out", other, "--quiet"]).status == 0)
        let before = try contents(other)
        let replaced = try run([tiny, "--out", other])
        #expect(replaced.status == 2 && replaced.stderr.contains("holds a finished run of another scenario file"), "\(replaced.stderr)")
        #expect(try contents(other) == before, "nothing of the other run changed")

        let file = mine + "/notes.txt"
        let onFile = try run([tiny, "--out", file])
        #expect(onFile.status == 2 && onFile.stderr.contains("is a file, not a directory"), "\(onFile.stderr)")
    }

    @Test("the same scenario runs again into its own finished run; --force writes beside a user's files and keeps them")
    func allowed() throws {
        let directory = try temporaryDirectory("again") + "/out"
        #expect(try run([tiny, "--out", directory, "--quiet"]).status == 0)
        let first = try contents(directory)
        #expect(try run([tiny, "--out", directory, "--quiet"]).status == 0)
        #expect(try contents(directory)["summary.json"] == first["summary.json"])
        #expect(try contents(directory).keys.sorted() == ["days.csv", "ledger.sqlite", "provider_days.csv", "summary.json"],
                "no temporary file is left")

        let mine = try temporaryDirectory("forced")
        try Data("my notes".utf8).write(to: URL(fileURLWithPath: mine + "/notes.txt"))
        #expect(try run([tiny, "--out", mine, "--force", "--quiet"]).status == 0)
        #expect(try contents(mine)["notes.txt"] == Data("my notes".utf8))
        #expect(FileManager.default.fileExists(atPath: mine + "/summary.json"))
    }

    @Test("a run killed before it finishes leaves no summary.json: its absence marks an unfinished run")
    func killedRunHasNoSummary() throws {
        let directory = try temporaryDirectory("killed") + "/out"
        let started = try StartedProcess(try releaseBinary(), ["run", "Fixtures/scenarios/network-1000x365.json", "--out", directory, "--quiet"],
                                         scratch: try temporaryDirectory("killed-output"))
        let deadline = Date().addingTimeInterval(60)
        while started.isRunning, !FileManager.default.fileExists(atPath: directory + "/days.csv"), Date() < deadline { usleep(5_000) }
        usleep(300_000)
        #expect(started.isRunning, "the network year should still be running after 0.3 s of output")
        started.kill()
        _ = started.wait()
        #expect(FileManager.default.fileExists(atPath: directory + "/ledger.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/summary.json"))
        let again = try run([tiny, "--out", directory])
        #expect(again.status == 2 && again.stderr.contains("holds no finished run"), "an unfinished run is not overwritten: \(again.stderr)")
    }
}
