import Foundation
import GRDB
import SwanCore
import SwanReport

/// Writes the tables derived by the checker: `network_day`, `provider_day`, `providers`,
/// `tasks`, `breaches`, `invariants` (OUTPUTS.md §2).
extension LedgerDatabase {
    /// The run-level tables, in one transaction.
    public func write(run report: RunReport) throws(StoreError) {
        do {
            try writeTransaction { db in
                // A run resumed after a kill between this transaction and summary.json writes
                // these rows again: replace them (a fresh run deletes nothing here).
                for table in ["providers", "breaches", "invariants"] { try db.execute(sql: "DELETE FROM \(table)") }
                for task in report.tasks { try db.execute(sql: "DELETE FROM tasks WHERE rowid = ?", arguments: [task.taskIndex]) }
                let providers = try db.cachedStatement(sql: Self.insert("providers", [
                    "provider", "provider_index", "kind", "cards_json", "origin", "population", "registered_time", "exit_time",
                    "final_status", "ubi_failure_rate", "task_failure_rate",
                ]))
                for row in report.providerRows {
                    let cards = "[" + row.cards.map { "[" + jsonQuoted($0.model) + "," + String($0.count) + "]" }
                        .joined(separator: ",") + "]"
                    try providers.execute(arguments: [
                        row.provider, row.providerIndex, row.kind.rawValue, cards, row.origin.rawValue, row.population,
                        row.registeredTime, row.exitTime, row.finalStatus.rawValue, Decimal18.render(row.ubiFailureRate),
                        Decimal18.render(row.taskFailureRate),
                    ])
                }
                try Self.insert(tasks: report.tasks, db)
                let breaches = try db.cachedStatement(sql: Self.insert("breaches", [
                    "id", "provider", "status", "start_time", "end_time", "duration_s", "start_seq", "end_seq",
                    "ubi_outstanding_at_start", "paid_running_at_start", "open",
                ]))
                for (id, b) in report.breaches.enumerated() {
                    try breaches.execute(arguments: [
                        id, b.provider, b.status, b.startTime, b.endTime, b.durationSeconds, b.startSeq, b.endSeq,
                        b.ubiOutstandingAtStart, b.paidRunningAtStart, b.open ? 1 : 0,
                    ])
                }
                let invariants = try db.cachedStatement(sql: Self.insert("invariants", [
                    "id", "name", "ok", "violations", "first_seq", "detail",
                ]))
                for result in report.invariants.results {
                    try invariants.execute(arguments: [
                        result.invariant.id, result.invariant.rawValue, result.ok ? 1 : 0, result.violations, result.firstSeq,
                        result.detail,
                    ])
                }
            }
        } catch {
            throw StoreError("cannot write the run tables", wrapping: error)
        }
    }

    /// Task rows, each at rowid = task_index: tasks are written as they settle (and the open
    /// ones at the end), and the table still reads in task-index order (OUTPUTS.md §2.4).
    static func insert(tasks rows: [TaskRow], _ db: Database) throws {
        guard !rows.isEmpty else { return }
        let tasks = try db.cachedStatement(sql: Self.insert("tasks", [
            "rowid", "task", "task_index", "origin", "user", "provider", "gpu_model", "gpu_count", "duration_s", "reward_atto",
            "collateral_atto", "lock_atto", "posted_time", "assigned_time", "end_time", "settled_time", "state",
            "fee_atto", "payout_atto", "slashed_atto", "refund_atto",
        ]))
        for t in rows {
            let atto: (Int128?) -> String? = { $0.map { String($0) } }
            try tasks.execute(arguments: [
                t.taskIndex, t.task, t.taskIndex, t.origin.rawValue, t.user, t.provider, t.gpuModel, t.gpuCount, t.durationSeconds,
                String(t.reward), String(t.collateral), atto(t.lock), t.postedTime, t.assignedTime, t.endTime,
                t.settledTime, t.state, atto(t.fee), atto(t.payout), atto(t.slashed), atto(t.refund),
            ])
        }
    }

    /// The `network_day` row, the `provider_day` rows and the tasks settled that day.
    static func insert(day report: DayReport, _ db: Database, scratch: RowScratch) throws {
        try insert(tasks: report.settledTasks, db)
        let network = try db.cachedStatement(sql: Self.insert("network_day", DailyColumns.network))
        var networkRow = RawBinder(network, scratch: scratch)
        for cell in report.network.cells { networkRow.bind(cell) }
        try networkRow.step()
        let provider = try db.cachedStatement(sql: Self.insert("provider_day", DailyColumns.provider))
        for row in report.providers {
            var binder = RawBinder(provider, scratch: scratch)
            row.forEachCell { binder.bind($0) }
            try binder.step()
        }
    }

    static func insert(_ table: String, _ columns: [String]) -> String {
        "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ",")))"
    }
}

extension RawBinder {
    /// Binds a report cell as `sqlValue` would store it.
    mutating func bind(_ cell: Cell) {
        switch cell {
        case .integer(let value): int(value)
        case .atto(let value): decimal(value)
        case .microUSD(let value):
            if let exact = Int64(exactly: value) { int(exact) } else { text(String(value)) }
        case .milli(let value): int(value)
        case .weightedCU(let value): decimal(value, scaleDigits: 19)
        case .text(let value): text(value)
        case .null: null()
        }
    }
}
