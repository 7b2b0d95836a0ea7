import Foundation
import SwanChecker
import SwanCore
import SwanScenario
import SwanStore
import SwanTables

/// Writes `runs.csv` and `run_days.csv` from `sweep.sqlite` (WORKFLOW.md §1, OUTPUTS.md §5).
///
/// Both are derived from the database at the end of every invocation, in run_index order,
/// so their bytes depend on the recorded runs only: not on `--jobs`, the order runs
/// finished in, sharding or an interruption. Each file is written to a temporary name and
/// renamed, so a reader never sees half a file.
enum SweepFiles {
    static func write(_ database: SweepDatabase, grid: SweepGrid, into directory: String) throws(SweepFailure) {
        do {
            let runs = try database.runs()
            try atomically(directory + "/runs.csv", runsCSV(runs, grid: grid))
            try atomically(directory + "/run_days.csv", runDaysCSV(database))
        } catch let failure as SweepFailure {
            throw failure
        } catch {
            throw .io("\(error)")
        }
    }

    /// run_index, seed, each swept key, exit_code, head_hash, then summary.json's `totals`
    /// flattened with `.` (`totals.ubi_paid`, ...), the union of the runs' keys in order of
    /// first appearance.
    static func runsCSV(_ runs: [StoredSweepRun], grid: SweepGrid) throws -> [UInt8] {
        var totalsColumns: [String] = []
        var known = Set<String>()
        var totalsByRun: [[String: String]] = []
        for run in runs {
            var flat: [(String, String)] = []
            let summary = try JSONDocumentParser.parse(Array(run.summaryJSON.utf8))
            if case .object(let members) = summary.value, let totals = members.first(where: { $0.key == "totals" }) {
                flatten(totals.value, prefix: "totals", into: &flat)
            }
            for (name, _) in flat where known.insert(name).inserted { totalsColumns.append(name) }
            totalsByRun.append(Dictionary(flat, uniquingKeysWith: { first, _ in first }))
        }
        var out: [UInt8] = []
        let header = ["run_index", "seed"] + grid.axes.map(\.name) + ["exit_code", "head_hash"] + totalsColumns
        out += Array((header.map { Cell.text($0).csv }.joined(separator: ",") + "\n").utf8)
        for (run, totals) in zip(runs, totalsByRun) {
            let values = grid.run(run.runIndex).values
            let cells = [String(run.runIndex), run.seed] + values + [String(run.exitCode), run.headHash]
                + totalsColumns.map { totals[$0] ?? "" }
            out += Array((cells.map { Cell.text($0).csv }.joined(separator: ",") + "\n").utf8)
        }
        return out
    }

    private static func flatten(_ node: DocumentNode, prefix: String, into out: inout [(String, String)]) {
        switch node.value {
        case .object(let members):
            for member in members { flatten(member.value, prefix: prefix + "." + member.key, into: &out) }
        case .string(let text): out.append((prefix, text))
        case .number(let text): out.append((prefix, text))
        case .bool(let flag): out.append((prefix, flag ? "true" : "false"))
        case .null: out.append((prefix, ""))
        case .array(let elements): out.append((prefix, String(elements.count)))
        }
    }

    /// `run_days` with run_index first, each value rendered as days.csv renders it.
    static func runDaysCSV(_ database: SweepDatabase) throws -> [UInt8] {
        var out = Array(("run_index," + DailyColumns.csvHeader(DailyColumns.network) + "\n").utf8)
        let columns = DailyColumns.network
        try database.forEachDay { runIndex, values in
            DecimalText.append(Int64(runIndex), to: &out)
            for (column, value) in zip(columns, values) {
                out.append(UInt8(ascii: ","))
                try csvCell(column: column, value).writeCSV(to: &out)
            }
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// The report cell a stored network_day value came from, by its column's naming rule.
    static func csvCell(column: String, _ value: SweepDatabase.Value) throws -> Cell {
        switch value {
        case .null: return .null
        case .integer(let number): return column == "ubi_y_milli" ? .milli(number) : .integer(number)
        case .text(let text):
            guard column.hasSuffix("_atto") else { return .text(text) }
            guard let atto = Int128(text) else { throw StoreError("run_days.\(column): \(text) is not an integer") }
            return .atto(atto)
        }
    }

    static func atomically(_ path: String, _ bytes: [UInt8]) throws(SweepFailure) {
        do throws(AtomicFile.Failure) { try AtomicFile.write(Data(bytes), to: path) } catch { throw .io(error.message) }
    }
}
