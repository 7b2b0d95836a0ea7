import SwanCharts

/// The sweep report's charts: each outcome's median and 5–95 % band across seeds against each
/// swept parameter, and fan charts of daily series per parameter value (WORKFLOW.md §3).
/// Quantiles are nearest-rank (`Quantile`).
enum SweepReportCharts {
    /// Most series on one chart; beyond it, the other parameters' values are pooled.
    static let maximumSeries = 6

    /// A group of runs drawn as one series: its name and the parameter values that pick its runs.
    struct Group {
        var name: String
        var values: [String: String]

        func contains(_ run: SweepReportData.Run) -> Bool {
            values.allSatisfy { run.parameters[$0.key] == $0.value }
        }
    }

    /// Every combination of the values of `keys`, in grid order (the last key fastest).
    static func combinations(_ keys: [(key: String, values: [String])]) -> [Group] {
        var groups = [Group(name: "", values: [:])]
        for (key, values) in keys {
            groups = groups.flatMap { group in
                values.map { value in
                    var next = group
                    next.values[key] = value
                    next.name = group.name.isEmpty ? "\(key)=\(value)" : group.name + ", \(key)=\(value)"
                    return next
                }
            }
        }
        return groups
    }

    /// One band chart of `outcome` against the values of grid key `index`; nil if no run has the outcome.
    static func band(_ data: SweepReportData, outcome: SweepReportData.Outcome, keyIndex index: Int) -> Figure? {
        guard data.runs.contains(where: { $0.outcomes[outcome] != nil }) else { return nil }
        let (key, values) = data.grid[index]
        let others = data.grid.enumerated().filter { $0.offset != index }.map(\.element)
        var groups = combinations(others)
        var notes: [String] = []
        if groups.count > maximumSeries {
            notes.append("\(groups.count) combinations of the other parameters are pooled into one series.")
            groups = [Group(name: "all runs", values: [:])]
        }
        let series = groups.enumerated().map { position, group in
            BandSeries(name: group.name.isEmpty ? "all runs" : group.name, color: Palette.color(position), points: values.map { value in
                let samples = data.runs.filter { $0.parameters[key] == value && group.contains($0) }.compactMap { $0.outcomes[outcome] }
                return BandPoint(summarising: samples)
            })
        }
        var chart = BandChart(
            id: "band-\(outcome.title)-\(key)", title: "\(outcome.title) against \(key)",
            caption: "Median and 5–95 % band across seeds of \(outcome.source), for each value of \(key).",
            categories: values, xAxis: AxisLabel(key, unit: "swept value"), yAxis: outcome.axis, series: series)
        if outcome == .meanROI { chart.references = [ReferenceLine(label: "target 200 %", value: ChartValue(200))] }
        if outcome == .breaches { chart.yMinimumStep = ChartValue(1) }
        chart.notes = notes
        return chart.figure()
    }

    /// The band chart of an outcome across seeds when nothing is swept.
    static func seedsOnly(_ data: SweepReportData, outcome: SweepReportData.Outcome) -> Figure? {
        let samples = data.runs.compactMap { $0.outcomes[outcome] }
        guard !samples.isEmpty else { return nil }
        var chart = BandChart(
            id: "band-\(outcome.title)", title: "\(outcome.title) across seeds",
            caption: "Median and 5–95 % band across seeds of \(outcome.source).",
            categories: ["all runs"], xAxis: AxisLabel("runs", unit: "no parameter swept"), yAxis: outcome.axis,
            series: [BandSeries(name: "all runs", color: Palette.color(0), points: [BandPoint(summarising: samples)])])
        if outcome == .breaches { chart.yMinimumStep = ChartValue(1) }
        return chart.figure()
    }

    /// The groups a fan chart draws: every grid point, or the first key's values when there are too many.
    static func fanGroups(_ data: SweepReportData) -> ([Group], [String]) {
        let points = combinations(data.grid)
        if points.count <= maximumSeries {
            return (points.map { $0.name.isEmpty ? Group(name: "all runs", values: [:]) : $0 }, [])
        }
        guard let first = data.grid.first else { return ([Group(name: "all runs", values: [:])], []) }
        let pooled = data.grid.count > 1 ? ["Series are the values of \(first.key); the other parameters are pooled."] : []
        return (combinations([first]), pooled)
    }

    /// A fan chart of one daily series.
    static func fan(_ data: SweepReportData, id: String, title: String, caption: String, axis: AxisLabel,
                    counts: Bool = false, value: (SweepReportData.Day) -> ChartValue?) -> Figure {
        let (groups, notes) = fanGroups(data)
        let days = Set(data.runs.flatMap { $0.days.map(\.day) }).sorted()
        let series = groups.enumerated().map { position, group in
            let runs = data.runs.filter(group.contains)
            let byDay = runs.map { run in Dictionary(run.days.map { ($0.day, $0) }, uniquingKeysWith: { first, _ in first }) }
            return BandSeries(name: group.name, color: Palette.color(position), points: days.map { day in
                BandPoint(summarising: byDay.compactMap { $0[day].flatMap(value) })
            })
        }
        var chart = FanChart(id: id, title: title, caption: caption, x: days.map { ChartValue($0) },
                             xAxis: AxisLabel("day", unit: "day"), yAxis: axis, series: series)
        chart.notes = notes
        if counts { chart.yMinimumStep = ChartValue(1) }
        return chart.figure()
    }

    /// The four fan charts: nsc providers, C_base, UBI paid and slashed per day.
    static func fans(_ data: SweepReportData) -> [Figure] {
        [
            fan(data, id: "fan-nsc", title: "nsc providers per day", caption: "run_days nsc at each close, across seeds.",
                axis: AxisLabel("nsc providers", unit: "providers"), counts: true, value: { $0.nsc }),
            fan(data, id: "fan-c-base", title: "C_base per day", caption: "run_days c_base_atto at each close, in SWAN.",
                axis: AxisLabel("C_base", unit: "SWAN"), value: { $0.cBase }),
            fan(data, id: "fan-ubi-paid", title: "UBI paid per day", caption: "run_days ubi_paid_atto, in SWAN (none on day 0).",
                axis: AxisLabel("UBI paid", unit: "SWAN"), value: { $0.ubiPaid }),
            fan(data, id: "fan-slashed", title: "Slashed per day", caption: "run_days slashed_atto, in SWAN.",
                axis: AxisLabel("slashed", unit: "SWAN"), value: { $0.slashed }),
        ]
    }
}
