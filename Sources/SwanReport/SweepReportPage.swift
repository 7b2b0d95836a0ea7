import SwanCharts

/// The report of a sweep (WORKFLOW.md §3): outcome bands against each swept parameter, fan
/// charts of the daily series, and the table of runs. Pure: data in, page out.
enum SweepReportPage {
    static func page(_ data: SweepReportData) -> Page {
        var sections = [Page.Section(id: "overview", heading: "Overview", blocks: overview(data))]
        if data.grid.isEmpty {
            sections.append(Page.Section(id: "outcomes", heading: "Outcomes across seeds", blocks:
                SweepReportData.Outcome.allCases.compactMap { SweepReportCharts.seedsOnly(data, outcome: $0) }.map { .figure($0) }))
        }
        for index in data.grid.indices {
            let key = data.grid[index].key
            var blocks = SweepReportData.Outcome.allCases.compactMap { SweepReportCharts.band(data, outcome: $0, keyIndex: index) }
                .map { Page.Block.figure($0) }
            if !data.runs.contains(where: { $0.outcomes[.meanROI] != nil }) {
                blocks.append(.paragraph("No mean ROI: the runs have no USD metrics (economics.swan_usd is null)."))
            }
            sections.append(Page.Section(id: "outcomes-\(key)", heading: "Outcomes against \(key)", blocks: blocks))
        }
        sections.append(Page.Section(id: "daily", heading: "Daily series per parameter value",
                                     blocks: SweepReportCharts.fans(data).map { .figure($0) }))
        sections.append(Page.Section(id: "runs", heading: "Runs", blocks: [.table(caption: "Every run (runs table)", runsTable(data))]))
        let name = data.meta["scenario_name"] ?? "sweep"
        return Page(title: "swansim sweep report: \(name)", facts: headerFacts(data), sections: sections,
                    data: embedded(data))
    }

    static func headerFacts(_ data: SweepReportData) -> [(String, String)] {
        [
            ("scenario", data.meta["scenario_name"] ?? "—"), ("seeds", data.meta["seeds"] ?? "—"),
            ("runs", "\(data.runs.count) recorded of \(data.meta["runs"] ?? "?")"),
            ("grid", data.grid.isEmpty ? "nothing swept" : data.grid.map { "\($0.key) = \($0.values.joined(separator: ", "))" }
                .joined(separator: "; ")),
            ("shard", (data.meta["shard"] ?? "").isEmpty ? "none" : data.meta["shard"] ?? ""),
            ("rules", data.meta["rules_version"] ?? "—"), ("scenario sha256", data.meta["scenario_sha256"] ?? "—"),
        ]
    }

    static func overview(_ data: SweepReportData) -> [Page.Block] {
        var blocks: [Page.Block] = []
        let failing = data.runs.filter { $0.exitCode != 0 }
        if failing.isEmpty {
            blocks.append(.callout("Every run exited 0: invariants hold and expectations are met.", warning: false))
        } else {
            let meaning = [1: "an expectation failed", 3: "an invariant failed"]
            let codes = Dictionary(grouping: failing, by: \.exitCode).sorted { $0.key < $1.key }
                .map { "\($0.value.count) with exit \($0.key)" + (meaning[$0.key].map { ": \($0)" } ?? "") }
                .joined(separator: "; ")
            blocks.append(.callout("\(failing.count) runs did not exit 0 (\(codes)); see the runs table.", warning: true))
        }
        if let expected = data.meta["runs"].flatMap({ Int($0) }), expected != data.runs.count {
            blocks.append(.callout("Only \(data.runs.count) of \(expected) runs are recorded (an interrupted or sharded sweep): "
                + "the bands summarise the recorded runs.", warning: true))
        }
        blocks.append(.paragraph("Bands are across the runs of each parameter value (the seeds, and the other parameters' "
            + "values where a chart pools them). Quantiles are nearest-rank: the p-quantile of n sorted values is the "
            + "k-th with k = max(1, ⌈p·n⌉), always one of the runs' own values; with fewer than 20 runs per value the "
            + "5–95 % band is the full range, and for an even count the median is the lower middle value."))
        return blocks
    }

    static func runsTable(_ data: SweepReportData) -> DataTable {
        let keys = data.grid.map(\.key)
        let outcomes = SweepReportData.Outcome.allCases
        return DataTable(
            columns: ["run_index", "seed"] + keys + ["exit_code"] + outcomes.map { $0.axis.heading($0.title) } + ["head_hash"],
            rows: data.runs.map { run in
                [String(run.index), run.seed] + keys.map { run.parameters[$0] ?? "" } + [String(run.exitCode)]
                    + outcomes.map { outcome in run.outcomes[outcome].map { DecimalFormat.rounded($0, fractionDigits: 6) } ?? "" }
                    + [run.headHash]
            })
    }

    static func embedded(_ data: SweepReportData) -> [(String, JSONText)] {
        [
            ("format", .string("swansim-report/1")), ("kind", .string("sweep")),
            ("sweep", .object(["format", "scenario_name", "scenario_sha256", "grid_json", "seeds", "runs", "shard",
                               "rules_version"].map { ($0, .optional(data.meta[$0])) })),
            ("runs", .array(data.runs.map { run in
                .object([("run_index", .integer(run.index)), ("seed", .string(run.seed)), ("exit_code", .integer(run.exitCode)),
                         ("parameters", .object(data.grid.map { ($0.key, .optional(run.parameters[$0.key])) }))])
            })),
        ]
    }
}
