import SwanCharts

/// Provider economics against the Swarm reference lines (RULES.md §15): $0.30 revenue and
/// $0.05 power per GPU-hour, 60 % net margin, 200 % annual ROI. Drawn only when the run has
/// USD metrics (`economics.swan_usd` set); otherwise one sentence says why there is nothing.
enum RunReportEconomics {
    static func blocks(_ data: RunReportData) -> [Page.Block] {
        guard let economics = data.economics else {
            return [.paragraph("USD metrics are off: economics.swan_usd is null in this scenario, so provider_days.csv has "
                + "no revenue_usd, power_usd or net_usd values and there is nothing to draw against the Swarm reference "
                + "lines ($0.30 revenue and $0.05 power per GPU-hour, 60 % net margin, 200 % annual ROI; RULES.md §15).")]
        }
        let summary = data.summary.economics
        let meeting = summary.providersMeeting, totals = summary.totals
        let providers = data.summary.providers.count
        var facts: [(String, String)] = [("SWAN price", "$" + (summary.swanUsd ?? "—"))]
        for key in ["revenue_usd", "power_cost_usd", "slashed_usd", "net_usd"] {
            facts.append((key.replacing("_usd", with: "") + " (USD)", (totals[key] ?? nil) ?? "—"))
        }
        for (key, name) in [("revenue", "revenue"), ("margin", "margin"), ("roi", "ROI")] {
            facts.append(("meeting the \(name) target", ((meeting[key] ?? nil)).map { "\($0) of \(providers)" } ?? "—"))
        }
        return [
            .paragraph("Network sums of the providers' daily USD values (provider_days.csv revenue_usd, power_usd, net_usd, "
                + "provisioned_gpu_s) and each provider's run totals (summary.json providers[].economics)."),
            .facts(facts), .figure(perGPUHour(data, economics)), .figure(margin(data, economics)),
            .figure(providerHistogram(data, id: "roi", metric: \.roiAnnual, percent: true,
                                      title: "Annual ROI across providers", target: target(summary.targets.roiAnnual, 2))),
            .figure(providerHistogram(data, id: "revenue-per-gpu-hour", metric: \.revenuePerGpuHourUsd, percent: false,
                                      title: "Revenue per GPU-hour across providers",
                                      target: target(summary.targets.revenuePerGpuHourUsd, "0.3"))),
        ]
    }

    /// A target from summary.json; RULES.md §15's value if the text is not a decimal.
    static func target(_ text: String, _ fallback: Int) -> ChartValue {
        (try? ChartValue(parsing: text)) ?? ChartValue(fallback)
    }

    static func target(_ text: String, _ fallback: String) -> ChartValue {
        (try? ChartValue(parsing: text)) ?? (try? ChartValue(parsing: fallback)) ?? .zero
    }

    /// Network revenue and power cost per provisioned GPU-hour, per day.
    static func perGPUHour(_ data: RunReportData, _ days: [RunReportData.EconomicsDay]) -> Figure {
        let byDay = Dictionary(days.map { ($0.day, $0) }, uniquingKeysWith: { first, _ in first })
        func perHour(_ path: KeyPath<RunReportData.EconomicsDay, ChartValue>) -> [ChartValue?] {
            data.days.map { day in
                byDay[day.day].flatMap { ChartValue.quotient($0[keyPath: path].times(3600), ChartValue($0.provisionedGPUSeconds)) }
            }
        }
        let targets = data.summary.economics.targets
        var chart = LineChart(
            id: "usd-per-gpu-hour", title: "Revenue and power cost per GPU-hour",
            caption: "Σ revenue_usd and Σ power_usd of the day × 3600 / Σ provisioned_gpu_s, over all providers.",
            x: RunReportCharts.dayValues(data), xAxis: RunReportCharts.dayAxis,
            yAxis: AxisLabel("per GPU-hour", unit: "USD"),
            series: [Series(name: "revenue", color: Palette.color(0), values: perHour(\.revenue)),
                     Series(name: "power cost", color: Palette.color(3), values: perHour(\.power))])
        chart.references = [
            ReferenceLine(label: "revenue target $0.30", value: target(targets.revenuePerGpuHourUsd, "0.3")),
            ReferenceLine(label: "power reference $0.05", value: target(targets.powerCostPerGpuHourUsd, "0.05")),
        ]
        return chart.figure()
    }

    /// Network net margin per day, Σ net / Σ revenue.
    static func margin(_ data: RunReportData, _ days: [RunReportData.EconomicsDay]) -> Figure {
        let byDay = Dictionary(days.map { ($0.day, $0) }, uniquingKeysWith: { first, _ in first })
        let values = data.days.map { day -> ChartValue? in
            guard let sums = byDay[day.day], sums.revenue > .zero else { return nil }
            return ChartValue.quotient(sums.net.times(100), sums.revenue)
        }
        var chart = LineChart(
            id: "net-margin", title: "Net margin per day",
            caption: "Σ net_usd / Σ revenue_usd of the day over all providers (no value on a day without revenue).",
            x: RunReportCharts.dayValues(data), xAxis: RunReportCharts.dayAxis, yAxis: AxisLabel("net margin", unit: "%"),
            series: [Series(name: "net margin", color: Palette.color(2), values: values)])
        chart.references = [ReferenceLine(label: "target 60 %",
                                          value: target(data.summary.economics.targets.netMargin, "0.6").times(100))]
        return chart.figure()
    }

    /// The drawn range of a histogram: the values and the reference line, at most from `floor`,
    /// and up to the larger of `cap` and the 95th percentile (nearest rank); values beyond go to the end bins.
    static func histogramRange(_ values: [ChartValue], reference: ChartValue, floor: ChartValue, cap: ChartValue)
        -> (ChartValue, ChartValue)
    {
        let sorted = values.sorted()
        let low = max(min(sorted.first ?? reference, reference), floor)
        let limit = max(cap, Quantile.nearestRank(sorted, percent: 95) ?? cap)
        return (low, min(max(sorted.last ?? reference, reference), limit))
    }

    /// A histogram of one per-provider run metric (null values left out and counted).
    static func providerHistogram(_ data: RunReportData, id: String,
                                  metric: KeyPath<SummaryFacts.ProviderEconomics, String?>, percent: Bool, title: String,
                                  target: ChartValue) -> Figure {
        let texts = data.summary.providers.map { $0.economics?[keyPath: metric] }
        let values = texts.compactMap { $0.flatMap { try? ChartValue(parsing: $0) } }.map { percent ? $0.times(100) : $0 }
        let reference = percent ? target.times(100) : target
        let floor = percent ? ChartValue(-200) : .zero
        let (low, high) = histogramRange(values, reference: reference, floor: floor, cap: reference.times(5))
        let edges = Histogram.edges(low: low, high: high, step: Histogram.binWidth(low: low, high: high, bins: 14))
        var counts = [Int](repeating: 0, count: max(edges.count - 1, 1))
        for value in values { counts[Histogram.bin(of: value, edges: edges)] += 1 }
        let unit = percent ? "%" : "USD per GPU-hour"
        var chart = Histogram(
            id: id, title: title,
            caption: "Providers per bin of their run value (summary.json providers[].economics."
                + (percent ? "roi_annual, as %" : "revenue_per_gpu_hour_usd") + ").",
            edges: edges, xAxis: AxisLabel(percent ? "annual ROI" : "revenue", unit: unit),
            yAxis: AxisLabel("providers", unit: "providers"),
            series: [Histogram.Counts(name: "providers", color: Palette.color(0), counts: counts)])
        let label = percent ? "target \(reference.text) %" : "target $" + DecimalFormat.fixed(reference, fractionDigits: 2)
        chart.references = [ReferenceLine(label: label, value: reference)]
        var notes: [String] = []
        if texts.count > values.count { notes.append("\(texts.count - values.count) providers have no value (null).") }
        let top = edges.last ?? high
        let clipped = values.filter { $0 < low || $0 >= top }.count
        if clipped > 0 { notes.append("\(clipped) values outside the drawn range are counted in the end bins.") }
        chart.notes = notes
        return chart.figure()
    }
}
