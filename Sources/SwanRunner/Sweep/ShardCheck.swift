import Foundation
import SwanCore
import SwanCrypto
import SwanStore

/// `sweep-merge --check K` (WORKFLOW.md §9.4): shards made elsewhere (on a Ray worker, by a
/// colleague) are not taken on trust. K runs of each shard are executed again from the shard's
/// own stored scenario and compared, row and column, with what the shard recorded.
enum ShardCheck {
    /// Re-executes `runs` runs of every shard, in shard order.
    /// - Throws: `.differs` (exit 3) at the first run whose rows differ from its re-execution;
    ///   `.invalid` (exit 2) for a shard that carries no scenario to re-execute.
    static func check(_ shards: [SweepMerge.Source], runs: Int, grid: SweepGrid) throws(SweepFailure) {
        for (position, shard) in shards.enumerated() {
            let definition = try definition(of: shard, grid: grid)
            for index in chosenRuns(of: shard.indices, count: runs, shardPosition: position) {
                let record = try SweepExecution.runRecord(index, of: definition)
                let difference: StoredRunDifference?
                do throws(SweepStoreError) { difference = try shard.database.difference(from: record) } catch {
                    throw .io(error.description)
                }
                if let difference {
                    throw .differs("swansim sweep-merge: \(shard.directory): run \(index) differs from its re-execution at "
                        + "\(described(difference)); nothing was merged")
                }
            }
        }
    }

    /// A difference as a message shows it: a summary's by its first differing JSON path.
    private static func described(_ difference: StoredRunDifference) -> String {
        guard difference.place == "runs.summary_json" else {
            return "\(difference.place): stored \(VerificationFailure.shown(difference.stored)), "
                + "re-executed \(VerificationFailure.shown(difference.reExecuted))"
        }
        let failure = OutputFilesComparer.firstDifference(expected: Array(difference.reExecuted.utf8), found: Array(difference.stored.utf8))
        let place = if case .file(_, let path) = failure.location { path } else { "" }
        return "runs.summary_json \(place): stored \(failure.found), re-executed \(failure.expected)"
    }

    /// The run indices to re-execute: the k-th is the run at position
    /// `uniform(draw(0, 13, shard_position, k, 0), m)` of the shard's m runs in run_index order,
    /// a position already chosen giving way to the next free one, wrapping.
    static func chosenRuns(of indices: [Int], count: Int, shardPosition: Int) -> [Int] {
        let m = indices.count
        var chosen: [Int] = []
        var taken = Set<Int>()
        for k in 0..<min(count, m) {
            var position = Int(CounterRandom.uniform(CounterRandom.draw(seed: 0, stream: 13, UInt64(shardPosition), UInt64(k), 0),
                                                     UInt64(m)))
            while taken.contains(position) { position = (position + 1) % m }
            taken.insert(position)
            chosen.append(indices[position])
        }
        return chosen
    }

    /// The sweep a shard records: its stored scenario, which must hash to its `scenario_sha256`.
    private static func definition(of shard: SweepMerge.Source, grid: SweepGrid) throws(SweepFailure) -> SweepDefinition {
        guard let encoded = shard.meta["scenario_source"], !encoded.isEmpty else {
            throw .invalid(["swansim sweep-merge: \(shard.directory)/sweep.sqlite has no sweep_meta.scenario_source (made before "
                + "swansim stored it) and cannot be re-executed; merge with --check 0 to trust it"])
        }
        guard let bytes = Data(base64Encoded: encoded).map({ [UInt8]($0) }) else {
            throw .differs("swansim sweep-merge: \(shard.directory): sweep_meta.scenario_source is not base64; nothing was merged")
        }
        let sha: String
        do { sha = try OpenSSLSHA256().digest(bytes).hex } catch { throw .io("\(error)") }
        guard sha == shard.meta["scenario_sha256"] else {
            throw .differs("swansim sweep-merge: \(shard.directory): sweep_meta.scenario_source hashes to \(sha), not to its "
                + "scenario_sha256 \(shard.meta["scenario_sha256"] ?? "absent"); nothing was merged")
        }
        return SweepDefinition(storedSource: bytes, scenarioSHA256: sha, scenarioName: shard.meta["scenario_name"] ?? "", grid: grid)
    }
}
