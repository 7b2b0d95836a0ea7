import Foundation
import GRDB
import SwanTestSupport
import Testing

/// One row of each daily table pinned by column name, from the worked example of
/// SCENARIO-FORMAT.md §6.1 (tiny-two-providers, day 1: UBI y = 19,966.029 SWAN, 19,276.7256…
/// paid, alice slashed 10.2457). The run and `swansim verify` render cells through the same
/// code, so two swapped cells would pass verify; they cannot pass this.
@Suite("Golden daily rows: every stored and written cell is under its own column's name")
struct GoldenRowTests {
    static let network: [String: String] = [
        "day": "1", "c_base_atto": "3533000000000000000000", "cu_total": "7", "active": "2", "nsc": "0", "ubi_x": "1",
        "ubi_y_milli": "19966029", "ubi_y_eff_atto": "19966029000000000000000", "ubi_paid_atto": "19276725617857142857142",
        "ubi_eligible": "2", "ubi_pool_atto": "99980723274382142857142858", "ubi_tasks_assigned": "62", "ubi_tasks_failed": "2",
        "slashed_atto": "10245700000000000000", "slashed_backed_atto": "10245700000000000000", "slashed_unbacked_atto": "0",
        "entries": "9",
    ]
    static let alice: [String: String] = [
        "day": "1", "provider": "alice", "provider_index": "0", "kind": "ecp", "status": "active", "cards": "2", "wcu": "5.8",
        "required_atto": "20491400000000000000000", "wallet_atto": "24853977789285714285714",
        "free_atto": "20989754300000000000000", "escrow_atto": "0", "ubi_assigned": "48", "ubi_failed": "2",
        "ubi_paid_atto": "15853977789285714285714", "slashed_atto": "10245700000000000000", "provisioned_gpu_s": "172800",
    ]

    @Test("network_day and provider_day of day 1, in ledger.sqlite and in the CSV files")
    func dayOne() throws {
        let directory = try temporaryDirectory("golden-rows")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = try swansim("run", "Fixtures/scenarios/tiny-two-providers.json", "--out", directory, "--quiet")
        #expect(run.status == 0, "\(run.stderr)")
        let queue = try DatabaseQueue(path: directory + "/ledger.sqlite")
        defer { try? queue.close() }
        try queue.read { db in
            let day = try #require(try Row.fetchOne(db, sql: "SELECT * FROM network_day WHERE day = 1"))
            let provider = try #require(try Row.fetchOne(db, sql: "SELECT * FROM provider_day WHERE day = 1 AND provider = 'alice'"))
            for (table, row, pinned) in [("network_day", day, Self.network), ("provider_day", provider, Self.alice)] {
                for (column, value) in pinned {
                    let stored = (row[column] as DatabaseValue).description.replacingOccurrences(of: "\"", with: "")
                    #expect(stored == value, "\(table).\(column)")
                }
            }
        }
        let days = try csvRow(directory + "/days.csv", where: { $0["day"] == "1" })
        #expect(days["ubi_paid_swan"] == "19276.725617857142857142" && days["ubi_y_swan"] == "19966.029"
                && days["slashed_swan"] == "10.2457" && days["ubi_tasks_assigned"] == "62" && days["active"] == "2")
        let providerDays = try csvRow(directory + "/provider_days.csv", where: { $0["day"] == "1" && $0["provider"] == "alice" })
        #expect(providerDays["wallet_swan"] == "24853.977789285714285714" && providerDays["ubi_assigned"] == "48"
                && providerDays["ubi_failed"] == "2" && providerDays["wcu"] == "5.8" && providerDays["free_swan"] == "20989.7543")
    }

    /// The first data line of a plain CSV file (no quoted commas here) matching `predicate`, by header name.
    private func csvRow(_ path: String, where predicate: ([String: String]) -> Bool) throws -> [String: String] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        for line in lines.dropFirst() {
            let row = Dictionary(uniqueKeysWithValues: zip(header, line))
            if predicate(row) { return row }
        }
        Issue.record("no matching line in \(path)")
        return [:]
    }
}
