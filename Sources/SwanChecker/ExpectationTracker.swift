import SwanCore
import SwanTables

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
