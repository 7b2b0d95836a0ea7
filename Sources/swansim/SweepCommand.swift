import ArgumentParser
import Foundation
import SwanConcurrency
import SwanRunner

/// `swansim sweep SCENARIO [--set KEY=V1,V2,...]... [--seeds A..B | N] [--jobs N] [--shard I/N] [--out DIR]`
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a scenario over a grid of parameter values and seeds (Monte Carlo).",
        discussion: """
            Each run is the scenario with one combination of the --set values written into its \
            params and its seed replaced, run exactly as `swansim run --ledger none` runs that \
            edited file. The grid is the Cartesian product of the --set lists in the order \
            given (the last key varies fastest), and the seeds vary fastest of all; run_index \
            counts from 0 in that order. KEY is any parameter of RULES.md §14, written as in a \
            scenario's params (collateral.c_base, ubi.failure_mode, ...); values use that \
            key's own syntax (amounts and ratios as decimals, integers, true/false, names).

            Writes into DIR (default runs/<scenario name>-sweep/):

              sweep.sqlite    sweep_meta, runs (one row per run, with its summary.json),
                              run_days (each run's network_day rows)   (WORKFLOW.md §1)
              runs.csv        one row per run: run_index, seed, the --set keys, exit_code,
                              head_hash, summary totals (totals.ubi_paid, totals.slashed, ...)
              run_days.csv    days.csv of every run, run_index first

            Every argument and every run's edited scenario is checked before the first run: \
            a bad key or value, an empty list, a repeated key, a bad seed range or shard, or \
            an invalid run exits 2 and writes nothing.

            Results do not depend on --jobs, on sharding (--shard I/N, then sweep-merge) or \
            on interruption: each run is committed on its own, and the same command run \
            again continues with the runs not yet recorded. DIR must be absent, empty or hold \
            this same sweep: another sweep, a database that is not a sweep's, or files of yours \
            are refused unless --force (which removes only the sweep's own files; yours stay). \
            / and your home directory are never a DIR, and a second sweep into a DIR another \
            one is writing is refused at start, naming its pid (WORKFLOW.md §9.1).

            Examples:
              swansim sweep Fixtures/scenarios/baseline.json --set collateral.c_base=2000,3533,5000 --seeds 20
              swansim sweep Fixtures/scenarios/baseline.json --set ubi.failure_mode=rate_slash,none --seeds 100..109 --jobs 2
              swansim sweep Fixtures/scenarios/baseline.json --seeds 8 --shard 0/2 --out /tmp/s0   # then sweep-merge
              swansim report runs/baseline-sweep                                               # charts

            Exit codes: 0 every run exited 0; otherwise the highest run exit code (3 an \
            invariant failed, 1 an expectation failed); 2 invalid arguments or scenario; 4 \
            I/O error (what was committed stays valid and resumable).
            """
    )

    @Argument(help: "Scenario file (JSON, or YAML with .yaml/.yml).")
    var scenario: String

    @Option(name: .customLong("set"), help: ArgumentHelp("A swept parameter and its values (repeatable; each key once).",
                                                         valueName: "KEY=V1,V2,..."))
    var sets: [String] = []

    @Option(help: ArgumentHelp("Seeds A..B inclusive, or N for 0..N-1 (default: the scenario's own seed).", valueName: "A..B|N"))
    var seeds: String?

    @Option(help: "Runs executed at once (default: the number of cores); results do not depend on it.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Run only the runs with run_index mod N = I (merge with sweep-merge).", valueName: "I/N"))
    var shard: String?

    @Option(name: .customLong("out"), help: "Output directory (default: runs/<scenario name>-sweep).")
    var outputDirectory: String?

    @Flag(help: "Replace the sweep files of a DIR that holds a different sweep.")
    var force = false

    @Flag(help: "Print nothing on success and no progress; errors still go to standard error.")
    var quiet = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs \(jobs): must be at least 1") }
    }

    func run() throws {
        let code: Int32
        do throws(SweepFailure) {
            let definition = try SweepDefinition(scenarioFile: scenario, sets: sets, seeds: seeds, shard: shard)
            let directory = outputDirectory ?? "runs/\(definition.scenarioName)-sweep"
            let line = !quiet && isatty(STDERR_FILENO) == 1 ? SweepProgressLine() : nil
            code = try SweepExecution.run(definition, directory: directory, jobs: jobs, force: force, start: { start in
                guard !quiet else { return }
                let resumed = start.resumed > 0 ? " (\(start.resumed) already recorded)" : ""
                printError("sweep \(definition.scenarioName): \(start.total) runs\(resumed) into \(directory)")
                line?.begin(start)
            }, progress: { progress in line?.update(progress) })
            line?.finish()
            if !quiet {
                printLine("runs          \(definition.ownedRuns.count)"
                          + (definition.shard.map { " (shard \($0.text) of \(definition.grid.runCount))" } ?? ""))
                printLine("exit status   \(code)")
                for (index, name) in SweepExecution.fileNames.enumerated() {
                    printLine((index == 0 ? "outputs       " : "              ") + directory + "/" + name)
                }
            }
        } catch {
            throw sweepExit(error, command: "sweep")
        }
        if code != 0 { throw ExitCode(code) }
    }
}

/// `swansim sweep-merge OUT SHARD_DIR...`
struct SweepMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep-merge",
        abstract: "Combine the shard directories of one sweep into one, identical to the unsharded sweep.",
        discussion: """
            The shards must come from the same sweep (same scenario bytes, grid and seeds) and \
            together hold every run exactly once; missing, duplicated or foreign runs are \
            named and nothing is written (exit 2).

            Shards made elsewhere are not taken on trust: --check K (default 1) executes K \
            runs of every shard again, from the scenario the shard stores, and compares their \
            runs and run_days rows with the shard's byte for byte; a difference names the \
            shard, run and column, merges nothing and exits 3 (WORKFLOW.md §9.4). --check 0 \
            trusts the shards. OUT is never one of the shard directories.

            Example:
              swansim sweep Fixtures/scenarios/baseline.json --seeds 8 --shard 0/2 --out /tmp/s0
              swansim sweep Fixtures/scenarios/baseline.json --seeds 8 --shard 1/2 --out /tmp/s1
              swansim sweep-merge runs/baseline-sweep /tmp/s0 /tmp/s1 --check 2

            Exit codes as swansim sweep's, and 3 when a re-executed run differs.
            """
    )

    @Argument(help: "Output directory.")
    var output: String

    @Argument(help: "Shard directories (each written by swansim sweep --shard).")
    var shards: [String]

    @Flag(help: "Replace the sweep files already in OUT (never a shard's).")
    var force = false

    @Option(help: "Runs of each shard to execute again and compare with the shard's rows (0 trusts the shards).")
    var check = 1

    @Flag(help: "Print nothing on success.")
    var quiet = false

    func validate() throws {
        guard check >= 0 else { throw ValidationError("--check \(check): must be 0 or more") }
    }

    func run() throws {
        let code: Int32
        do throws(SweepFailure) {
            code = try SweepMerge.merge(into: output, shards: shards, force: force, check: check)
        } catch {
            throw sweepExit(error, command: "sweep-merge")
        }
        if !quiet {
            let checked = check == 0 ? "no run re-executed (--check 0)" : "up to \(check) run(s) of each shard re-executed and identical"
            printLine("merged \(shards.count) shard(s) into \(output) (exit status \(code)); \(checked)")
        }
        if code != 0 { throw ExitCode(code) }
    }
}

/// Prints a sweep failure and gives its exit code (2 invalid, 4 I/O).
private func sweepExit(_ failure: SweepFailure, command: String) -> ExitCode {
    switch failure {
    case .invalid(let lines):
        for line in lines { printError(line) }
        return ExitCode(2)
    case .differs(let message):
        printError(message)
        return ExitCode(3)
    case .io(let message):
        printError("swansim \(command): \(message)")
        return ExitCode(4)
    }
}

/// The progress line of a sweep on a terminal: runs done / total, runs per second, ETA.
/// Workers report from their own threads, hence the lock.
final class SweepProgressLine: Sendable {
    private struct State {
        var resumed = 0
        var lastDraw = Date.distantPast
    }

    private let start = Date()
    private let state = Locked(State())

    func begin(_ progress: SweepProgress) {
        state.withLock { $0.resumed = progress.resumed }
    }

    func update(_ progress: SweepProgress) {
        let start = start
        state.withLock { state in
            let now = Date()
            guard now.timeIntervalSince(state.lastDraw) >= 0.2 || progress.done == progress.total else { return }
            state.lastDraw = now
            let elapsed = max(now.timeIntervalSince(start), 0.001)
            let rate = Double(progress.done - state.resumed) / elapsed
            let filled = progress.total > 0 ? progress.done * 24 / progress.total : 0
            let bar = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 24 - filled) + "]"
            var line = "\r\(bar) runs \(progress.done)/\(progress.total)  \(Int(rate * 10) / 10).\(Int(rate * 10) % 10) runs/s"
            if rate > 0 { line += "  ETA \(Int(Double(progress.total - progress.done) / rate))s" }
            FileHandle.standardError.write(Data((line + "   ").utf8))
        }
    }

    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
