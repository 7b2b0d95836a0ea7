import SwanCore
import SwanTables

/// summary.json (OUTPUTS.md §3), with its fields in the specified order.
public struct SummaryDocument {
    public var scenarioName: String
    public var scenarioSHA256: String
    public var seed: UInt64
    public var preset: String
    public var days: Int64
    public var parameters: Parameters
    public var entries: Int64
    public var blocks: Int64
    public var headHash: String
    public var headBlockHash: String
    public var users: [String]
    public var report: RunReport
    public var expectation: ExpectationReport

    public init(scenarioName: String, scenarioSHA256: String, seed: UInt64, preset: String, days: Int64,
                parameters: Parameters, entries: Int64, blocks: Int64, headHash: String, headBlockHash: String,
                users: [String], report: RunReport, expectation: ExpectationReport) {
        self.scenarioName = scenarioName
        self.scenarioSHA256 = scenarioSHA256
        self.seed = seed
        self.preset = preset
        self.days = days
        self.parameters = parameters
        self.entries = entries
        self.blocks = blocks
        self.headHash = headHash
        self.headBlockHash = headBlockHash
        self.users = users
        self.report = report
        self.expectation = expectation
    }

    public var json: OrderedJSON {
        let t = report.totals
        let b = report.balances
        func balance(_ a: AccountName) -> OrderedJSON { .amount(b[a] ?? 0) }
        var byStatus: [ProviderStatus: Int64] = [:]
        for provider in report.providers { byStatus[provider.status, default: 0] += 1 }
        let openStates: Set<String> = ["posted", "running", "accepting_bids", "processing"]
        let open = report.tasks.filter { openStates.contains($0.state) }.count
        let market = report.market
        let rejections = report.totals.rejectionsByReason
        let scenario: OrderedJSON = .object([
            ("name", .string(scenarioName)), ("sha256", .string(scenarioSHA256)), ("seed", .unsigned(seed)),
            ("preset", .string(preset)), ("days", .integer(days)),
        ])
        let ledger: OrderedJSON = .object([
            ("encoding_version", .string(report.format.identifier)), ("entries", .integer(entries)),
            ("blocks", .integer(blocks)),
            ("head_hash", .string(headHash)), ("head_block_hash", .string(headBlockHash)),
        ])
        let system: OrderedJSON = .object([
            ("reserve", balance(.reserve)), ("ubi_pool", balance(.ubiPool)), ("slashed_funds", balance(.slashedFunds)),
            ("slash_debt", balance(.slashDebt)), ("treasury", balance(.treasury)),
        ])
        let totals: OrderedJSON = .object([
            ("ubi_paid", .amount(t.ubiPaid)), ("slashed", .amount(t.slashed)), ("slashed_backed", .amount(t.slashedBacked)),
            ("slash_debt", .amount(t.slashDebt)), ("debt_outstanding", .amount(report.debtOutstanding)),
            ("fees", .amount(t.fees)), ("task_payouts", .amount(t.taskPayouts)), ("task_refunds", .amount(t.taskRefunds)),
            ("deposits", .amount(t.deposits)), ("withdrawals", .amount(t.withdrawals)), ("grants", .amount(t.grants)),
        ])
        let statusCounts: [(String, OrderedJSON)] = ["active", "nsc", "suspended", "exited", "removed"].map {
            ($0, .integer(byStatus[ProviderStatus(rawValue: $0) ?? .none] ?? 0))
        }
        let counts: OrderedJSON = .object([
            ("ubi_tasks_assigned", .integer(t.ubiTasksAssigned)), ("ubi_tasks_failed", .integer(t.ubiTasksFailed)),
            ("tasks_posted", .integer(t.tasksPosted)), ("tasks_completed", .integer(t.tasksCompleted)),
            ("tasks_failed", .integer(t.tasksFailed)), ("tasks_refunded", .integer(t.tasksRefunded)),
            ("tasks_open", .integer(Int64(open))), ("status_changes", .integer(t.statusChanges)),
            ("providers_by_status", .object(statusCounts)),
        ])
        let userList: [OrderedJSON] = users.map { user in .object([("id", .string(user)), ("balance", balance(.user(user)))]) }
        let breachTotal: Int64 = report.breaches.reduce(0) { $0 + $1.durationSeconds }
        let breaches: OrderedJSON = .object([
            ("count", .integer(Int64(report.breaches.count))), ("total_seconds", .integer(breachTotal)),
            ("items", .array(report.breaches.map(breachJSON))),
        ])
        let byReason: [(String, OrderedJSON)] = RejectionReason.allCases.compactMap { reason in
            rejections[reason.rawValue].map { (reason.rawValue, OrderedJSON.integer($0)) }
        }
        let rejectionJSON: OrderedJSON = .object([
            ("count", .integer(rejections.values.reduce(0, +))), ("by_reason", .object(byReason)),
        ])
        let results: [OrderedJSON] = report.invariants.results.map { result in
            .object([
                ("id", .string(result.invariant.id)), ("name", .string(result.invariant.rawValue)),
                ("ok", .bool(result.ok)), ("violations", .integer(result.violations)),
                ("first_seq", result.firstSeq.map { .integer($0) } ?? .null),
            ])
        }
        let invariants: OrderedJSON = .object([("ok", .bool(report.invariants.ok)), ("results", .array(results))])
        let failures: [OrderedJSON] = expectation.failures.map { failure in
            .object([("path", .string(failure.path)), ("expected", failure.expected), ("actual", failure.actual)])
        }
        let expect: OrderedJSON = .object([
            ("ok", .bool(expectation.ok)), ("checked", .integer(expectation.checked)), ("failures", .array(failures)),
        ])
        var fields: [(String, OrderedJSON)] = [
            ("format", .string(market == nil ? "swan-summary/1" : "swan-summary/2")),
            ("rules_version", .string(LedgerMeta.rulesVersion(market: market != nil))), ("scenario", scenario),
            ("ledger", ledger), ("supply", .amount(parameters.decimal("supply.total"))), ("final_c_base", .amount(report.cBase)),
            ("system_accounts", system), ("totals", totals), ("counts", counts),
            ("providers", .array(report.providers.map { providerJSON($0, market: market?.providers[$0.index]) })),
            ("users", .array(userList)), ("breaches", breaches), ("rejections", rejectionJSON), ("invariants", invariants),
            ("economics", economicsJSON),
        ]
        if let market { fields.append(("market", market.json)) }
        fields.append(("expect", expect))
        return .object(fields)
    }

    private func providerJSON(_ p: ProviderSummary, market: ProviderMarketSummary?) -> OrderedJSON {
        var json: [(String, OrderedJSON)] = [
            ("id", .string(p.id)), ("index", .integer(Int64(p.index))), ("kind", .string(p.kind.rawValue)),
            ("cards", .array(p.cards.map { .object([("model", .string($0.model)), ("count", .integer($0.count))]) })),
            ("wcu", .string(ComputeUnits.renderWeighted(p.weightedCU))), ("required", .amount(p.required)),
            ("status", .string(p.status.rawValue)), ("wallet", .amount(p.wallet)), ("free", .amount(p.free)),
            ("escrow", .amount(p.escrow)), ("debt", .amount(p.debt)),
            ("pending_withdraw", p.pendingWithdraw.map {
                .object([("amount", .amount($0.amount)), ("due_time", .integer($0.due))])
            } ?? .null),
            ("ubi_earned", .amount(p.ubiEarned)), ("ubi_tasks_assigned", .integer(p.ubiTasksAssigned)),
            ("ubi_tasks_failed", .integer(p.ubiTasksFailed)), ("slashed", .amount(p.slashed)),
            ("slashed_unbacked", .amount(p.slashedUnbacked)), ("task_income", .amount(p.taskIncome)),
            ("tasks_completed", .integer(p.tasksCompleted)), ("tasks_failed", .integer(p.tasksFailed)),
            ("breach_seconds", .integer(p.breachSeconds)),
            ("economics", .object([
                ("provisioned_gpu_s", .integer(p.economics.provisionedGPUSeconds)),
                ("busy_gpu_s", .integer(p.economics.busyGPUSeconds)),
                ("revenue", .amount(p.economics.revenueAtto)),
                ("revenue_usd", .scaled(p.economics.revenueMicroUSD, digits: 6)),
                ("power_cost_usd", .scaled(p.economics.powerMicroUSD, digits: 6)),
                ("slashed_usd", .scaled(p.economics.slashedMicroUSD, digits: 6)),
                ("net_usd", .scaled(p.economics.netMicroUSD, digits: 6)),
                ("revenue_per_gpu_hour_usd", .scaled(p.economics.revenuePerGPUHourMicroUSD, digits: 6)),
                ("net_margin", .scaled(p.economics.netMarginMicro, digits: 6)),
                ("investment_usd", .scaled(p.economics.investmentMicroUSD, digits: 6)),
                ("roi_annual", .scaled(p.economics.roiAnnualMicro, digits: 6)),
                ("meets_revenue_target", .optionalBool(p.economics.meetsRevenueTarget)),
                ("meets_margin_target", .optionalBool(p.economics.meetsMarginTarget)),
                ("meets_roi_target", .optionalBool(p.economics.meetsROITarget)),
            ])),
        ]
        if let market { json.append(("market", market.json)) }
        return .object(json)
    }

    private func breachJSON(_ b: BreachRecord) -> OrderedJSON {
        .object([
            ("provider", .string(b.provider)), ("status", .string(b.status)), ("start_time", .integer(b.startTime)),
            ("end_time", .integer(b.endTime)), ("duration_s", .integer(b.durationSeconds)), ("start_seq", .integer(b.startSeq)),
            ("end_seq", b.endSeq.map { .integer($0) } ?? .null),
            ("ubi_outstanding_at_start", .integer(b.ubiOutstandingAtStart)),
            ("paid_running_at_start", .integer(b.paidRunningAtStart)), ("open", .bool(b.open)),
        ])
    }

    private var economicsJSON: OrderedJSON {
        let rules = EconomicsRules(parameters)
        let set = rules.swanUSDWad != nil
        func sum(_ value: (ProviderEconomics) -> Int128?) -> OrderedJSON {
            set ? .scaled(report.providers.reduce(Int128(0)) { $0 + (value($1.economics) ?? 0) }, digits: 6) : .null
        }
        func meeting(_ flag: (ProviderEconomics) -> Bool?) -> OrderedJSON {
            set ? .integer(Int64(report.providers.filter { flag($0.economics) == true }.count)) : .null
        }
        return .object([
            ("swan_usd", rules.swanUSDWad.map { .amount($0) } ?? .null),
            ("targets", .object([
                ("revenue_per_gpu_hour_usd", .amount(rules.targetRevenuePerGPUHourWad)),
                ("power_cost_per_gpu_hour_usd", .amount(rules.powerWad)),
                ("net_margin", .amount(rules.targetMarginWad)), ("roi_annual", .amount(rules.targetROIWad)),
            ])),
            ("totals", .object([
                ("revenue_usd", sum(\.revenueMicroUSD)), ("power_cost_usd", sum(\.powerMicroUSD)),
                ("slashed_usd", sum(\.slashedMicroUSD)), ("net_usd", sum(\.netMicroUSD)),
            ])),
            ("providers_meeting", .object([
                ("revenue", meeting(\.meetsRevenueTarget)), ("margin", meeting(\.meetsMarginTarget)),
                ("roi", meeting(\.meetsROITarget)),
            ])),
        ])
    }
}
