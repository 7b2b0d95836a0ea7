import SwanCore

/// The run-level tables of OUTPUTS.md §2 and OUTPUTS-MARKET §2, declared once, in schema
/// order: their DDL (`SwanStore/Schema.swift`), the names the store binds and `verify` reads.
///
/// A row's cells (below) are what a stored row holds: the run writes them and `swansim verify`
/// renders the same cells to compare with what it reads back; debug builds check them against
/// these columns.
public enum RunColumns {
    public static let providersSpec: [ColumnSpec] = [
        ColumnSpec("provider", .text), ColumnSpec("provider_index", .integer, unique: true), ColumnSpec("kind", .text),
        ColumnSpec("cards_json", .text), ColumnSpec("origin", .text), ColumnSpec("population", .text, nullable: true),
        ColumnSpec("registered_time", .integer), ColumnSpec("exit_time", .integer, nullable: true),
        ColumnSpec("final_status", .text), ColumnSpec("ubi_failure_rate", .text), ColumnSpec("task_failure_rate", .text),
    ]
    public static let tasksSpec: [ColumnSpec] = [
        ColumnSpec("task", .text), ColumnSpec("task_index", .integer, unique: true), ColumnSpec("origin", .text),
        ColumnSpec("user", .text), ColumnSpec("provider", .text, nullable: true), ColumnSpec("gpu_model", .text, nullable: true),
        ColumnSpec("gpu_count", .integer), ColumnSpec("duration_s", .integer), ColumnSpec("reward_atto", .atto),
        ColumnSpec("collateral_atto", .atto), ColumnSpec("lock_atto", .atto, nullable: true), ColumnSpec("posted_time", .integer),
        ColumnSpec("assigned_time", .integer, nullable: true), ColumnSpec("end_time", .integer, nullable: true),
        ColumnSpec("settled_time", .integer, nullable: true), ColumnSpec("state", .text),
        ColumnSpec("fee_atto", .atto, nullable: true), ColumnSpec("payout_atto", .atto, nullable: true),
        ColumnSpec("slashed_atto", .atto, nullable: true), ColumnSpec("refund_atto", .atto, nullable: true),
    ]
    public static let breachesSpec: [ColumnSpec] = [
        ColumnSpec("id", .integer), ColumnSpec("provider", .text), ColumnSpec("status", .text), ColumnSpec("start_time", .integer),
        ColumnSpec("end_time", .integer), ColumnSpec("duration_s", .integer), ColumnSpec("start_seq", .integer),
        ColumnSpec("end_seq", .integer, nullable: true), ColumnSpec("ubi_outstanding_at_start", .integer),
        ColumnSpec("paid_running_at_start", .integer), ColumnSpec("open", .integer),
    ]
    public static let invariantsSpec: [ColumnSpec] = [
        ColumnSpec("id", .text), ColumnSpec("name", .text), ColumnSpec("ok", .integer), ColumnSpec("violations", .integer),
        ColumnSpec("first_seq", .integer, nullable: true), ColumnSpec("detail", .text, nullable: true),
    ]
    /// The columns a market run appends to `tasks` (OUTPUTS-MARKET §2.2); appended, so nullable.
    public static let marketTasksSpec: [ColumnSpec] = [
        ColumnSpec("assignment", .text, nullable: true), ColumnSpec("rounds", .integer, nullable: true),
        ColumnSpec("leader", .text, nullable: true), ColumnSpec("charged", .text, nullable: true),
    ]
    /// `jobs` (OUTPUTS-MARKET §2.1), market runs only.
    public static let jobsSpec: [ColumnSpec] = [
        ColumnSpec("task", .text), ColumnSpec("round", .integer), ColumnSpec("job", .integer), ColumnSpec("provider", .text),
        ColumnSpec("model", .text), ColumnSpec("gpu_count", .integer), ColumnSpec("lock_atto", .atto), ColumnSpec("weight", .integer),
        ColumnSpec("assigned_time", .integer), ColumnSpec("end_time", .integer), ColumnSpec("settled_time", .integer, nullable: true),
        ColumnSpec("state", .text), ColumnSpec("slashed_atto", .atto, nullable: true), ColumnSpec("unlocked_atto", .atto, nullable: true),
        ColumnSpec("payout_atto", .atto, nullable: true), ColumnSpec("leading", .integer),
    ]
    public static let accountDaySpec: [ColumnSpec] = [
        ColumnSpec("day", .integer), ColumnSpec("account", .text), ColumnSpec("balance_atto", .atto),
    ]

    public static let providers = providersSpec.names
    public static let tasks = tasksSpec.names
    public static let breaches = breachesSpec.names
    public static let invariants = invariantsSpec.names
    public static let marketTasks = marketTasksSpec.names
    public static let jobs = jobsSpec.names
    public static let accountDay = accountDaySpec.names

    /// `tasks`' columns for a run of this kind.
    public static func tasks(market: Bool) -> [String] { market ? tasks + marketTasks : tasks }
    public static func tasksSpec(market: Bool) -> [ColumnSpec] { market ? tasksSpec + marketTasksSpec : tasksSpec }
}

extension ProviderRow {
    /// Cells in `RunColumns.providers` order.
    public var cells: [Cell] {
        let cardsJSON = "[" + cards.map { "[" + jsonQuoted($0.model) + "," + String($0.count) + "]" }
            .joined(separator: ",") + "]"
        return [
            .text(provider), .integer(Int64(providerIndex)), .text(kind.rawValue), .text(cardsJSON), .text(origin.rawValue),
            population.map { .text($0) } ?? .null, .integer(registeredTime), exitTime.map { .integer($0) } ?? .null,
            .text(finalStatus.rawValue), .text(Decimal18.render(ubiFailureRate)), .text(Decimal18.render(taskFailureRate)),
        ]
    }
}

extension TaskRow {
    /// Cells in `RunColumns.tasks` order.
    public var cells: [Cell] {
        func atto(_ value: Int128?) -> Cell { value.map { .atto($0) } ?? .null }
        func int(_ value: Int64?) -> Cell { value.map { .integer($0) } ?? .null }
        func text(_ value: String?) -> Cell { value.map { .text($0) } ?? .null }
        return [
            .text(task), .integer(Int64(taskIndex)), .text(origin.rawValue), .text(user), text(provider), text(gpuModel),
            .integer(gpuCount), .integer(durationSeconds), .atto(reward), .atto(collateral), atto(lock), .integer(postedTime),
            int(assignedTime), int(endTime), int(settledTime), .text(state), atto(fee), atto(payout), atto(slashed),
            atto(refund),
        ] + marketCells
    }
}

extension JobRow {
    /// Cells in `RunColumns.jobs` order.
    public var cells: [Cell] {
        func atto(_ value: Int128?) -> Cell { value.map { .atto($0) } ?? .null }
        return [
            .text(task), .integer(round), .integer(job), .text(provider), .text(model), .integer(gpuCount), .atto(lock),
            .integer(weight), .integer(assignedTime), .integer(endTime), settledTime.map { .integer($0) } ?? .null,
            .text(state), atto(slashed), atto(unlocked), atto(payout), .integer(leading ? 1 : 0),
        ]
    }
}

extension BreachRecord {
    /// Cells in `RunColumns.breaches` order; `id` is the breach's place in report order.
    public func cells(id: Int) -> [Cell] {
        [
            .integer(Int64(id)), .text(provider), .text(status), .integer(startTime), .integer(endTime),
            .integer(durationSeconds), .integer(startSeq), endSeq.map { .integer($0) } ?? .null,
            .integer(ubiOutstandingAtStart), .integer(paidRunningAtStart), .integer(open ? 1 : 0),
        ]
    }
}

extension InvariantResult {
    /// Cells in `RunColumns.invariants` order.
    public var cells: [Cell] {
        [
            .text(invariant.id), .text(invariant.rawValue), .integer(ok ? 1 : 0), .integer(violations),
            firstSeq.map { .integer($0) } ?? .null, detail.map { .text($0) } ?? .null,
        ]
    }
}
