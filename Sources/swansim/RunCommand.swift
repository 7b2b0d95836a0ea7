import ArgumentParser
import Foundation
import SwanCore
import SwanRunner

/// `swansim run SCENARIO [--out DIR] [--quiet]`
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario and write its ledger, summary and daily CSV files.",
        discussion: """
            Validates the scenario (nothing is written if it is invalid), runs it day by day \
            (RULES.md), and writes these files into DIR (default runs/<scenario name>/):

              ledger.sqlite       hash-chained ledger and derived tables (OUTPUTS.md §2)
              summary.json        run summary (OUTPUTS.md §3), written last
              days.csv            one row per day
              provider_days.csv   one row per provider per day

            The independent checker replays the stored ledger and checks invariants I1–I13; \
            the scenario's `expect` block is evaluated.

            A "swan-scenario/2" file is a market run (RULES-MARKET.md): on top of version 1 it \
            publishes a daily market quote, scores every provider's reputation at each close, \
            and runs auction tasks (assign "auction": bidders picked by a reputation roulette, \
            one job each, the leading job paid). Its ledger is swan-ledger/2 with the jobs \
            table, its summary swan-summary/2 with `market` objects, and the checker adds \
            invariants I14–I19. A "swan-scenario/1" file runs exactly as before.

            Exit codes: 0 ok, 1 an expectation failed, 2 invalid scenario, 3 an invariant \
            failed, 4 runtime or I/O error.

            Example:
              swansim run Fixtures/scenarios/tiny-two-providers.json --out /tmp/tiny
              swansim run Fixtures/scenarios/tiny-market.json --out /tmp/market   # swan-scenario/2
              swansim run Fixtures/scenarios/network-1000x365.json --ledger none   # for sweeps

            DIR must be absent, empty, or hold a finished run of the same scenario file \
            (its summary.json names the same scenario.sha256); anything else is refused \
            (exit 2) unless --force, and a run never deletes a file it did not write. \
            summary.json is written last and atomically: its presence means a finished run.

            A run killed or interrupted (no summary.json in DIR) continues with --resume: \
            the stored ledger's scenario bytes, hash chain, roots and links are verified, the \
            scenario is re-executed without writing until it passes the stored head (each \
            stored block's hash must come out the same, else exit 3 naming the block), and \
            the run appends from there. The finished outputs are identical to an \
            uninterrupted run's.
              swansim run Fixtures/scenarios/network-1000x365.json --out runs/year   # killed
              swansim run Fixtures/scenarios/network-1000x365.json --out runs/year --resume

            An I/O error (a full disk, a file-size limit) exits 4 with the committed days \
            kept and no summary.json; --resume completes the run once space is free.

            Limits (RULES.md §1.3 and §18 C16, checked when the scenario is loaded; beyond them \
            exit 2 with E_RANGE at the element that crosses them): at most 1,000,000 providers \
            (explicit ones, every population's count and every register operation together), \
            1,000,000 users (explicit ones and every user group's count), 100,000 generated \
            tasks a day over all task generators, 100,000 cards per provider and 10^8 in the \
            network, 1 … 36,500 days, 1 … 1000 UBI tasks per provider per day, supply.total \
            ≤ 10^12 SWAN.

            Memory grows with providers, users and the busiest day, not with the number of days \
            (settled tasks leave at each day's close). A day's block is held whole until it is \
            hashed, stored and checked, with at most four sealed blocks queued behind it, so \
            the largest day's block bounds what blocks take; each figure below includes its \
            share of that block. Peak resident memory is at most (measured, release build):
              60 MB + 8 KB per provider + 1.5 KB per user
                    + 6 KB per task posted on the busiest day + 2 KB per task open at once
            with --ledger none or full alike. At the limits: 1,000,000 providers for a day peak \
            near 7.1 GB, 1,000,000 users near 1.4 GB, 100,000 generated tasks a day near \
            0.6 GB; the 1,000-provider network year near 75 MB. `make test-full` runs those \
            three and checks each against this line.

            Time grows with entries: at most 25 µs of CPU per entry with --ledger none (35 \
            persisted), plus 60 ns per provider scanned for each task assigned automatically. \
            The network year's 1.06 million entries take about 2–3 s with --ledger none and \
            20–25 s persisted here; 1,000,000 providers for a day, 7.2 million entries, about \
            90 s.

            With --ledger none, entry and block hashes are identical to a full run's, but only \
            summary.json, days.csv and provider_days.csv are written. On a terminal a progress \
            line (day, entries, entries/s, ETA) is drawn on standard error unless --quiet.

            The engine runs on one thread and the hashing, storing and checking of each sealed \
            day on another (--pipeline off runs both on one thread, with the same outputs).
            """
    )

    @Argument(help: "Scenario file (JSON, or YAML with .yaml/.yml).")
    var scenario: String

    @Option(name: .customLong("out"), help: "Output directory (default: runs/<scenario name>).")
    var outputDirectory: String?

    @Option(help: "Ledger output: full (ledger.sqlite) or none (every entry still hashed and checked; no database).")
    var ledger: LedgerOutput = .full

    @Flag(help: "Print nothing on success and no progress; errors still go to standard error.")
    var quiet = false

    @Flag(help: "Write into DIR even when it holds something other than a finished run of this scenario file (only swansim's four files are replaced).")
    var force = false

    @Flag(help: "Continue the interrupted run in DIR from its last committed block (the stored prefix is verified first).")
    var resume = false

    @Option(help: "Stages on two threads (on) or one (off); the outputs are byte-identical either way.")
    var pipeline: Switch = .on

    enum Switch: String, ExpressibleByArgument, CaseIterable {
        case on, off
    }

    enum LedgerOutput: String, ExpressibleByArgument, CaseIterable {
        case full, none
    }

    func run() throws {
        let outcome: RunOutcome
        let progress = !quiet && isatty(STDERR_FILENO) == 1 ? ProgressLine() : nil
        do {
            outcome = try RunPipeline.run(scenarioFile: scenario, outputDirectory: outputDirectory,
                                          writeLedger: ledger == .full, pipelined: pipeline == .on, force: force, resume: resume, progress: progress.map { line in
                                              { line.update(day: $0.day, days: $0.days, entries: $0.entries) }
                                          })
            progress?.finish()
        } catch RunFailure.invalid(let lines) {
            for line in lines { printError(line) }
            throw ExitCode(2)
        } catch RunFailure.prefixMismatch(let message) {
            printError(message)
            throw ExitCode(3)
        } catch RunFailure.runtime(let message) {
            printError("swansim run: \(message)")
            if ledger == .full {
                printError("swansim run: the days committed so far are kept (no summary.json: the run is unfinished); "
                    + "once the cause is fixed (a full disk, a file-size limit), continue with: "
                    + "swansim run \(scenario) --out \(outputDirectory ?? "runs/<name>") --resume")
            }
            throw ExitCode(4)
        } catch {
            printError("swansim run: \(error)")
            throw ExitCode(4)
        }
        for line in outcome.invariantFailures { printError("invariant failed: \(line)") }
        for line in outcome.expectationFailures { printError("expectation failed: \(line)") }
        if !quiet {
            printLine("\(outcome.scenarioName): \(outcome.entries) entries, \(outcome.blocks) blocks")
            printLine("head hash     \(outcome.headHash)")
            printLine("head block    \(outcome.headBlockHash)   (pin it: swansim verify --run DIR --head HASH)")
            printLine("UBI paid      \(Decimal18.render(outcome.ubiPaid)) SWAN")
            printLine("slashed       \(Decimal18.render(outcome.slashed)) SWAN")
            printLine("breaches      \(outcome.breaches)")
            printLine("rejections    \(outcome.rejections)")
            printLine("invariants    \(outcome.invariantsOK ? "all hold" : "FAILED")")
            printLine("expectations  \(outcome.expectationFailures.isEmpty ? "all met" : "\(outcome.expectationFailures.count) failed")")
            for (index, file) in outcome.files.enumerated() { printLine((index == 0 ? "outputs       " : "              ") + file) }
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
