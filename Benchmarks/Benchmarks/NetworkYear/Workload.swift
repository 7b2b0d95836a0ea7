import Foundation
import MallocInterposerSwift
import enum SwanRunner.LedgerCheck
import enum SwanRunner.RunPipeline
import enum SwanRunner.SweepExecution
import struct SwanRunner.SweepDefinition

/// The scenarios and the three measured operations, kept apart from the registrations so that
/// each benchmark's closure reads as: prepare (unmeasured), measure one operation, report.
enum Workload {
    /// One measured operation: what it did, for the per-entry metrics.
    struct Done {
        var entries: Int64
        var mallocs: Int
        var seconds: Double
    }

    /// The repository root, from this file's path (Benchmarks/Benchmarks/NetworkYear/Workload.swift),
    /// so the benchmark finds the fixtures whatever directory the plugin starts it in.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The network year (1,000 providers × 365 days), as committed.
    static var networkYear: String { root.appendingPathComponent("Fixtures/scenarios/network-1000x365.json").path }
    /// The same year as a market run (`swan-scenario/2`: auctions, market-priced generators).
    static var marketYear: String { root.appendingPathComponent("Fixtures/scenarios/network-market-1000x365.json").path }

    /// Scratch space under the system temp directory, one folder per benchmark, emptied first.
    static func scratch(_ name: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("swansim-bench/\(name)")
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// Removes a folder `scratch(_:)` made.
    static func remove(_ name: String) {
        try? FileManager.default.removeItem(at: FileManager.default.temporaryDirectory
            .appendingPathComponent("swansim-bench/\(name)"))
    }

    /// The network year cut to `days`, written into `directory`: the fast variant, with the same
    /// providers and generators, so its allocation counts move with the year's. Script steps past
    /// `days` and the year's expected head hash are dropped (they belong to the full year).
    /// - Parameter providers: when given, the population is cut to that many providers (and the
    ///   scenario named `network-<providers>x<days>`): the mid-size scenario of the sweep benchmark.
    static func shortYear(days: Int, providers: Int? = nil, in directory: String, source: String = networkYear) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: source))
        guard var document = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw BenchError("\(source) is not a JSON object")
        }
        let kind = source == networkYear ? "network" : "network-market"
        let name = "\(kind)-\(providers ?? 1000)x\(days)"
        document["days"] = days
        document["name"] = name
        if let providers, var populations = document["populations"] as? [[String: Any]], !populations.isEmpty {
            populations[0]["count"] = providers
            document["populations"] = populations
        }
        if let script = document["script"] as? [[String: Any]] {
            document["script"] = script.filter { (($0["day"] as? Int) ?? 0) <= days }
        }
        if var expect = document["expect"] as? [String: Any] {
            expect["head_hash"] = nil
            document["expect"] = expect
        }
        let path = directory + "/\(name).json"
        try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
            .write(to: URL(fileURLWithPath: path))
        return path
    }

    /// `swansim run` in-process, persisted or `--ledger none`; fails unless the run exits 0.
    static func run(_ scenario: String, into directory: String, writeLedger: Bool) throws -> Done {
        try measure {
            let outcome = try RunPipeline.run(scenarioFile: scenario, outputDirectory: directory,
                                              writeLedger: writeLedger)
            guard outcome.exitCode == 0 else {
                throw BenchError("run of \(scenario) exited \(outcome.exitCode): \(outcome.expectationFailures)")
            }
            return outcome.entries
        }
    }

    /// `swansim verify` in-process; fails unless every invariant holds.
    static func verify(_ ledger: String) throws -> Done {
        try measure {
            let outcome = try LedgerCheck.verify(path: ledger)
            guard outcome.ok else { throw BenchError("verify of \(ledger): invariants or tables failed") }
            return outcome.report.entries
        }
    }

    /// `swansim sweep SCENARIO --seeds RUNS --jobs JOBS` in-process, into `directory` (emptied
    /// first by the caller); fails unless every run exits 0. "Entries" here are runs.
    static func sweep(_ scenario: String, runs: Int, jobs: Int, into directory: String) throws -> Done {
        try measure {
            let definition = try SweepDefinition(scenarioFile: scenario, sets: [], seeds: String(runs), shard: nil)
            let code = try SweepExecution.run(definition, directory: directory, jobs: jobs, force: false,
                                              start: { _ in }, progress: { _ in })
            guard code == 0 else { throw BenchError("sweep of \(scenario) exited \(code)") }
            return Int64(runs)
        }
    }

    /// Counts the mallocs and time of `body` with the same interposer counters the benchmark
    /// library reads (they count only while it measures, i.e. inside start/stopMeasurement).
    private static func measure(_ body: () throws -> Int64) throws -> Done {
        let clock = ContinuousClock()
        let before = MallocInterposerSwift.getStatistics().mallocCount
        let start = clock.now
        let entries = try body()
        let elapsed = start.duration(to: clock.now)
        let mallocs = MallocInterposerSwift.getStatistics().mallocCount - before
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Done(entries: entries, mallocs: mallocs, seconds: seconds)
    }

    /// Returns freed heap to the OS after a setup run, so the measured operation's peak RSS is its
    /// own. glibc's `malloc_trim` is looked up at run time: Swift's Glibc module leaves out malloc.h.
    static func trimHeap() {
        #if os(Linux)
        typealias Trim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        }
        #endif
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
