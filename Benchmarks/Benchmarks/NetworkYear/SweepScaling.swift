import Benchmark
import Foundation

/// Runs per minute of a sweep (custom metrics are integers; runs per second would round to 2).
let runsPerMinute = BenchmarkMetric.custom("Runs per minute", polarity: .prefersLarger, useScalingFactor: false)

/// Issue 8's scaling figure (docs/PERFORMANCE.md): the same 8-run sweep of a mid-size generated
/// scenario (the network year cut to 250 providers × 180 days, no expectations) with `--jobs 1`
/// and `--jobs 2`. The ratio of their runs per minute is the speed-up on this 2-core machine; the
/// outputs are identical (SweepTests checks that for every `--jobs`).
func sweepScaling(runs: Int = 8, iterations: Int = 3, maxDuration: Duration = .seconds(60)) {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("swansim-bench/sweep").path
    @Sendable func scenario() throws -> String {
        let path = root + "/network-250x180.json"
        if FileManager.default.fileExists(atPath: path) { return path }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let written = try Workload.shortYear(days: 180, providers: 250, in: root)
        // The year's checkpoints are for its 1,000 providers: drop the expectations altogether.
        let data = try Data(contentsOf: URL(fileURLWithPath: written))
        guard var document = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw BenchError("bad cut") }
        document["expect"] = nil
        try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]).write(to: URL(fileURLWithPath: written))
        return written
    }
    for jobs in [1, 2] {
        let name = "sweep-250x180.jobs-\(jobs)"
        var settings = configuration(iterations: iterations, maxDuration: maxDuration, scratch: ["sweep/\(name)"])
        settings.metrics.append(runsPerMinute)
        settings.thresholds?[runsPerMinute] = BenchmarkThresholds.none
        settings.units[runsPerMinute] = .count
        Benchmark(name, configuration: settings) { benchmark in
            let file = try scenario()
            for _ in benchmark.scaledIterations {
                let out = try Workload.scratch("sweep/\(name)")
                benchmark.startMeasurement()
                let done = try Workload.sweep(file, runs: runs, jobs: jobs, into: out)
                benchmark.stopMeasurement()
                benchmark.measurement(runsPerMinute, Int((Double(done.entries) * 60 / done.seconds).rounded()))
            }
        }
    }
}
