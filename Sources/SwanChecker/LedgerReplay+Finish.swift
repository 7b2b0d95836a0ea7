import SwanCore
import SwanTables

/// Everything the checker derived from a whole run.
public struct RunReport: Sendable {
    public var invariants: InvariantResults
    public var totals: RunTotals
    /// In report order: (start_time, provider index).
    public var breaches: [BreachRecord]
    public var providers: [ProviderSummary]
    /// Tasks still open at the end (settled tasks were reported with their day), by task index.
    public var tasks: [TaskRow]
    public var providerRows: [ProviderRow]
    public var balances: [AccountName: Int128]
    public var cBase: Int128
    public var debtOutstanding: Int128
    /// The market figures of a `swan-scenario/2` run (OUTPUTS-MARKET §3); nil for version 1.
    public var market: MarketRunSummary?
    /// Jobs of the auction tasks still open at the end (market run), in `job_assign` order.
    public var jobs: [JobRow] = []
    /// The encoding of the ledger the report was derived from (`summary.ledger.encoding_version`).
    public var format: EntryFormat = .v3

    /// The run-level tables the store writes and `swansim verify` compares.
    public var tables: RunTables {
        let tables = RunTables(tasks: tasks, jobs: jobs, providers: providerRows, breaches: breaches,
                               invariants: invariants.results, market: market != nil)
        assert(tables.cellsFitTheirColumns, "a run-level cell is not its column's kind")
        return tables
    }
}

/// One provider's line of summary.json.
public struct ProviderSummary: Sendable {
    public var id: String
    public var index: Int
    public var kind: ProviderKind
    public var cards: [CardGroup]
    public var weightedCU: Int128
    public var required: Int128
    public var status: ProviderStatus
    public var wallet: Int128, free: Int128, escrow: Int128, debt: Int128
    public var pendingWithdraw: (amount: Int128, due: Int64)?
    public var ubiEarned: Int128
    public var ubiTasksAssigned: Int64, ubiTasksFailed: Int64
    public var slashed: Int128, slashedUnbacked: Int128
    public var taskIncome: Int128
    public var tasksCompleted: Int64, tasksFailed: Int64
    public var breachSeconds: Int64
    public var economics: ProviderEconomics
}

extension LedgerReplay {
    /// Closes the run: open breaches end at D·86400, and the block count is checked (I12).
    public func finish(populations: [String: String] = [:]) -> RunReport {
        flushStatusChecks()
        let end = context.days * 86_400
        for p in breaches.openProviders { endBreach(p, at: end, seq: nil, open: true) }
        if blocksSealed != context.days + 1 {
            invariants.fail(.ordering, seq: nil, "\(blocksSealed) blocks for days 0 … \(context.days)")
        }
        let summaries = providers.indices.map { p -> ProviderSummary in
            let provider = providers[p]
            let id = provider.id
            let free = balance(provider.free)
            let cards = cardGroups(provider.cards)
            let period = max(0, min(provider.terminalTime ?? end, end) - provider.registeredTime)
            let capex = cards.reduce(Int128(0)) { total, card in
                total + Int128(card.count) * (context.catalog[card.model]?.capexUSDWad ?? 0)
            } / 1_000_000_000_000
            return ProviderSummary(
                id: id, index: p, kind: provider.kind, cards: cards, weightedCU: weightedCU(p), required: required(p),
                status: provider.status, wallet: balance(provider.wallet), free: free, escrow: balance(provider.escrow),
                debt: max(0, -free), pendingWithdraw: provider.pending, ubiEarned: provider.totals.ubiEarned,
                ubiTasksAssigned: provider.totals.ubiTasksAssigned, ubiTasksFailed: provider.totals.ubiTasksFailed,
                slashed: provider.totals.slashed, slashedUnbacked: provider.totals.slashedUnbacked,
                taskIncome: provider.totals.taskIncome, tasksCompleted: provider.totals.tasksCompleted,
                tasksFailed: provider.totals.tasksFailed, breachSeconds: provider.totals.breachSeconds,
                economics: economics.provider(
                    revenue: provider.totals.ubiEarned + provider.totals.taskIncome, slashed: provider.totals.slashed,
                    busy: provider.totals.busyGPUSeconds, provisioned: provider.totals.provisionedGPUSeconds,
                    periodSeconds: period, peakCollateral: provider.peakCollateral, capexMicroUSD: capex))
        }
        // Settled tasks left with their day's report; what remains is still open.
        let taskRows = tasks.values.sorted { $0.index < $1.index }.map(taskRow)
        let providerRows = providers.map { provider in
            ProviderRow(provider: provider.id, providerIndex: provider.index, kind: provider.kind, cards: cardGroups(provider.cards),
                        origin: provider.registeredOrigin == .genesis ? .genesis : .script, population: populations[provider.id],
                        registeredTime: provider.registeredTime, exitTime: provider.terminalTime, finalStatus: provider.status,
                        ubiFailureRate: provider.ubiFailureRate, taskFailureRate: provider.taskFailureRate)
        }
        let debt = providers.reduce(Int128(0)) { $0 + max(0, -balance($1.free)) }
        for (kind, count) in zip(EntryKind.allCases, entriesByKind) where count > 0 { totals.entriesByKind[kind.rawValue] = count }
        return RunReport(invariants: invariants, totals: totals, breaches: breaches.inReportOrder, providers: summaries, tasks: taskRows,
                         providerRows: providerRows, balances: balancesByName(), cBase: state.cBaseAtto, debtOutstanding: debt,
                         market: marketSummary(),
                         jobs: tasks.values.flatMap(jobRows).sorted { $0.ordinal < $1.ordinal }, format: state.format)
    }

    /// A task's row of OUTPUTS.md §2 `tasks`.
    func taskRow(_ task: ReplayTask) -> TaskRow {
        TaskRow(task: task.id, taskIndex: task.index, origin: task.origin, user: task.user,
                provider: task.provider.map { providers[$0].id }, gpuModel: task.model.map { state.modelNames[Int($0)] },
                gpuCount: task.gpuCount, durationSeconds: task.durationSeconds, reward: task.reward, collateral: task.collateral,
                lock: task.lock, postedTime: task.postedTime, assignedTime: task.assignedTime, endTime: task.endTime,
                settledTime: task.settledTime, state: task.auction.map { $0.state.rawValue } ?? task.state.rawValue,
                fee: task.fee, payout: task.payout,
                slashed: task.slashed, refund: task.refund, marketCells: market == nil ? [] : marketTaskCells(task))
    }

    /// Cards with model names, as the reports print them.
    func cardGroups(_ cards: [CardCount]) -> [CardGroup] {
        cards.map { CardGroup(model: state.modelNames[Int($0.model)], count: $0.count) }
    }

    /// Every account's balance by name (for expectations and the summary; built on demand).
    func balancesByName() -> [AccountName: Int128] {
        var result: [AccountName: Int128] = [:]
        for (index, name) in state.accounts.names.enumerated() { result[name] = state.balance(AccountID(index)) }
        return result
    }

    /// Records a failure of the hash chain (I13), found by the verifier.
    public func chainFailed(seq: Int64?, _ detail: String) {
        invariants.fail(.chain, seq: seq, detail)
    }
}
