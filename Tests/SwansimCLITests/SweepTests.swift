import Foundation
import SwanStore
import SwanTestSupport
import Testing

/// Everything a sweep directory holds that WORKFLOW.md §1 says must not depend on --jobs,
/// sharding or interruption: every table's rows in key order and both CSV files' bytes.
struct SweepSnapshot: Equatable {
    var meta: [String: String]
    var runs: [StoredSweepRun]
    var days: [[SweepDatabase.Value]]
    var runsCSV: Data
    var runDaysCSV: Data

    init(_ directory: String) throws {
        let database = try SweepDatabase.read(at: directory + "/sweep.sqlite")
        meta = try database.meta()
        runs = try database.runs()
        var days: [[SweepDatabase.Value]] = []
        try database.forEachDay { index, values in days.append([.integer(Int64(index))] + values) }
        self.days = days
        runsCSV = try Data(contentsOf: URL(fileURLWithPath: directory + "/runs.csv"))
        runDaysCSV = try Data(contentsOf: URL(fileURLWithPath: directory + "/run_days.csv"))
    }
}

private let baseline = "Fixtures/scenarios/baseline.json"
/// 2 × 2 values × 2 seeds: eight runs of the baseline (30 days, 21 providers).
private let gridArguments = ["--set", "collateral.c_base=2500,3533", "--set", "ubi.failure_mode=rate_slash,none", "--seeds", "7..8"]

private func sweep(_ arguments: [String]) throws -> CommandResult {
    try runProcess(try releaseBinary(), ["sweep"] + arguments)
}

@Suite("swansim sweep and sweep-merge (release build)")
struct SweepTests {
    @Test("each run equals swansim run --ledger none of the edited scenario written as its own file")
    func runsEqualSeparateRuns() throws {
        let directory = try temporaryDirectory("sweep-runs")
        let result = try sweep([baseline] + gridArguments + ["--out", directory, "--quiet"])
        #expect(result.status == 1, "the baseline pins its own seed's balances: other runs fail expectations\n\(result.stderr)")
        let snapshot = try SweepSnapshot(directory)
        #expect(snapshot.runs.count == 8)
        let source = try Data(contentsOf: repositoryRoot.appendingPathComponent(baseline))
        for (index, cBase, mode, seed) in [(0, "2500", "rate_slash", 7), (3, "2500", "none", 8), (5, "3533", "rate_slash", 8), (6, "3533", "none", 7)] {
            // Written as a researcher would edit the file by hand: the rest of the document,
            // its order included (the expect results are reported in document order), unchanged.
            let text = String(decoding: source, as: UTF8.self)
            #expect(!text.contains("\"params\""))
            let edited = text.replacingOccurrences(of: "\"seed\": 20241016,", with: """
                "seed": \(seed),
                  "params": {"collateral": {"c_base": "\(cBase)"}, "ubi": {"failure_mode": "\(mode)"}},
                """)
            #expect(edited != text)
            let file = directory + "/edited-\(index).json"
            try Data(edited.utf8).write(to: URL(fileURLWithPath: file))
            let out = directory + "/run-\(index)"
            let run = try runProcess(try releaseBinary(), ["run", file, "--ledger", "none", "--out", out, "--quiet"])
            #expect(run.status == snapshot.runs[index].exitCode, "run \(index): \(run.stderr)")
            let row = snapshot.runs[index]
            #expect(row.seed == String(seed) && row.parametersJSON == "{\"collateral.c_base\":\"\(cBase)\",\"ubi.failure_mode\":\"\(mode)\"}")
            // The only difference allowed: summary.scenario.sha256 is the sweep's own scenario file's.
            let summary = try String(contentsOfFile: out + "/summary.json", encoding: .utf8)
            let fileSHA = try #require(summary.firstMatch(of: /"sha256": "([0-9a-f]{64})"/)?.1)
            #expect(row.summaryJSON == summary.replacingOccurrences(of: String(fileSHA), with: snapshot.meta["scenario_sha256"] ?? ""),
                    "run \(index): summary differs")
            #expect(summary.contains("\"head_hash\": \"\(row.headHash)\""))
            let days = try String(contentsOfFile: out + "/days.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            let swept = String(decoding: snapshot.runDaysCSV, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("\(index),") }
            #expect(swept.map { $0.dropFirst("\(index),".count) } == Array(days), "run \(index): days differ")
        }
    }

    @Test("--jobs 1, --jobs 2 and --jobs 3 give identical tables and CSV bytes")
    func jobsDoNotMatter() throws {
        var snapshots: [SweepSnapshot] = []
        for jobs in ["1", "2", "3"] {
            let directory = try temporaryDirectory("sweep-jobs-\(jobs)")
            let result = try sweep([baseline] + gridArguments + ["--jobs", jobs, "--out", directory, "--quiet"])
            #expect(result.status == 1, "\(result.stderr)")
            snapshots.append(try SweepSnapshot(directory))
        }
        #expect(snapshots[0] == snapshots[1])
        #expect(snapshots[0] == snapshots[2])
        #expect(snapshots[0].days.count == 8 * 31, "31 network days per run")
    }

    @Test("three shards merged equal the unsharded sweep; missing, duplicated and foreign shards are named")
    func shardsMerge() throws {
        let whole = try temporaryDirectory("sweep-whole")
        _ = try sweep([baseline] + gridArguments + ["--out", whole, "--quiet"])
        var shards: [String] = []
        for index in 0..<3 {
            let directory = try temporaryDirectory("sweep-shard-\(index)")
            let result = try sweep([baseline] + gridArguments + ["--shard", "\(index)/3", "--out", directory, "--quiet"])
            #expect(result.status == 1, "\(result.stderr)")
            #expect(try SweepSnapshot(directory).runs.map(\.runIndex) == Array(stride(from: index, to: 8, by: 3)))
            shards.append(directory)
        }
        let merged = try temporaryDirectory("sweep-merged") + "/out"
        let merge = try runProcess(try releaseBinary(), ["sweep-merge", merged] + shards)
        #expect(merge.status == 1, "\(merge.stderr)")
        #expect(try SweepSnapshot(merged) == SweepSnapshot(whole))

        let foreign = try temporaryDirectory("sweep-foreign")
        _ = try sweep([baseline, "--set", "collateral.c_base=2500,3533", "--seeds", "7..10", "--shard", "2/3", "--out", foreign, "--quiet"])
        for (shardList, problem) in [
            ([shards[0], shards[1]], "run(s) missing: 2, 5"),
            ([shards[0], shards[1], shards[2], shards[1]], "run 1 is in both"),
            ([shards[0], shards[1], foreign], "is from another sweep: its grid_json differs"),
        ] {
            let out = try temporaryDirectory("sweep-bad-merge") + "/out"
            let result = try runProcess(try releaseBinary(), ["sweep-merge", out] + shardList)
            #expect(result.status == 2 && result.stderr.contains(problem), "\(problem): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out), "nothing written for \(problem)")
        }
    }

    @Test("a sweep killed with SIGKILL at seeded moments and run again gives the uninterrupted files")
    func resumeAfterKill() throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["SWANSIM_TEST_SEED"] ?? "") ?? 20_261_201
        print("sweep resume test: seed \(seed) (set SWANSIM_TEST_SEED to replay)")
        var generator = SplitMix(state: seed)
        let arguments = [baseline, "--set", "collateral.c_base=2500,3000,3533", "--seeds", "12", "--jobs", "2", "--quiet"]
        let uninterrupted = try temporaryDirectory("sweep-clean")
        #expect(try sweep(arguments + ["--out", uninterrupted]).status == 1)
        let expected = try SweepSnapshot(uninterrupted)
        let directory = try temporaryDirectory("sweep-killed")
        var kills = 0
        for attempt in 0..<4 {
            let target = Int(generator.next() % 30) + 1
            let started = try StartedProcess(try releaseBinary(), ["sweep"] + arguments + ["--out", directory],
                                             scratch: try temporaryDirectory("sweep-killed-\(attempt)"))
            while started.isRunning, (try? SweepDatabase.read(at: directory + "/sweep.sqlite").recordedIndices().count) ?? 0 < target {
                usleep(2_000)
            }
            if started.isRunning {
                started.kill()
                kills += 1
            }
            let status = started.wait().status
            #expect(status == SIGKILL + 128 || status == 9 || status == 1, "seed \(seed): attempt \(attempt) ended with \(status)")
            // Whatever was committed is whole: a run's row and all its days, or neither.
            let partial = try SweepDatabase.read(at: directory + "/sweep.sqlite")
            var daysPerRun: [Int: Int] = [:]
            try partial.forEachDay { index, _ in daysPerRun[index, default: 0] += 1 }
            for run in try partial.recordedIndices() { #expect(daysPerRun[run] == 31, "seed \(seed): run \(run) is partial") }
        }
        let resumed = try runProcess(try releaseBinary(), ["sweep"] + arguments.dropLast() + ["--out", directory])
        #expect(resumed.status == 1, "seed \(seed): \(resumed.stderr)")
        #expect(try SweepSnapshot(directory) == expected, "seed \(seed): resumed files differ (\(kills) kills)")
        #expect(kills > 0, "seed \(seed): no kill landed while the sweep was running")
        #expect(resumed.stderr.contains("36 runs ("), "seed \(seed): \(resumed.stderr)")
    }

    @Test("every bad argument is one located message, exit 2, and nothing written", arguments: [
        (["--set", "collateral.c_bse=1"], "--set collateral.c_bse=1: unknown parameter key \"collateral.c_bse\""),
        (["--set", "collateral.c_base=1,abc"], "value \"abc\": E_AMOUNT_SYNTAX"),
        (["--set", "ubi.tasks_ecp=4.5"], "value \"4.5\": E_TYPE"),
        (["--set", "ubi.failure_mode=sometimes"], "value \"sometimes\": E_ENUM"),
        (["--set", "collateral.c_base="], "the list of values is empty"),
        (["--set", "collateral.c_base=1", "--set", "collateral.c_base=2"], "collateral.c_base is given twice"),
        (["--seeds", "5..2"], "--seeds 5..2: the range is empty"),
        (["--seeds", "0"], "--seeds 0: the range is empty"),
        (["--seeds", "x"], "--seeds x: expected A..B"),
        (["--seeds", "0..18446744073709551616"], "--seeds 0..18446744073709551616: expected A..B"),
        (["--shard", "3/3"], "--shard 3/3: expected I/N with 0 ≤ I < N"),
        (["--jobs", "0"], "--jobs 0: must be at least 1"),
        (["--set", "supply.ubi_pool=100000000,999000000", "--set", "supply.total=1000000000,1100000000"],
         "run 2 (supply.ubi_pool=999000000, supply.total=1000000000, seed=20241016) is invalid:"),
    ])
    func argumentErrors(_ arguments: [String], _ message: String) throws {
        let directory = try temporaryDirectory("sweep-bad") + "/out"
        let result = try sweep([baseline, "--out", directory] + arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory), "\(arguments): wrote \(directory)")
    }

    @Test("a directory holding another sweep is refused unless --force, which starts afresh")
    func otherSweepRefused() throws {
        let directory = try temporaryDirectory("sweep-other")
        #expect(try sweep([baseline, "--seeds", "2", "--out", directory, "--quiet"]).status == 1)
        let before = try SweepSnapshot(directory)
        let refused = try sweep([baseline, "--seeds", "3", "--out", directory])
        #expect(refused.status == 2 && refused.stderr.contains("holds a different sweep (seeds is \"0..1\", this sweep's is \"0..2\")"),
                "\(refused.stderr)")
        #expect(try SweepSnapshot(directory) == before, "a refused sweep changes nothing")
        try Data("mine".utf8).write(to: URL(fileURLWithPath: directory + "/notes.txt"))
        #expect(try sweep([baseline, "--seeds", "3", "--out", directory, "--force", "--quiet"]).status == 1)
        let fresh = try temporaryDirectory("sweep-fresh")
        _ = try sweep([baseline, "--seeds", "3", "--out", fresh, "--quiet"])
        #expect(try SweepSnapshot(directory) == SweepSnapshot(fresh))
        #expect(try String(contentsOfFile: directory + "/notes.txt", encoding: .utf8) == "mine", "--force removes only sweep files")
    }

    @Test("the run count comes first, resumed runs are counted, the exit status is the highest run's, seeds reach 2^64 − 1")
    func countsAndStatus() throws {
        let directory = try temporaryDirectory("sweep-count")
        let own = try sweep([baseline, "--out", directory])
        #expect(own.status == 0, "the scenario's own seed meets its expectations: \(own.stderr)")
        #expect(own.stderr.hasPrefix("sweep baseline: 1 runs into \(directory)"), "\(own.stderr)")
        let again = try sweep([baseline, "--out", directory])
        #expect(again.status == 0 && again.stderr.contains("1 runs (1 already recorded)"), "\(again.stderr)")
        let quiet = try sweep([baseline, "--seeds", "18446744073709551614..18446744073709551615", "--out", directory + "/big", "--quiet"])
        #expect(quiet.status == 1 && quiet.stdout.isEmpty && quiet.stderr.isEmpty, "\(quiet.stderr)")
        #expect(try SweepSnapshot(directory + "/big").runs.map(\.seed) == ["18446744073709551614", "18446744073709551615"])
    }

    @Test("on a terminal the progress bar shows runs done / total, runs per second and an ETA; not with --quiet")
    func progressOnTerminal() throws {
        let directory = try temporaryDirectory("sweep-tty")
        let command = "\(try releaseBinary()) sweep \(baseline) --seeds 6 --jobs 1 --out \(directory)/a"
        // script(1) gives the sweep a pseudo-terminal as standard error, as a user's shell would.
        let shown = try runProcess("/usr/bin/script", ["-qec", command, "/dev/null"])
        #expect(shown.stdout.contains("sweep baseline: 6 runs into"), "\(shown.stdout)")
        #expect(shown.stdout.contains("[########################] runs 6/6") && shown.stdout.contains("runs/s"), "\(shown.stdout)")
        let quiet = try runProcess("/usr/bin/script", ["-qec", command.replacingOccurrences(of: "/a", with: "/b") + " --quiet", "/dev/null"])
        #expect(!quiet.stdout.contains("runs/s") && !quiet.stdout.contains("runs into"), "\(quiet.stdout)")
        let piped = try sweep([baseline, "--seeds", "6", "--out", directory + "/c"])
        #expect(!piped.stderr.contains("runs/s"), "no bar when standard error is not a terminal: \(piped.stderr)")
    }

    @Test("sweep and sweep-merge --help teach with an example")
    func help() throws {
        for command in ["sweep", "sweep-merge"] {
            let result = try runProcess(try releaseBinary(), [command, "--help"])
            #expect(result.status == 0 && result.stdout.contains("Example"), "\(command)")
        }
    }
}
