import Foundation
import SwanTestSupport
import Testing

/// `swansim report` as a user runs it: the built binary, its exit codes, and what it leaves on disk.
@Suite("swansim report command")
struct ReportCommandTests {
    @Test("--help teaches with an example")
    func help() throws {
        let result = try swansim("report", "--help")
        #expect(result.status == 0)
        #expect(result.stdout.contains("Example") && result.stdout.contains("swansim report /tmp/baseline"))
        #expect(try swansim("--help").stdout.contains("report"))
    }

    @Test("a run directory gives DIR/report.html, the same bytes as the golden")
    func writesReport() throws {
        let directory = try copyOfGoldenRun()
        let result = try swansim("report", directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("\(directory)/report.html: run report, "))
        let written = try Data(contentsOf: URL(fileURLWithPath: directory + "/report.html"))
        #expect(written == (try Data(contentsOf: URL(fileURLWithPath: goldenReportPath))))
        #expect(listing(directory) == ["days.csv", "provider_days.csv", "report.html", "summary.json"])
        let out = try temporaryDirectory("out") + "/page.html"
        #expect(try swansim("report", directory, "--out", out).status == 0)
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test("a directory with neither summary.json nor sweep.sqlite: exit 2, located message, nothing written")
    func notAnOutputDirectory() throws {
        let directory = try temporaryDirectory("empty")
        try Data("day\n".utf8).write(to: URL(fileURLWithPath: directory + "/days.csv"))
        let result = try swansim("report", directory)
        #expect(result.status == 2)
        #expect(result.stderr == "swansim report: \(directory): no summary.json or sweep.sqlite\n")
        #expect(listing(directory) == ["days.csv"])
        let missing = try swansim("report", directory + "/absent")
        #expect(missing.status == 2 && missing.stderr.contains("\(directory)/absent: no such directory"))
    }

    @Test("a malformed input file: exit 2 naming the file and the problem, nothing written", arguments: [
        ("days.csv", "0,3533,x"), ("provider_days.csv", "garbage"), ("summary.json", "{\"format\": 1}"),
    ])
    func malformed(_ file: String, _ content: String) throws {
        let directory = try copyOfGoldenRun()
        let path = directory + "/" + file
        if file == "summary.json" {
            try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        } else {
            var text = try String(contentsOfFile: path, encoding: .utf8)
            text += content + "\n"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
        let before = listing(directory)
        let result = try swansim("report", directory)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("swansim report: \(path): "), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(listing(directory) == before, "nothing written, no temporary file left")
    }

    @Test("a value that is not a number is named by line and column")
    func badValue() throws {
        let directory = try copyOfGoldenRun()
        let path = directory + "/days.csv"
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        var cells = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[1] = "35x3"
        lines[2] = cells.joined(separator: ",")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        let result = try swansim("report", directory)
        #expect(result.status == 2)
        #expect(result.stderr == "swansim report: \(path): line 3, column c_base_swan: \"35x3\" is not a decimal number\n")
    }

    @Test("an output in a directory that does not exist: exit 2; one that cannot be written: exit 4; nothing left behind")
    func unwritable() throws {
        let directory = try copyOfGoldenRun()
        let missing = try swansim("report", directory, "--out", directory + "/no/such/dir/report.html")
        #expect(missing.status == 2 && missing.stderr.contains("does not exist"), "\(missing.stderr)")
        // /proc exists and is a directory, but no file can be made in it, not even by root.
        let result = try swansim("report", directory, "--out", "/proc/swansim-report.html")
        #expect(result.status == 4)
        #expect(result.stderr.contains("cannot write"))
        #expect(listing(directory) == ["days.csv", "provider_days.csv", "summary.json"])
    }

    @Test("a directory written by swansim sweep gives a sweep report")
    func realSweep() throws {
        let help = try swansim("sweep", "--help")
        guard help.stdout.contains("USAGE: swansim sweep") else { return }
        let directory = try temporaryDirectory("real-sweep") + "/sweep"
        let sweep = try swansim("sweep", "Fixtures/scenarios/tiny-two-providers.json", "--set", "collateral.c_base=2000,3533",
                                "--seeds", "2", "--out", directory, "--quiet")
        #expect([0, 1].contains(sweep.status), "\(sweep.stderr)")
        let result = try swansim("report", directory)
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: directory + "/report.html", encoding: .utf8)
        #expect(html.contains("id=\"band-total-slashed-collateral-c-base\"") && html.contains("id=\"fan-nsc\""))
    }

    @Test("a sweep directory gives a sweep report")
    func sweep() throws {
        let directory = try SweepFixture.directory.get()
        let out = try temporaryDirectory("sweep-out") + "/sweep.html"
        let result = try swansim("report", directory, "--out", out)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("sweep report"))
    }
}
