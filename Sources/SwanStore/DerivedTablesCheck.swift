import Foundation
import GRDB
import SwanConcurrency
import SwanCore
import SwanTables

/// `swansim verify`'s check of the tables a reader reads: the checker's own `network_day`,
/// `provider_day`, `account_day`, `tasks`, `providers`, `breaches` and `invariants` rows,
/// recomputed from the entries, against the stored ones.
///
/// Rows are rendered from the same cells the run wrote them from (`CellSink.put`), so equal
/// tables compare byte for byte. The daily tables are compared as each block seals, on a
/// second thread with its own read connection, a few days behind the chain (a bounded
/// queue: memory holds a few days' rows). The first difference is named by table, key and column.
public final class DerivedTablesCheck: Sendable {
    /// The comparison's state, owned by its own thread; at most eight days wait for it.
    private let worker: SerialWorker<DerivedTablesComparer>

    /// Opens its own read connection to the ledger at `path`.
    public init(ledgerAt path: String) throws(StoreError) {
        worker = SerialWorker(capacity: 8, state: try DerivedTablesComparer(ledgerAt: path))
    }

    /// Queues one sealed day's rows for comparison; waits while eight days are already queued.
    func enqueue(day report: DayReport, accounts: AccountSnapshot) {
        worker.async { $0.compare(day: report, accounts: accounts) }
    }

    /// A difference found in a day before `day` (every queued day compared first): the chain
    /// failed in block `day`, and a table that differs earlier is the earlier place.
    public func failure(before day: Int64) -> VerificationFailure? {
        worker.sync { $0.failure(before: day) }
    }

    /// Waits for the queued days, then compares the run-level tables (`LedgerReplay.finish`'s
    /// report) and throws the first difference of all.
    public func finish(run report: RunTables) throws(VerifyError) {
        try worker.sync { $0.finish(run: report) }.get()
    }
}

/// The state and the comparisons of `DerivedTablesCheck`, on its worker's thread.
final class DerivedTablesComparer {
    private let database: LedgerDatabase
    private var stored = RowImage()
    private var derived = RowImage()
    /// Task indices compared so far (a task is compared once, when it settles or at the end).
    private var tasksSeen: [Bool] = []
    private var tasksCompared = 0
    private var jobsCompared = 0
    private var lastDay: Int64 = -1
    /// The first difference, and the day whose rows showed it.
    private var found: (failure: VerificationFailure, day: Int64)?
    private var readError: StoreError?

    /// A market ledger (`swan-ledger/2`): its tables carry the market columns and `jobs`.
    private let market: Bool
    private let columns: (network: [String], provider: [String], tasks: [String])
    private let select: (network: String, provider: String, account: String, task: String, job: String)

    init(ledgerAt path: String) throws(StoreError) {
        database = try LedgerDatabase.open(at: path)
        market = (try? database.meta()["format"]) == "swan-ledger/2"
        columns = (DailyColumns.network(market: market), DailyColumns.provider(market: market), RunColumns.tasks(market: market))
        select = (
            network: "SELECT \(columns.network.joined(separator: ", ")) FROM network_day WHERE day = ?1",
            provider: "SELECT \(columns.provider.joined(separator: ", ")) FROM provider_day WHERE day = ?1 ORDER BY provider_index, provider",
            account: "SELECT \(RunColumns.accountDay.joined(separator: ", ")) FROM account_day WHERE day = ?1 ORDER BY account",
            task: "SELECT \(columns.tasks.joined(separator: ", ")) FROM tasks WHERE task_index = ?1",
            job: "SELECT \(RunColumns.jobs.joined(separator: ", ")) FROM jobs WHERE rowid = ?1"
        )
    }

    /// Compares one sealed day's rows, unless a difference was found already.
    func compare(day report: DayReport, accounts: AccountSnapshot) {
        guard found == nil, readError == nil else { return }
        do {
            if let failure = try database.read({ db in try check(day: report, accounts: accounts, db) }) {
                found = (failure, report.network.day)
            }
        } catch {
            readError = StoreError("cannot read the derived tables", wrapping: error)
        }
    }

    /// A difference found in a day before `day`.
    func failure(before day: Int64) -> VerificationFailure? {
        found.flatMap { $0.day < day ? $0.failure : nil }
    }

    /// The first difference of the daily tables, else of the run-level ones.
    func finish(run report: RunTables) -> Result<Void, VerifyError> {
        if let found { return .failure(.mismatch(found.failure)) }
        if let readError { return .failure(.store(readError)) }
        do {
            if let failure = try database.read({ db in try check(run: report, db) }) { return .failure(.mismatch(failure)) }
            return .success(())
        } catch {
            return .failure(.store(StoreError("cannot read the derived tables", wrapping: error)))
        }
    }


    /// Compares one sealed day's rows (and the tasks that settled in it) with the stored ones.
    private func check(day report: DayReport, accounts: AccountSnapshot, _ db: Database) throws -> VerificationFailure? {
        let day = report.network.day
        lastDay = day
        var network = try RawCursor(db, cached: select.network, day)
        if let failure = try compare("network_day", columns.network, keys: [0], &network, count: 1, render: { _, image in
            for cell in report.network.cells { image.put(cell) }
        }) { return failure }
        var providers = try RawCursor(db, cached: select.provider, day)
        if let failure = try compare("provider_day", columns.provider, keys: [0, 1], &providers, count: report.providers.count,
                                     render: { row, image in report.providers[row].forEachCell { image.put($0) } }) { return failure }
        var balances = try RawCursor(db, cached: select.account, day)
        let found = try accounts.names.bytes.withUnsafeBytes { names in
            try compare("account_day", RunColumns.accountDay, keys: [0, 1], &balances, count: accounts.rows.count) { row, image in
                let account = accounts.rows[row]
                image.int(day)
                image.text(bytes: UnsafeRawBufferPointer(rebasing: names[Int(account.name.start)..<Int(account.name.start + account.name.count)]))
                image.decimal(account.balanceAtto, scaleDigits: 0)
            }
        }
        if let found { return found }
        if let failure = try check(jobs: report.settledJobs, db) { return failure }
        return try check(tasks: report.settledTasks, db)
    }

    /// Compares the run-level tables once the last block is in: the open tasks, every task
    /// compared exactly once, `providers`, `breaches`, `invariants`, and no daily row outside
    /// the days the ledger sealed (an integer day beyond them, or a day of another type: 1.5, '3').
    private func check(run report: RunTables, _ db: Database) throws -> VerificationFailure? {
        if let failure = try check(tasks: report.tasks, db) { return failure }
        if let failure = try check(jobs: report.jobs, db) { return failure }
        if market {
            let storedJobs = try Int.fetchOne(db, sql: "SELECT count(*) FROM jobs") ?? 0
            if storedJobs != jobsCompared {
                return VerificationFailure(.row(table: "jobs", key: ""), "rows", expected: "\(jobsCompared) jobs assigned in the ledger",
                                           found: "\(storedJobs) rows")
            }
        }
        let storedTasks = try Int.fetchOne(db, sql: "SELECT count(*) FROM tasks") ?? 0
        if storedTasks != tasksCompared {
            let indices = try Int64.fetchAll(db, sql: "SELECT task_index FROM tasks ORDER BY task_index")
            let extra = indices.first { $0 < 0 || $0 >= tasksSeen.count || !tasksSeen[Int($0)] }
            return VerificationFailure(.row(table: "tasks", key: extra.map { "task_index \($0)" } ?? ""), "rows",
                                       expected: "\(tasksCompared) tasks posted in the ledger",
                                       found: "\(storedTasks) rows" + (extra == nil ? "" : ", this one not derived from the ledger"))
        }
        var providers = try RawCursor(db, sql: "SELECT \(RunColumns.providers.joined(separator: ", ")) FROM providers ORDER BY provider_index, provider")
        if let failure = try compare("providers", RunColumns.providers, keys: [0], &providers, count: report.providers.count,
                                     render: { row, image in for cell in report.providers[row].cells { image.put(cell) } }) {
            return failure
        }
        var breaches = try RawCursor(db, sql: "SELECT \(RunColumns.breaches.joined(separator: ", ")) FROM breaches ORDER BY id")
        if let failure = try compare("breaches", RunColumns.breaches, keys: [0], &breaches, count: report.breaches.count,
                                     render: { row, image in for cell in report.breaches[row].cells(id: row) { image.put(cell) } }) {
            return failure
        }
        var invariants = try RawCursor(db, sql: """
            SELECT \(RunColumns.invariants.joined(separator: ", ")) FROM invariants ORDER BY CAST(substr(id, 2) AS INTEGER), id
            """)
        let results = report.invariants
        if let failure = try compare("invariants", RunColumns.invariants, keys: [0], &invariants, count: results.count,
                                     render: { row, image in for cell in results[row].cells { image.put(cell) } }) {
            return failure
        }
        for (table, columns, keys) in [("network_day", columns.network, [0]), ("provider_day", columns.provider, [0, 1]),
                                       ("account_day", RunColumns.accountDay, [0, 1])] {
            var outside = try RawCursor(db, cached: """
                SELECT \(columns.joined(separator: ", ")) FROM \(table) WHERE typeof(day) != 'integer' OR NOT (day BETWEEN 0 AND ?1)
                LIMIT 1
                """, lastDay)
            if try outside.step() {
                outside.image(into: &stored)
                return VerificationFailure(.row(table: table, key: key(stored, columns, keys)), "row",
                                           expected: "days 0 … \(lastDay) only", found: "a row for a day the ledger has no block of")
            }
        }
        return nil
    }

    /// Each task's final row, looked up by its index.
    private func check(tasks rows: [TaskRow], _ db: Database) throws -> VerificationFailure? {
        for task in rows {
            var cursor = try RawCursor(db, cached: select.task, Int64(task.taskIndex))
            if let failure = try compare("tasks", columns.tasks, keys: [0], &cursor, count: 1, render: { _, image in
                for cell in task.cells { image.put(cell) }
            }) { return failure }
            if task.taskIndex >= tasksSeen.count { tasksSeen += repeatElement(false, count: task.taskIndex + 1 - tasksSeen.count) }
            tasksSeen[task.taskIndex] = true
            tasksCompared += 1
        }
        return nil
    }

    /// Each job's final row, at rowid = its `job_assign` ordinal + 1 (OUTPUTS-MARKET §2.1).
    private func check(jobs rows: [JobRow], _ db: Database) throws -> VerificationFailure? {
        for job in rows {
            var cursor = try RawCursor(db, cached: select.job, job.ordinal + 1)
            if let failure = try compare("jobs", RunColumns.jobs, keys: [0, 1, 2], &cursor, count: 1, render: { _, image in
                for cell in job.cells { image.put(cell) }
            }) { return failure }
            jobsCompared += 1
        }
        return nil
    }

    /// Steps `cursor` through `count` rows against the rows `render` draws; a missing, extra or
    /// differing row is the failure, named by the key columns `keys`.
    private func compare(_ table: String, _ columns: [String], keys: [Int], _ cursor: inout RawCursor, count: Int,
                         render: (Int, inout RowImage) -> Void) throws -> VerificationFailure? {
        for row in 0..<count {
            derived.clear()
            render(row, &derived)
            guard try cursor.step() else {
                return VerificationFailure(.row(table: table, key: key(derived, columns, keys)), "row",
                                           expected: "a row derived from the ledger", found: "none")
            }
            cursor.image(into: &stored)
            if let column = derived.firstDifference(from: stored) {
                // A row whose key differs is another row: one is missing and the other extra.
                let column = keys.first { derived.cell($0) != stored.cell($0) } ?? column
                return VerificationFailure(.row(table: table, key: key(derived, columns, keys)),
                                           column < columns.count ? columns[column] : "column count",
                                           expected: derived.describe(column), found: stored.describe(column))
            }
        }
        if try cursor.step() {
            cursor.image(into: &stored)
            return VerificationFailure(.row(table: table, key: key(stored, columns, keys)), "row",
                                       expected: "no row", found: "a row not derived from the ledger")
        }
        return nil
    }

    /// `day 3, provider 'cp2'`.
    private func key(_ image: RowImage, _ columns: [String], _ keys: [Int]) -> String {
        keys.filter { $0 < image.columnCount }.map { "\(columns[$0]) \(image.describe($0))" }.joined(separator: ", ")
    }
}
