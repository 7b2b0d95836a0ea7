import Foundation
import SwanCore
import SwanScenario
import SwanStore

/// `swansim sweep-merge OUT SHARD_DIR... [--check K]` (WORKFLOW.md §1, §9.4): the shards of one
/// sweep into one directory, identical to the sweep run unsharded.
public enum SweepMerge {
    /// Checks that the shards belong to one sweep and together hold each run exactly once,
    /// re-executes `check` runs of every shard and compares them with the shard's rows, then
    /// copies their runs into `OUT/sweep.sqlite` and writes the CSV files.
    /// - Returns: the exit status, as the unsharded sweep's.
    public static func merge(into directory: String, shards: [String], force: Bool, check: Int = 1) throws(SweepFailure) -> Int32 {
        if let output = OutputPath.identity(directory), let shard = shards.first(where: { OutputPath.identity($0) == output }) {
            throw .invalid(["swansim sweep-merge: \(directory) is the shard directory \(shard), an input of the merge; "
                + "an input is never written over, not even with --force: merge into another directory"])
        }
        let sources = try shards.map { shard throws(SweepFailure) in try open(shard) }
        guard let reference = sources.first else { throw .invalid(["swansim sweep-merge: no shard directory given"]) }
        let (grid, runCount) = try identity(reference)
        var owner: [Int: String] = [:]
        var problems: [String] = []
        for source in sources {
            for key in SweepDatabase.identityKeys where key != "shard" && source.meta[key] != reference.meta[key] {
                problems.append("\(source.directory) is from another sweep: its \(key) differs from \(reference.directory)'s")
                break
            }
            for index in source.indices {
                if index >= runCount {
                    problems.append("\(source.directory) holds run \(index), which the sweep of \(runCount) runs does not have")
                } else if let first = owner[index] {
                    problems.append("run \(index) is in both \(first) and \(source.directory)")
                } else {
                    owner[index] = source.directory
                }
            }
        }
        let missing = (0..<runCount).filter { owner[$0] == nil }
        if !missing.isEmpty {
            let listed = missing.prefix(10).map(String.init).joined(separator: ", ")
            problems.append("\(missing.count) run(s) missing: \(listed)\(missing.count > 10 ? ", ..." : "")")
        }
        guard problems.isEmpty else { throw .invalid(problems.map { "swansim sweep-merge: \($0)" }) }
        if check > 0 { try ShardCheck.check(sources, runs: check, grid: grid) }
        let (output, lock) = try create(directory, meta: reference.meta, force: force)
        defer { lock.release() }
        for source in sources {
            do throws(SweepStoreError) {
                try output.copyRuns(from: source.database, only: Set(source.indices))
            } catch {
                throw .io(error.description)
            }
        }
        try SweepFiles.write(output, grid: grid, into: directory)
        return try SweepExecution.exitCode(output)
    }

    /// One shard directory, read.
    struct Source {
        var directory: String
        var database: SweepDatabase
        var meta: [String: String]
        var indices: [Int]
    }

    private static func open(_ directory: String) throws(SweepFailure) -> Source {
        do throws(SweepStoreError) {
            let database = try SweepDatabase.read(at: directory + "/sweep.sqlite")
            return Source(directory: directory, database: database, meta: try database.meta(), indices: try database.recordedIndices())
        } catch {
            switch error {
            case .mismatch(let message): throw .invalid(["swansim sweep-merge: \(message)"])
            case .io(let message): throw .io(message)
            }
        }
    }

    /// The grid and run count a shard's `sweep_meta` records.
    private static func identity(_ source: Source) throws(SweepFailure) -> (SweepGrid, Int) {
        let meta = source.meta
        guard meta["format"] == "swan-sweep/1", let runs = meta["runs"].flatMap({ Int($0) }), let seedsText = meta["seeds"],
              let gridText = meta["grid_json"]
        else { throw .invalid(["swansim sweep-merge: \(source.directory)/sweep.sqlite has no swan-sweep/1 sweep_meta"]) }
        do {
            let grid = try SweepGrid(axes: try axes(gridText), seeds: try SeedRange(parsing: seedsText))
            guard grid.runCount == runs else { throw SweepArgumentError("runs", "\(runs) does not match grid_json and seeds") }
            return (grid, runs)
        } catch {
            throw .invalid(["swansim sweep-merge: \(source.directory)/sweep.sqlite: sweep_meta \(error)"])
        }
    }

    /// `grid_json` back into axes, each value as the command line gave it.
    static func axes(_ json: String) throws -> [SweepAxis] {
        let root = try JSONDocumentParser.parse(Array(json.utf8))
        guard case .array(let pairs) = root.value else { throw SweepArgumentError("grid_json", "not an array") }
        return try pairs.map { pair in
            guard case .array(let parts) = pair.value, parts.count == 2, case .string(let name) = parts[0].value,
                  case .array(let values) = parts[1].value
            else { throw SweepArgumentError("grid_json", "expected [key,[values]]") }
            return SweepAxis(name: name, values: try values.map { value in
                switch value.value {
                case .string(let text), .number(let text): return text
                case .bool(let flag): return flag ? "true" : "false"
                case .null: return "null"
                default: throw SweepArgumentError("grid_json", "a value of \(name) is not a scalar")
                }
            })
        }
    }

    /// OUT under its lock: absent, empty, or (with `force`, which removes the sweep's own files
    /// first) holding other files of the user, which stay.
    private static func create(_ directory: String, meta: [String: String], force: Bool) throws(SweepFailure)
        -> (SweepDatabase, OutputLock)
    {
        try SweepDirectory.locked(directory, command: "sweep-merge") { () throws(SweepFailure) in
            if force { SweepExecution.removeSweepFiles(in: directory) }
            let present = SweepDirectory.contents(directory)
            guard force || present.isEmpty else {
                throw SweepFailure.invalid(["swansim sweep-merge: \(directory) already holds \(OutputPath.listed(present)); "
                    + "use --force to replace the sweep's files there (other files stay)"])
            }
            var merged = SweepDatabase.identityKeys.map { (key: $0, value: meta[$0] ?? "") }
            if let index = merged.firstIndex(where: { $0.key == "shard" }) { merged[index].value = "" }
            do throws(SweepStoreError) {
                return try SweepDatabase.open(at: directory + "/sweep.sqlite", meta: merged).0
            } catch {
                throw SweepFailure.io(error.description)
            }
        }
    }
}
