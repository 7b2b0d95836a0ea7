import SwanCore

/// Column names of the run-level tables (OUTPUTS.md §2), in schema order.
///
/// A row's cells (below) are the one description of what a stored row holds: the run writes
/// them and `swansim verify` renders the same cells to compare with what it reads back.
public enum RunColumns {
    public static let providers = [
        "provider", "provider_index", "kind", "cards_json", "origin", "population", "registered_time", "exit_time",
        "final_status", "ubi_failure_rate", "task_failure_rate",
    ]
    public static let tasks = [
        "task", "task_index", "origin", "user", "provider", "gpu_model", "gpu_count", "duration_s", "reward_atto",
        "collateral_atto", "lock_atto", "posted_time", "assigned_time", "end_time", "settled_time", "state",
        "fee_atto", "payout_atto", "slashed_atto", "refund_atto",
    ]
    public static let breaches = [
        "id", "provider", "status", "start_time", "end_time", "duration_s", "start_seq", "end_seq",
        "ubi_outstanding_at_start", "paid_running_at_start", "open",
    ]
    public static let invariants = ["id", "name", "ok", "violations", "first_seq", "detail"]
    /// The columns a market run appends to `tasks` (OUTPUTS-MARKET §2.2).
    public static let marketTasks = ["assignment", "rounds", "leader", "charged"]
    /// `tasks`' columns for a run of this kind.
    public static func tasks(market: Bool) -> [String] { market ? tasks + marketTasks : tasks }
    /// `jobs` (OUTPUTS-MARKET §2.1), market runs only.
    public static let jobs = [
        "task", "round", "job", "provider", "model", "gpu_count", "lock_atto", "weight", "assigned_time", "end_time",
        "settled_time", "state", "slashed_atto", "unlocked_atto", "payout_atto", "leading",
    ]
    public static let accountDay = ["day", "account", "balance_atto"]
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
