import Foundation
import GRDB
import SwanRunner
import SwanTestSupport

/// A small sweep directory written to WORKFLOW.md §1's `sweep.sqlite` contract from real runs, so
/// that the sweep report is tested without `swansim sweep`.
///
/// The grid is `collateral.c_base` ∈ {2000, 3533} × seeds 1…3 of the baseline scenario with
/// `economics.swan_usd` = 0.10 (so mean ROI exists): six runs, run_index in grid order, seeds
/// fastest. Each run is `swansim run` of the edited scenario; its `network_day` table becomes
/// its `run_days` rows (same columns, same SQL types) and its summary.json its `summary_json`.
enum SweepFixture {
    static let values = ["2000", "3533"]
    static let seeds = [1, 2, 3]

    /// The fixture directory, built once per test process.
    static let directory: Result<String, any Error> = Result { try build() }

    /// The fixture's run directories by run_index (each has summary.json).
    nonisolated(unsafe) static var runDirectories: [String] = []

    static func build() throws -> String {
        let root = try temporaryDirectory("sweep")
        let sweep = root + "/sweep"
        try FileManager.default.createDirectory(atPath: sweep, withIntermediateDirectories: true)
        let base = try JSONSerialization.jsonObject(
            with: Data(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/scenarios/baseline.json"))) as? [String: Any]
        var runs: [String] = []
        for value in values {
            for seed in seeds {
                var scenario = base ?? [:]
                scenario["params"] = ["collateral": ["c_base": value], "economics": ["swan_usd": "0.10"]]
                scenario["seed"] = seed
                scenario.removeValue(forKey: "expect")
                let file = root + "/run-\(runs.count).json"
                try JSONSerialization.data(withJSONObject: scenario, options: [.sortedKeys]).write(to: URL(fileURLWithPath: file))
                let output = root + "/run-\(runs.count)"
                _ = try RunPipeline.run(scenarioFile: file, outputDirectory: output)
                runs.append(output)
            }
        }
        runDirectories = runs
        try write(sweep + "/sweep.sqlite", runs: runs)
        return sweep
    }

    private static func write(_ path: String, runs: [String]) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.inDatabase { db in
            try db.execute(sql: "CREATE TABLE sweep_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            try db.execute(sql: """
                CREATE TABLE runs (run_index INTEGER PRIMARY KEY, seed TEXT NOT NULL, params_json TEXT NOT NULL,
                  exit_code INTEGER NOT NULL, head_hash TEXT NOT NULL, head_block_hash TEXT NOT NULL, summary_json TEXT NOT NULL)
                """)
            let meta = [("format", "swan-sweep/1"), ("scenario_name", "baseline"), ("scenario_sha256", String(repeating: "0", count: 64)),
                        ("grid_json", "[[\"collateral.c_base\",[\"2000\",\"3533\"]]]"), ("seeds", "1..3"), ("runs", "6"),
                        ("shard", ""), ("rules_version", "swan-rules/1"), ("engine", "fixture")]
            for (key, value) in meta { try db.execute(sql: "INSERT INTO sweep_meta VALUES (?, ?)", arguments: [key, value]) }
            for (index, run) in runs.enumerated() {
                try db.execute(sql: "ATTACH DATABASE ? AS l", arguments: [run + "/ledger.sqlite"])
                if index == 0 {
                    let columns = try Row.fetchAll(db, sql: "PRAGMA l.table_info(network_day)").map { row -> String in
                        let name: String = row["name"], type: String = row["type"]
                        return "\(name) \(type)\(name == "day" ? " NOT NULL" : "")"
                    }
                    try db.execute(sql: "CREATE TABLE run_days (run_index INTEGER NOT NULL REFERENCES runs(run_index), "
                        + columns.joined(separator: ", ") + ", PRIMARY KEY (run_index, day))")
                }
                let summary = try String(contentsOfFile: run + "/summary.json", encoding: .utf8)
                let head = try JSONSerialization.jsonObject(with: Data(summary.utf8)) as? [String: Any]
                let ledger = head?["ledger"] as? [String: Any]
                try db.execute(sql: "INSERT INTO runs VALUES (?, ?, ?, 0, ?, ?, ?)", arguments: [
                    index, String(seeds[index % seeds.count]), "{\"collateral.c_base\":\"\(values[index / seeds.count])\"}",
                    ledger?["head_hash"] as? String ?? "", ledger?["head_block_hash"] as? String ?? "", summary,
                ])
                try db.execute(sql: "INSERT INTO run_days SELECT ?, * FROM l.network_day ORDER BY day", arguments: [index])
                try db.execute(sql: "DETACH DATABASE l")
            }
        }
    }
}
