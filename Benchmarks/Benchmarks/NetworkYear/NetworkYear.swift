import Benchmark
import Foundation

/// The network year, three ways (docs/PERFORMANCE.md): `run --ledger none`, a persisted `run`,
/// and `verify` of the persisted ledger; each on the full year and on a 30-day cut of it that
/// checks the same allocation paths in seconds (`--filter 'network-30d.*'`).
///
/// Only the malloc count gates `thresholds check`: it is the same on every run of the same code,
/// while wall time on this shared 2-core machine varies by ±25 %. Time, entries/s and peak RSS
/// are reported, and recorded in Thresholds/ by `thresholds update`, but never checked.
let benchmarks: @Sendable () -> Void = {
    year(prefix: "network-year", days: nil, iterations: 3, maxDuration: .seconds(30))
    year(prefix: "network-30d", days: 30, iterations: 3, maxDuration: .seconds(10))
    // The market year (issue 10): the same providers as a swan-scenario/2 run, within 1.5× the above.
    year(prefix: "market-year", source: Workload.marketYear, days: nil, iterations: 3, maxDuration: .seconds(30))
    year(prefix: "market-30d", source: Workload.marketYear, days: 30, iterations: 3, maxDuration: .seconds(10))
    sweepScaling()
}

/// Entries per second of the measured operation (the built-in `throughput` is iterations per
/// second as an integer: 0, and so not recorded, for any operation longer than half a second).
let entriesPerSecond = BenchmarkMetric.custom("Entries per second", polarity: .prefersLarger, useScalingFactor: false)
/// Mallocs per 1,000 ledger entries (custom metrics are integers; per entry = this ÷ 1,000).
let mallocsPerThousandEntries = BenchmarkMetric.custom("Mallocs per 1k entries", useScalingFactor: false)

/// Few iterations, no warm-up: one full-year run takes 10–55 s today. With 1–3 samples the p90 is
/// about the largest, so the malloc figure does not depend on how many iterations the budget allowed.
/// `scratch` names the benchmark's folder under the temp dir, removed at teardown (a year's is ~1 GB).
func configuration(iterations: Int, maxDuration: Duration, scratch: [String],
                   setup: Benchmark.BenchmarkSetupHook? = nil) -> Benchmark.Configuration {
    let reported: [BenchmarkMetric] = [.wallClock, .peakMemoryResident, entriesPerSecond, mallocsPerThousandEntries]
    var thresholds = Dictionary(uniqueKeysWithValues: reported.map { ($0, BenchmarkThresholds.none) })
    // 1 %: the same code's malloc counts differ by up to 0.2 % between iterations (seen here).
    thresholds[.mallocCountTotal] = BenchmarkThresholds(relative: [.p90: 1.0])
    // Counts as they are, not rounded to K or M: per 1k entries reads as mallocs per entry × 1,000.
    let units = Dictionary(uniqueKeysWithValues: [.mallocCountTotal, entriesPerSecond, mallocsPerThousandEntries]
        .map { ($0, BenchmarkUnits.count) })
    return .init(metrics: [.mallocCountTotal] + reported, units: units, warmupIterations: 0,
                 maxDuration: maxDuration, maxIterations: iterations, thresholds: thresholds, setup: setup,
                 teardown: { scratch.forEach(Workload.remove) })
}

/// Registers `<prefix>.ledger-none`, `<prefix>.persisted` and `<prefix>.verify` (no spaces: the
/// thresholds file is written with `_` for a space but looked up with the name as it is).
func year(prefix: String, source: String = Workload.networkYear, days: Int?, iterations: Int, maxDuration: Duration) {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("swansim-bench/\(prefix)").path
    /// The scenario file of this variant: the committed year, or the cut written into `root`.
    @Sendable func scenario() throws -> String {
        guard let days else { return source }
        let kind = source == Workload.networkYear ? "network" : "network-market"
        let path = root + "/\(kind)-1000x\(days).json"
        if FileManager.default.fileExists(atPath: path) { return path }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        return try Workload.shortYear(days: days, in: root, source: source)
    }
    func plain(_ kind: String) -> Benchmark.Configuration {
        configuration(iterations: iterations, maxDuration: maxDuration, scratch: ["\(prefix)/\(kind)"])
    }

    Benchmark("\(prefix).ledger-none", configuration: plain("ledger-none")) { benchmark in
        let file = try scenario()
        for _ in benchmark.scaledIterations {
            let out = try Workload.scratch("\(prefix)/ledger-none")
            benchmark.startMeasurement()
            let done = try Workload.run(file, into: out, writeLedger: false)
            benchmark.stopMeasurement()
            report(done, to: benchmark)
        }
    }

    Benchmark("\(prefix).persisted", configuration: plain("persisted")) { benchmark in
        let file = try scenario()
        for _ in benchmark.scaledIterations {
            let out = try Workload.scratch("\(prefix)/persisted")
            benchmark.startMeasurement()
            let done = try Workload.run(file, into: out, writeLedger: true)
            benchmark.stopMeasurement()
            report(done, to: benchmark)
        }
    }

    // The ledger to verify is written once, in setup, which is neither timed nor counted.
    let stored = root + "/verify-source"
    let makeLedger: Benchmark.BenchmarkSetupHook = {
        let out = try Workload.scratch("\(prefix)/verify-source")
        _ = try Workload.run(try scenario(), into: out, writeLedger: true)
        Workload.trimHeap()
    }
    let verifying = configuration(iterations: iterations, maxDuration: maxDuration,
                                  scratch: ["\(prefix)/verify-source"], setup: makeLedger)
    Benchmark("\(prefix).verify", configuration: verifying) { benchmark in
        for _ in benchmark.scaledIterations {
            benchmark.startMeasurement()
            let done = try Workload.verify(stored + "/ledger.sqlite")
            benchmark.stopMeasurement()
            report(done, to: benchmark)
        }
    }
}

/// The per-entry figures of one measured operation.
func report(_ done: Workload.Done, to benchmark: Benchmark) {
    guard done.entries > 0 else { return benchmark.error("no entries") }
    benchmark.measurement(entriesPerSecond, Int((Double(done.entries) / done.seconds).rounded()))
    benchmark.measurement(mallocsPerThousandEntries, Int((Double(done.mallocs) * 1_000 / Double(done.entries)).rounded()))
}
