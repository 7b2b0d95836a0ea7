import Foundation
import GRDB
import SwanCore
import SwanTables

/// Writes the tables derived by the checker: `network_day`, `provider_day`, `account_day`,
/// `providers`, `tasks`, `breaches`, `invariants` (OUTPUTS.md §2).
///
/// Every row is bound from its report cells (`RunColumns`, `DailyColumns`) through
/// `CellSink.put`, the mapping `swansim verify` renders again to compare (`DerivedTablesCheck`).
extension LedgerDatabase {
    /// The run-level tables, in one transaction.
    public func write(run report: RunTables) throws(StoreError) {
        do {
            try writeTransaction { db in
                // A run resumed after a kill between this transaction and summary.json writes
                // these rows again: replace them (a fresh run deletes nothing here).
                for table in ["providers", "breaches", "invariants"] { try db.execute(sql: "DELETE FROM \(table)") }
                for task in report.tasks { try db.execute(sql: "DELETE FROM tasks WHERE rowid = ?", arguments: [task.taskIndex]) }
                try Self.insert("providers", RunColumns.providers, rows: report.providers.map(\.cells), db)
                try Self.insert(tasks: report.tasks, db, scratch: scratch)
                try Self.insert("breaches", RunColumns.breaches, rows: report.breaches.enumerated().map { $1.cells(id: $0) }, db)
                try Self.insert("invariants", RunColumns.invariants, rows: report.invariants.map(\.cells), db)
                if report.market {
                    for job in report.jobs { try db.execute(sql: "DELETE FROM jobs WHERE rowid = ?", arguments: [job.ordinal + 1]) }
                    try Self.insert(jobs: report.jobs, db, scratch: scratch)
                }
            }
        } catch {
            throw StoreError("cannot write the run tables", wrapping: error)
        }
    }

    /// Rows of cells into `table`'s `columns`, one prepared statement.
    private static func insert(_ table: String, _ columns: [String], rows: [[Cell]], _ db: Database) throws {
        let statement = try db.cachedStatement(sql: insert(table, columns))
        for cells in rows {
            var binder = RawBinder(statement)
            for cell in cells { binder.put(cell) }
            try binder.step()
        }
    }

    /// Task rows, each at rowid = task_index: tasks are written as they settle (and the open
    /// ones at the end), and the table still reads in task-index order (OUTPUTS.md §2.4).
    static func insert(tasks rows: [TaskRow], _ db: Database, scratch: RowScratch) throws {
        guard let first = rows.first else { return }
        let tasks = try db.cachedStatement(sql: insert("tasks", ["rowid"] + RunColumns.tasks(market: !first.marketCells.isEmpty)))
        for task in rows {
            var binder = RawBinder(tasks, scratch: scratch)
            binder.int(Int64(task.taskIndex))
            for cell in task.cells { binder.put(cell) }
            try binder.step()
        }
    }

    /// Job rows at rowid = ordinal + 1, so the table reads in `job_assign` order (OUTPUTS-MARKET §2.1).
    static func insert(jobs rows: [JobRow], _ db: Database, scratch: RowScratch) throws {
        guard !rows.isEmpty else { return }
        let jobs = try db.cachedStatement(sql: insert("jobs", ["rowid"] + RunColumns.jobs))
        for job in rows {
            var binder = RawBinder(jobs, scratch: scratch)
            binder.int(job.ordinal + 1)
            for cell in job.cells { binder.put(cell) }
            try binder.step()
        }
    }

    /// The `network_day` row, the `provider_day` rows and the tasks settled that day.
    static func insert(day report: DayReport, _ db: Database, scratch: RowScratch) throws {
        try insert(tasks: report.settledTasks, db, scratch: scratch)
        try insert(jobs: report.settledJobs, db, scratch: scratch)
        let market = !report.network.marketCells.isEmpty
        let network = try db.cachedStatement(sql: insert("network_day", DailyColumns.network(market: market)))
        var networkRow = RawBinder(network, scratch: scratch)
        for cell in report.network.cells { networkRow.put(cell) }
        try networkRow.step()
        let provider = try db.cachedStatement(sql: insert("provider_day", DailyColumns.provider(market: market)))
        for row in report.providers {
            var binder = RawBinder(provider, scratch: scratch)
            row.forEachCell { binder.put($0) }
            try binder.step()
        }
    }

    /// A day's `account_day` rows, from the snapshot taken as its block sealed.
    static func insert(accounts snapshot: AccountSnapshot, day: Int64, _ db: Database, scratch: RowScratch) throws {
        let statement = try db.cachedStatement(sql: insert("account_day", RunColumns.accountDay))
        try snapshot.names.bytes.withUnsafeBytes { raw in
            for row in snapshot.rows {
                var cells = RawBinder(statement, scratch: scratch)
                cells.int(day)
                cells.text(row.name, in: raw)
                cells.decimal(row.balanceAtto)
                try cells.step()
            }
        }
    }

    static func insert(_ table: String, _ columns: [String]) -> String {
        "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ",")))"
    }
}
