import SwanCore

/// A fold of a stored ledger that derives its daily rows: what `swansim verify` feeds each
/// entry it has verified to, and asks for each day's rows as the block seals. The independent
/// checker is one (`LedgerReplay`); the store knows only this, never the checker itself.
public protocol LedgerFold: AnyObject {
    /// Lends the fold's own ledger state to a verifier that decodes into it.
    func withState<R, E: Error>(_ body: (inout LedgerState) throws(E) -> R) throws(E) -> R
    /// Folds one decoded entry in (its ids are the fold's own).
    func apply(_ entry: Entry)
    /// Block `day` has been sealed with `blockHash`: the day's rows.
    func sealed(day: Int64, blockHash: String) -> DayReport
}

/// The run-level tables of OUTPUTS.md §2 as the checker derives them at the end of a run:
/// what the store writes and `swansim verify` compares with the stored rows.
public struct RunTables: Sendable {
    /// Tasks still open at the end (settled ones went with their day), by task index.
    public var tasks: [TaskRow]
    /// Jobs of the auction tasks still open at the end, in `job_assign` order.
    public var jobs: [JobRow]
    public var providers: [ProviderRow]
    /// In report order.
    public var breaches: [BreachRecord]
    public var invariants: [InvariantResult]
    /// A market run's ledger: it has the `jobs` table.
    public var market: Bool

    public init(tasks: [TaskRow], jobs: [JobRow], providers: [ProviderRow], breaches: [BreachRecord],
                invariants: [InvariantResult], market: Bool) {
        self.market = market
        self.tasks = tasks
        self.jobs = jobs
        self.providers = providers
        self.breaches = breaches
        self.invariants = invariants
    }
}

extension RunTables {
    /// Whether every row's cells fit its table's declared columns (debug builds check it).
    public var cellsFitTheirColumns: Bool {
        providers.allSatisfy { RunColumns.providersSpec.admit($0.cells) }
            && tasks.allSatisfy { RunColumns.tasksSpec(market: market).admit($0.cells) }
            && breaches.enumerated().allSatisfy { RunColumns.breachesSpec.admit($1.cells(id: $0)) }
            && invariants.allSatisfy { RunColumns.invariantsSpec.admit($0.cells) }
            && jobs.allSatisfy { RunColumns.jobsSpec.admit($0.cells) }
    }
}
