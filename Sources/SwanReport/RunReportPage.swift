import SwanCharts

/// The report of one run (WORKFLOW.md §3): daily network charts, providers, breaches, slashes,
/// tasks, economics, then totals, invariants and the head hash. Pure: data in, page out.
enum RunReportPage {
    static func page(_ data: RunReportData) -> Page {
        let summary = data.summary
        var sections = [
            Page.Section(id: "overview", heading: "Overview", blocks: overview(summary)),
            Page.Section(id: "collateral", heading: "Collateral base and compute", blocks: [
                .figure(RunReportCharts.cBase(data)), .figure(RunReportCharts.cuTotal(data)),
            ]),
            Page.Section(id: "ubi", heading: "UBI", blocks: [.figure(RunReportCharts.ubi(data))]),
            Page.Section(id: "providers", heading: "Providers", blocks: [
                .figure(RunReportCharts.statuses(data)), .figure(RunReportCharts.collateralRatios(data)),
            ]),
            Page.Section(id: "breaches", heading: "Breaches", blocks: [.figure(RunReportEvents.breaches(data))]),
            Page.Section(id: "slashing-and-tasks", heading: "Slashing and tasks", blocks: [
                .figure(RunReportEvents.slashed(data)), .figure(RunReportEvents.tasks(data)),
            ]),
            Page.Section(id: "economics", heading: "Provider economics", blocks: RunReportEconomics.blocks(data)),
            Page.Section(id: "totals", heading: "Totals, invariants and head", blocks: totals(summary)),
        ]
        if let market = data.market {
            sections.insert(Page.Section(id: "market", heading: "Market: quotes, auctions, reputation", blocks: market.blocks()),
                            at: sections.count - 1)
        }
        return Page(title: "swansim run report: \(summary.scenario.name)", facts: headerFacts(summary), sections: sections,
                    data: embedded(summary))
    }

    static func headerFacts(_ summary: SummaryFacts) -> [(String, String)] {
        [
            ("scenario", summary.scenario.name), ("seed", summary.scenario.seed.text), ("preset", summary.scenario.preset),
            ("days", String(summary.scenario.days)), ("entries", String(summary.ledger.entries)),
            ("invariants", summary.invariants.ok ? "all hold" : "FAILED"),
            ("expectations", summary.expect.ok ? "all met (\(summary.expect.checked) checked)"
                : "\(summary.expect.failures.count) failed"),
            ("head hash", summary.ledger.headHash),
        ]
    }

    static func overview(_ summary: SummaryFacts) -> [Page.Block] {
        var blocks: [Page.Block] = []
        let failed = summary.invariants.results.filter { !$0.ok }.map(\.id)
        if failed.isEmpty {
            blocks.append(.callout("All \(summary.invariants.results.count) invariants hold.", warning: false))
        } else {
            blocks.append(.callout("Invariants failed: \(failed.joined(separator: ", ")).", warning: true))
        }
        if !summary.expect.ok {
            blocks.append(.callout("Expectations failed: "
                + summary.expect.failures.map(\.path).joined(separator: ", ") + ".", warning: true))
        }
        blocks.append(.facts([
            ("UBI paid (SWAN)", summary.totals["ubi_paid"] ?? "—"), ("slashed (SWAN)", summary.totals["slashed"] ?? "—"),
            ("final C_base (SWAN)", summary.finalCBase), ("breaches", String(summary.breaches.count)),
            ("rejections", String(summary.rejections.count)), ("providers", String(summary.providers.count)),
        ]))
        blocks.append(.paragraph("Every chart lists its numbers under \"Numbers\", with a CSV download. Amounts are "
            + "the run's exact SWAN decimals (days.csv, provider_days.csv, summary.json); ratios and per-GPU-hour values "
            + "are computed exactly to 18 decimals and truncated."))
        return blocks
    }

    static func totals(_ summary: SummaryFacts) -> [Page.Block] {
        let counts = summary.counts
        let invariants = DataTable(
            columns: ["id", "name", "ok", "violations", "first seq", "detail"],
            rows: summary.invariants.results.map { result in
                [result.id, result.name, result.ok ? "ok" : "FAILED", String(result.violations),
                 result.firstSeq.map { String($0) } ?? "", result.detail ?? ""]
            })
        return [
            .table(caption: "Totals (summary.json totals, SWAN)",
                   DataTable(columns: ["total", "SWAN"], rows: summary.orderedTotals.map { [$0.0, $0.1] })),
            .table(caption: "System accounts at the end (SWAN)",
                   DataTable(columns: ["account", "SWAN"], rows: summary.orderedSystemAccounts.map { [$0.0, $0.1] })),
            .table(caption: "Counts", DataTable(columns: ["count", "value"], rows: [
                ["ubi_tasks_assigned", String(counts.ubiTasksAssigned)], ["ubi_tasks_failed", String(counts.ubiTasksFailed)],
                ["tasks_posted", String(counts.tasksPosted)], ["tasks_completed", String(counts.tasksCompleted)],
                ["tasks_failed", String(counts.tasksFailed)], ["tasks_refunded", String(counts.tasksRefunded)],
                ["tasks_open", String(counts.tasksOpen)], ["status_changes", String(counts.statusChanges)],
            ])),
            .table(caption: summary.invariants.results.count > 13 ? "Invariants I1–I19 (RULES.md §13.1, RULES-MARKET M11)"
                : "Invariants I1–I13 (RULES.md §13.1)", invariants),
            .facts([
                ("supply (SWAN)", summary.supply), ("encoding", summary.ledger.encodingVersion),
                ("entries", String(summary.ledger.entries)), ("blocks", String(summary.ledger.blocks)),
                ("head hash", summary.ledger.headHash), ("head block hash", summary.ledger.headBlockHash),
                ("scenario sha256", summary.scenario.sha256),
            ]),
        ]
    }

    static func embedded(_ summary: SummaryFacts) -> [(String, JSONText)] {
        [
            ("format", .string("swansim-report/1")), ("kind", .string("run")),
            ("scenario", .object([
                ("name", .string(summary.scenario.name)), ("sha256", .string(summary.scenario.sha256)),
                ("seed", .string(summary.scenario.seed.text)), ("preset", .string(summary.scenario.preset)),
                ("days", .integer(summary.scenario.days)),
            ])),
            ("ledger", .object([
                ("entries", .integer(summary.ledger.entries)), ("blocks", .integer(summary.ledger.blocks)),
                ("head_hash", .string(summary.ledger.headHash)), ("head_block_hash", .string(summary.ledger.headBlockHash)),
            ])),
            ("totals", .object(summary.orderedTotals.map { ($0.0, .string($0.1)) })),
            ("invariants_ok", .bool(summary.invariants.ok)),
        ]
    }
}
