import SwanCharts

/// The run report's daily network charts: C_base, CU_total, UBI, providers by status, and the
/// collateral ratio distribution (WORKFLOW.md §3; docs/REPORT.md says where each number comes from).
enum RunReportCharts {
    static let dayAxis = AxisLabel("day", unit: "day")

    static func dayValues(_ data: RunReportData) -> [ChartValue] { data.days.map { ChartValue($0.day) } }

    /// C_base at each day's close.
    static func cBase(_ data: RunReportData) -> Figure {
        var chart = LineChart(
            id: "c-base", title: "C_base per day",
            caption: "Base collateral per CU at each day's close (days.csv c_base_swan).",
            x: dayValues(data), xAxis: dayAxis, yAxis: AxisLabel("C_base", unit: "SWAN"),
            series: [Series(name: "C_base", color: Palette.color(0), values: data.days.map(\.cBase))])
        chart.yMinimumStep = ChartValue(1)
        return chart.figure()
    }

    /// CU_total at each day's start.
    static func cuTotal(_ data: RunReportData) -> Figure {
        LineChart(
            id: "cu-total", title: "CU_total per day",
            caption: "Weighted compute units of the active providers at the start of each day, before step 1 "
                + "(days.csv cu_total; RULES.md §11.2).",
            x: dayValues(data), xAxis: dayAxis, yAxis: AxisLabel("CU_total", unit: "CU"),
            series: [Series(name: "CU_total", color: Palette.color(2), values: data.days.map(\.cuTotal))]
        ).figure()
    }

    /// UBI paid per day against the curve's effective y.
    static func ubi(_ data: RunReportData) -> Figure {
        var chart = LineChart(
            id: "ubi", title: "UBI paid per day against the curve's y_eff",
            caption: "What the day's UBI distribution paid (days.csv ubi_paid_swan) and the curve's effective daily "
                + "amount y_eff, capped by the pool (ubi_y_eff_swan). The gap is what failed UBI tasks left in the pool.",
            x: dayValues(data), xAxis: dayAxis, yAxis: AxisLabel("UBI per day", unit: "SWAN"),
            series: [
                Series(name: "y_eff", color: Palette.color(1), values: data.days.map(\.ubiYEffective), dashed: true),
                Series(name: "UBI paid", color: Palette.color(0), values: data.days.map(\.ubiPaid)),
            ])
        if data.days.first?.ubiPaid == nil { chart.notes = ["Day 0 is genesis: it has no UBI values."] }
        return chart.figure()
    }

    /// Provider counts by status at each close, stacked.
    static func statuses(_ data: RunReportData) -> Figure {
        let series = RunReportData.statuses.enumerated().map { position, status in
            Series(name: status, color: Palette.status(status), values: data.days.map { ChartValue($0.statusCounts[position]) })
        }
        var chart = BarChart(
            id: "providers-by-status", title: "Providers by status per day",
            caption: "Registered providers at each day's close by status (days.csv active, nsc, suspended, exited, removed).",
            layout: .stacked, categories: data.days.map { String($0.day) }, xAxis: dayAxis,
            yAxis: AxisLabel("providers", unit: "providers"), series: series)
        chart.yMinimumStep = ChartValue(1)
        return chart.figure()
    }

    /// The distribution of (free + escrow) / required across providers at the chosen days.
    static func collateralRatios(_ data: RunReportData) -> Figure {
        let all = data.ratioDays.flatMap(\.ratios)
        let (low, high) = RunReportEconomics.histogramRange(all, reference: ChartValue(1), floor: ChartValue(-10), cap: ChartValue(5))
        let edges = Histogram.edges(low: low, high: high, step: Histogram.binWidth(low: low, high: high, bins: 14))
        let sets = data.ratioDays.enumerated().map { position, ratioDay in
            var counts = [Int](repeating: 0, count: max(edges.count - 1, 1))
            for ratio in ratioDay.ratios { counts[Histogram.bin(of: ratio, edges: edges)] += 1 }
            return Histogram.Counts(name: "day \(ratioDay.day)", color: Palette.color(position), counts: counts)
        }
        var chart = Histogram(
            id: "collateral-ratio", title: "Collateral ratio across providers",
            caption: "Providers per bin of (free + escrow) / required at the first, middle and last day "
                + "(provider_days.csv free_swan, escrow_swan, required_swan). Below 1 a provider lacks sufficient collateral.",
            edges: edges, xAxis: AxisLabel("free + escrow", unit: "× required"),
            yAxis: AxisLabel("providers", unit: "providers"), series: sets)
        chart.references = [ReferenceLine(label: "1 × required", value: ChartValue(1))]
        var notes: [String] = []
        for ratioDay in data.ratioDays where ratioDay.zeroRequirement + ratioDay.terminal > 0 {
            notes.append("Day \(ratioDay.day): \(ratioDay.ratios.count) providers drawn; left out: "
                + "\(ratioDay.zeroRequirement) with required 0, \(ratioDay.terminal) exited or removed.")
        }
        if let top = edges.last, case let above = all.filter({ $0 >= top }).count, above > 0 {
            notes.append("\(above) ratios of \(top.text) or more are counted in the last bin.")
        }
        chart.notes = notes
        return chart.figure()
    }
}
