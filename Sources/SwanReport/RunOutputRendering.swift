import SwanCore

/// The bytes of a run's output files, rendered by one code path for the run that writes them
/// (`RunWriter`) and for `swansim verify`, which renders them again from the ledger and compares
/// (WORKFLOW.md §9.3). Two renderings that could drift apart would make that comparison lie.
public enum CSVLines {
    /// A `days.csv` line: the network row's cells, comma-separated, with its line feed.
    public static func appendNetwork(_ cells: [Cell], to out: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            cell.writeCSV(to: &out)
        }
        out.append(UInt8(ascii: "\n"))
    }

    /// A `provider_days.csv` line, each cell rendered straight into `out` (no array per row).
    public static func appendProvider(_ row: ProviderDayRow, to out: inout [UInt8]) {
        var first = true
        row.forEachCell { cell in
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            cell.writeCSV(to: &out)
        }
        out.append(UInt8(ascii: "\n"))
    }

    /// The header line of `days.csv` or `provider_days.csv`, with its line feed.
    public static func header(_ columns: [String]) -> [UInt8] {
        Array((DailyColumns.csvHeader(columns) + "\n").utf8)
    }
}

/// A scenario's `expect` block evaluated as a run goes: each checkpoint right after its day's
/// block seals, then the final values (SCENARIO-FORMAT.md §3.8). The run and `verify` both use it.
public struct ExpectationTracker {
    private let expect: Expectations
    private var checkpointsByDay: [Int64: [(index: Int, checkpoint: Expectations.Checkpoint)]] = [:]
    private var report = ExpectationReport()

    public init(_ expect: Expectations) {
        self.expect = expect
        for (index, checkpoint) in expect.checkpoints.enumerated() {
            checkpointsByDay[checkpoint.day, default: []].append((index, checkpoint))
        }
    }

    /// Checks the checkpoints of `day`; `snapshot` is taken only when the day has any.
    public mutating func sealed(day: Int64, snapshot: () -> CheckpointSnapshot) {
        guard let checkpoints = checkpointsByDay[day] else { return }
        let values = snapshot()
        for item in checkpoints { report.check(checkpoint: item.checkpoint, index: item.index, against: values) }
    }

    /// The whole evaluation, failures in document order.
    public func finished(report final: RunReport, snapshot: CheckpointSnapshot, headHash: String) -> ExpectationReport {
        var report = self.report
        report.checkFinal(expect, report: final, final: snapshot, headHash: headHash)
        return report.inDocumentOrder()
    }
}

extension SummaryDocument {
    /// The summary.json of a run of `scenario` whose ledger ends at the given head.
    public init(scenario: Scenario, scenarioSHA256: String, entries: Int64, blocks: Int64, headHash: String,
                headBlockHash: String, report: RunReport, expectation: ExpectationReport) {
        self.init(scenarioName: scenario.name, scenarioSHA256: scenarioSHA256, seed: scenario.seed,
                  preset: scenario.parameters.preset.rawValue, days: scenario.days, parameters: scenario.parameters,
                  entries: entries, blocks: blocks, headHash: headHash, headBlockHash: headBlockHash,
                  users: scenario.users.map(\.id), report: report, expectation: expectation)
    }
}
