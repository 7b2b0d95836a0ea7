import SwanCharts

/// The market section of a `swan-scenario/2` run's report (RULES-MARKET; docs/REPORT.md):
/// the daily quote and demand factor, auction outcomes, and the reputation distribution.
/// Read from the market columns of days.csv and provider_days.csv (OUTPUTS-MARKET §5).
struct RunReportMarket {
    /// One day's market figures (days.csv).
    struct Day {
        var day: Int
        var demandFactor: ChartValue?
        var price: ChartValue?
        var usage: ChartValue?
        var completed: Int, failed: Int, cancelled: Int, open: Int
        var jobsFailed: Int
    }

    /// Reputations of the scored providers at one day's close (provider_days.csv).
    struct ReputationDay {
        var day: Int
        var reputations: [ChartValue] = []
    }

    var days: [Day]
    var reputationDays: [ReputationDay]

    /// The market figures of a run directory, or nil for a version-1 run (no market columns).
    static func load(directory: String, chosenDays: [Int]) throws(ReportFailure) -> RunReportMarket? {
        let daysTable = try CSVTable(path: directory + "/days.csv")
        guard daysTable.header.contains("market_df") else { return nil }
        let c = try daysTable.indices(of: [
            "day", "market_df", "market_price_swan", "market_usage", "auctions_completed", "auctions_failed",
            "auctions_cancelled", "auctions_open", "jobs_failed",
        ])
        var days: [Day] = []
        try daysTable.forEachRecord { (record) throws(ReportFailure) in
            let day = try record.integer(c[0])
            // Day 0 has no quote: its market columns are empty.
            guard day > 0 else { return }
            days.append(Day(day: day, demandFactor: try record.value(c[1]), price: try record.value(c[2]),
                            usage: try record.value(c[3]), completed: try record.integer(c[4]), failed: try record.integer(c[5]),
                            cancelled: try record.integer(c[6]), open: try record.integer(c[7]),
                            jobsFailed: try record.integer(c[8])))
        }
        let providers = try CSVTable(path: directory + "/provider_days.csv")
        let p = try providers.indices(of: ["day", "rep_uptime", "reputation"])
        var reputationDays = chosenDays.map { ReputationDay(day: $0) }
        try providers.forEachRecord { (record) throws(ReportFailure) in
            let day = try record.integer(p[0])
            // Only providers scored that day (a component present): terminal ones keep a frozen value.
            guard let slot = chosenDays.firstIndex(of: day), try record.value(p[1]) != nil,
                  let reputation = try record.value(p[2]) else { return }
            reputationDays[slot].reputations.append(reputation)
        }
        return RunReportMarket(days: days, reputationDays: reputationDays)
    }

    /// The section's figures.
    func blocks() -> [Page.Block] {
        [.figure(quote()), .figure(auctions()), .figure(reputation())]
    }

    private var dayValues: [ChartValue] { days.map { ChartValue($0.day) } }

    /// The demand factor and the quoted price per GPU-hour each day start.
    func quote() -> Figure {
        var chart = LineChart(
            id: "market-quote", title: "Market quote and demand factor per day",
            caption: "The day's market_quote (RULES-MARKET M4): the demand factor DF = 1 + 4·(0.35·H + 0.65·C)² "
                + "(days.csv market_df) and the quoted price per GPU-hour, the providers' mean asking price × DF "
                + "(market_price_swan), with the previous day's GPU usage (market_usage).",
            x: dayValues, xAxis: RunReportCharts.dayAxis, yAxis: AxisLabel("factor, price", unit: "× or SWAN per GPU-hour"),
            series: [
                Series(name: "demand factor", color: Palette.color(0), values: days.map(\.demandFactor)),
                Series(name: "price (SWAN/GPU-h)", color: Palette.color(1), values: days.map(\.price)),
                Series(name: "usage", color: Palette.color(2), values: days.map(\.usage), dashed: true),
            ])
        chart.notes = ["The demand factor lies in [1, 5]; it rises with occupancy above 0.4 and with usage above its 30-day mean."]
        return chart.figure()
    }

    /// Auction tasks ended per day by outcome.
    func auctions() -> Figure {
        var chart = BarChart(
            id: "auction-outcomes", title: "Auction outcomes per day",
            caption: "Auction tasks that ended each day (days.csv auctions_completed, auctions_failed, auctions_cancelled: "
                + "a cancellation or no bids), and the jobs that failed that day (jobs_failed).",
            layout: .grouped, categories: days.map { String($0.day) }, xAxis: RunReportCharts.dayAxis,
            yAxis: AxisLabel("auctions", unit: "tasks or jobs"),
            series: [
                Series(name: "completed", color: Palette.color(0), values: days.map { ChartValue($0.completed) }),
                Series(name: "failed", color: Palette.color(3), values: days.map { ChartValue($0.failed) }),
                Series(name: "cancelled or no bids", color: Palette.color(4), values: days.map { ChartValue($0.cancelled) }),
                Series(name: "jobs failed", color: Palette.color(5), values: days.map { ChartValue($0.jobsFailed) }),
            ])
        chart.yMinimumStep = ChartValue(1)
        return chart.figure()
    }

    /// The distribution of reputations across the scored providers at the chosen days.
    func reputation() -> Figure {
        let edges = Histogram.edges(low: ChartValue(0), high: ChartValue(100), step: ChartValue(10))
        let sets = reputationDays.enumerated().map { position, day in
            var counts = [Int](repeating: 0, count: edges.count - 1)
            for value in day.reputations { counts[Histogram.bin(of: value, edges: edges)] += 1 }
            return Histogram.Counts(name: "day \(day.day)", color: Palette.color(position), counts: counts)
        }
        return Histogram(
            id: "reputation", title: "Reputation across providers",
            caption: "Providers per 10-point bin of their reputation (RULES-MARKET M3) at the first, middle and last day's "
                + "close (provider_days.csv reputation, providers scored that day). The roulette picks bidders in proportion to it.",
            edges: edges, xAxis: AxisLabel("reputation", unit: "points"), yAxis: AxisLabel("providers", unit: "providers"),
            series: sets).figure()
    }
}
