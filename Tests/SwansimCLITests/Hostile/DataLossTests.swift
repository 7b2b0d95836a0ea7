import Foundation
import GRDB
import SwanTestSupport
import Testing

private let tiny = "Fixtures/scenarios/tiny-two-providers.json"

/// Findings 1 and 2 of issue 16: no command writes over what it did not write or over its input
/// (WORKFLOW.md §9.1).
@Suite("Hostile inputs: nothing a user wrote is lost (issue 16, findings 1–2)")
struct DataLossTests {
    @Test("finding 1: run --resume refuses a SQLite ledger.sqlite that is not a swansim ledger, and a user's days.csv; nothing changes")
    func resumeRefusesForeignLedger() throws {
        try withScratch("resume-foreign") { directory in
            try makeForeignDatabase(at: directory + "/ledger.sqlite")
            try Data("notes\n".utf8).write(to: URL(fileURLWithPath: directory + "/days.csv"))
            let before = try fileContents(directory)
            let plain = try swansimRelease(["run", tiny, "--out", directory])
            #expect(plain.status == 2, "\(plain.stderr)")
            let resumed = try swansimRelease(["run", tiny, "--out", directory, "--resume"])
            #expect(resumed.status == 2 && resumed.stderr.contains("not a swansim ledger"), "\(resumed.stderr)")
            #expect(try fileContents(directory) == before, "the user's database and days.csv are untouched")
        }
    }

    @Test("finding 1: run --resume refuses a foreign ledger.sqlite alone, and a file that is no database, untouched")
    func resumeRefusesForeignFilesAlone() throws {
        try withScratch("resume-foreign-alone") { directory in
            try makeForeignDatabase(at: directory + "/ledger.sqlite")
            let before = try fileContents(directory)
            let result = try swansimRelease(["run", tiny, "--out", directory, "--resume"])
            #expect(result.status == 2 && result.stderr.contains("not a swansim ledger"), "\(result.stderr)")
            #expect(try fileContents(directory) == before)
            try Data("my thesis, chapter 3\n".utf8).write(to: URL(fileURLWithPath: directory + "/ledger.sqlite"))
            let text = try swansimRelease(["run", tiny, "--out", directory, "--resume"])
            #expect(text.status == 2, "\(text.stderr)")
            #expect(try String(contentsOfFile: directory + "/ledger.sqlite", encoding: .utf8) == "my thesis, chapter 3\n")
        }
    }

    @Test("finding 1: an interrupted run beside a user's file is refused by --resume; alone, it resumes to the finished run")
    func resumeRefusesUserFilesBesideARun() throws {
        try withScratch("resume-user-file") { scratch in
            let directory = scratch + "/run"
            try finishedRun(tiny, into: directory)
            let finished = try fileContents(directory)
            try FileManager.default.removeItem(atPath: directory + "/summary.json")
            try Data("my notes".utf8).write(to: URL(fileURLWithPath: directory + "/notes.txt"))
            let before = try fileContents(directory)
            let refused = try swansimRelease(["run", tiny, "--out", directory, "--resume"])
            #expect(refused.status == 2 && refused.stderr.contains("notes.txt"), "\(refused.stderr)")
            #expect(try fileContents(directory) == before)
            try FileManager.default.removeItem(atPath: directory + "/notes.txt")
            let resumed = try swansimRelease(["run", tiny, "--out", directory, "--resume", "--quiet"])
            #expect(resumed.status == 0, "\(resumed.stderr)")
            let after = try fileContents(directory)
            #expect(after.keys.sorted() == finished.keys.sorted())
            for name in ["summary.json", "days.csv", "provider_days.csv"] { #expect(after[name] == finished[name], "\(name)") }
        }
    }

    @Test("finding 2: prove never writes its proof over its own ledger, not even with --force; a user's file needs --force")
    func proveKeepsItsLedger() throws {
        try withScratch("prove-out") { scratch in
            let directory = scratch + "/run"
            try finishedRun(tiny, into: directory)
            let ledger = directory + "/ledger.sqlite"
            let before = try Data(contentsOf: URL(fileURLWithPath: ledger))
            for extra in [[], ["--force"]] {
                let result = try swansimRelease(["prove", ledger, "--seq", "3", "--out", ledger] + extra)
                #expect(result.status == 2 && result.stderr.contains("input"), "\(extra): \(result.stderr)")
                #expect(try Data(contentsOf: URL(fileURLWithPath: ledger)) == before)
            }
            try FileManager.default.createSymbolicLink(atPath: scratch + "/link.json", withDestinationPath: ledger)
            let viaLink = try swansimRelease(["prove", ledger, "--seq", "3", "--out", scratch + "/link.json", "--force"])
            #expect(viaLink.status == 2, "a link to the ledger is the ledger: \(viaLink.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: ledger)) == before)

            let notes = scratch + "/notes.json"
            try Data("{\"mine\": true}".utf8).write(to: URL(fileURLWithPath: notes))
            let refused = try swansimRelease(["prove", ledger, "--seq", "3", "--out", notes])
            #expect(refused.status == 2 && refused.stderr.contains("--force"), "\(refused.stderr)")
            #expect(try String(contentsOfFile: notes, encoding: .utf8) == "{\"mine\": true}")
            #expect(try swansimRelease(["prove", ledger, "--seq", "3", "--out", notes, "--force"]).status == 0)
            let again = try swansimRelease(["prove", ledger, "--seq", "4", "--out", notes])
            #expect(again.status == 0, "a proof swansim wrote is its own output: \(again.stderr)")
        }
    }

    @Test("finding 2: prove and report never make a file under the name of an input that is not there yet (a fake hot journal)")
    func absentInputNames() throws {
        try withScratch("absent-inputs") { scratch in
            let directory = scratch + "/run"
            try finishedRun(tiny, into: directory)
            let before = try fileContents(directory)
            for extra in [[], ["--force"]] {
                let prove = try swansimRelease(["prove", directory + "/ledger.sqlite", "--seq", "3", "--out", directory + "/ledger.sqlite-journal"] + extra)
                #expect(prove.status == 2 && prove.stderr.contains("input"), "\(prove.stderr)")
                let report = try swansimRelease(["report", directory, "--out", directory + "/ledger.sqlite-wal"] + extra)
                #expect(report.status == 2 && report.stderr.contains("input"), "\(report.stderr)")
            }
            #expect(try fileContents(directory) == before)
            #expect(try swansimRelease(["verify", "--run", directory]).status == 0, "the ledger still opens")
            let none = scratch + "/none"
            #expect(try swansimRelease(["run", tiny, "--out", none, "--ledger", "none", "--quiet"]).status == 0)
            let report = try swansimRelease(["report", none, "--out", none + "/ledger.sqlite", "--force"])
            #expect(report.status == 2 && !FileManager.default.fileExists(atPath: none + "/ledger.sqlite"), "\(report.stderr)")
        }
    }

    @Test("finding 1: --resume refuses a directory holding a user's summary.json; --ledger none keeps a ledger.sqlite that is not swansim's")
    func resumeAndLedgerlessKeepUserFiles() throws {
        try withScratch("resume-summary") { scratch in
            let directory = scratch + "/d"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: directory + "/ledger.sqlite", contents: nil)
            try Data("mine\n".utf8).write(to: URL(fileURLWithPath: directory + "/summary.json"))
            let before = try fileContents(directory)
            let resumed = try swansimRelease(["run", tiny, "--out", directory, "--resume"])
            #expect(resumed.status == 2 && resumed.stderr.contains("summary.json"), "\(resumed.stderr)")
            #expect(try fileContents(directory) == before)

            let forced = scratch + "/forced"
            try FileManager.default.createDirectory(atPath: forced, withIntermediateDirectories: true)
            try makeForeignDatabase(at: forced + "/ledger.sqlite")
            let mine = try Data(contentsOf: URL(fileURLWithPath: forced + "/ledger.sqlite"))
            #expect(try swansimRelease(["run", tiny, "--out", forced, "--ledger", "none", "--force", "--quiet"]).status == 0)
            #expect(try Data(contentsOf: URL(fileURLWithPath: forced + "/ledger.sqlite")) == mine, "--force removes only swansim's files")
        }
    }

    @Test("a user's file named .swansim.lock is neither truncated nor removed: the directory is refused")
    func foreignLockFile() throws {
        try withScratch("foreign-lock") { directory in
            try Data("my notes\n".utf8).write(to: URL(fileURLWithPath: directory + "/.swansim.lock"))
            for command in ["run", "sweep"] {
                let result = try swansimRelease([command, tiny, "--out", directory, "--force", "--quiet"])
                #expect(result.status == 2 && result.stderr.contains("not a lock file swansim wrote"), "\(command): \(result.stderr)")
            }
            #expect(try fileContents(directory) == [".swansim.lock": Data("my notes\n".utf8)])
        }
    }

    @Test("finding 2: an empty database of the user's named sweep.sqlite is not taken for an interrupted sweep")
    func emptyForeignSweepDatabase() throws {
        try withScratch("empty-sweep-db") { scratch in
            let queue = try DatabaseQueue(path: scratch + "/sweep.sqlite")
            try queue.write { db in try db.execute(sql: "PRAGMA user_version = 9") }
            try queue.close()
            let before = try fileContents(scratch)
            let result = try swansimRelease(["sweep", tiny, "--out", scratch, "--quiet"])
            #expect(result.status == 2 && result.stderr.contains("not a sweep database"), "\(result.stderr)")
            #expect(try fileContents(scratch) == before)
        }
    }

    @Test("finding 2: report never writes over the files it reads, not even with --force; a user's file needs --force")
    func reportKeepsItsInputs() throws {
        try withScratch("report-out") { scratch in
            let directory = scratch + "/run"
            try finishedRun(tiny, into: directory)
            for input in ["summary.json", "days.csv", "provider_days.csv", "ledger.sqlite"] {
                let before = try fileContents(directory)
                for extra in [[], ["--force"]] {
                    let result = try swansimRelease(["report", directory, "--out", directory + "/" + input] + extra)
                    #expect(result.status == 2, "\(input) \(extra): \(result.stderr)")
                }
                #expect(try fileContents(directory) == before, "\(input) untouched")
            }
            let notes = scratch + "/notes.html"
            try Data("<p>mine</p>".utf8).write(to: URL(fileURLWithPath: notes))
            let refused = try swansimRelease(["report", directory, "--out", notes])
            #expect(refused.status == 2 && refused.stderr.contains("--force"), "\(refused.stderr)")
            #expect(try String(contentsOfFile: notes, encoding: .utf8) == "<p>mine</p>")
            #expect(try swansimRelease(["report", directory, "--out", notes, "--force"]).status == 0)
            #expect(try swansimRelease(["report", directory]).status == 0)
            #expect(try swansimRelease(["report", directory]).status == 0, "its own earlier report is replaced")
        }
    }

    @Test("finding 2: sweep refuses a directory of the user's files, the home directory, and a foreign sweep.sqlite (bytes unchanged)")
    func sweepRefusesForeignDirectories() throws {
        try withScratch("sweep-out") { scratch in
            let mine = scratch + "/mine"
            try FileManager.default.createDirectory(atPath: mine, withIntermediateDirectories: true)
            try Data("my notes".utf8).write(to: URL(fileURLWithPath: mine + "/notes.txt"))
            let refused = try swansimRelease(["sweep", tiny, "--out", mine, "--quiet"])
            #expect(refused.status == 2 && refused.stderr.contains("notes.txt"), "\(refused.stderr)")
            #expect(try fileContents(mine) == ["notes.txt": Data("my notes".utf8)])

            let home = scratch + "/home"
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
            let (atHome, _) = try swansimIn(nil, environment: ["HOME": home], ["sweep", tiny, "--out", home, "--quiet"])
            #expect(atHome.status == 2 && atHome.stderr.contains("home directory"), "\(atHome.stderr)")
            #expect(try fileContents(home).isEmpty)
            let (runAtHome, _) = try swansimIn(nil, environment: ["HOME": home], ["run", tiny, "--out", home + "/", "--quiet", "--force"])
            #expect(runAtHome.status == 2 && runAtHome.stderr.contains("home directory"), "\(runAtHome.stderr)")
            #expect(try fileContents(home).isEmpty)

            let foreign = scratch + "/foreign"
            try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: true)
            try makeForeignDatabase(at: foreign + "/sweep.sqlite")
            let before = try fileContents(foreign)
            let notSweep = try swansimRelease(["sweep", tiny, "--out", foreign, "--quiet"])
            #expect(notSweep.status == 2 && notSweep.stderr.contains("not a sweep database"), "\(notSweep.stderr)")
            #expect(try fileContents(foreign) == before, "not even its journal mode changed")
        }
    }

    @Test("finding 2: sweep-merge never merges into one of its own shard directories, not even with --force")
    func mergeKeepsItsShards() throws {
        try withScratch("merge-out") { scratch in
            for shard in ["0/2", "1/2"] {
                let result = try swansimRelease(["sweep", tiny, "--seeds", "4", "--shard", shard, "--out", scratch + "/s" + shard.prefix(1), "--quiet"])
                #expect(result.status == 0, "\(result.stderr)")
            }
            let before = try fileContents(scratch)
            for extra in [[], ["--force"]] {
                let result = try swansimRelease(["sweep-merge", scratch + "/s0", scratch + "/s0", scratch + "/s1"] + extra)
                #expect(result.status == 2 && result.stderr.contains("input"), "\(extra): \(result.stderr)")
            }
            #expect(try fileContents(scratch) == before)
        }
    }
}
