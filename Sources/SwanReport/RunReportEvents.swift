import SwanCharts

/// The run report's event charts: breaches on a timeline, slashed amounts and tasks per day.
enum RunReportEvents {
    /// Most providers drawn on the breach timeline; the rest are in its table.
    static let timelineRows = 40

    /// Breaches (RULES.md §13.2) as intervals per provider, from summary.json `breaches.items`.
    static func breaches(_ data: RunReportData) -> Figure {
        let summary = data.summary
        let order = Dictionary(summary.providers.map { ($0.id, $0.index) }, uniquingKeysWith: { first, _ in first })
        var seconds: [String: Int] = [:]
        for item in summary.breaches.items { seconds[item.provider, default: 0] += item.durationS }
        let ranked = seconds.keys.sorted { (seconds[$0] ?? 0, order[$1] ?? .max) > (seconds[$1] ?? 0, order[$0] ?? .max) }
        let rows = ranked.prefix(timelineRows).sorted { (order[$0] ?? .max, $0) < (order[$1] ?? .max, $1) }
        let kindNames = Set(summary.breaches.items.map(\.status)).sorted { rank($0) < rank($1) }
        let day = ChartValue(86_400)
        let intervals = summary.breaches.items.compactMap { item -> TimelineChart.Interval? in
            guard let row = rows.firstIndex(of: item.provider), let kind = kindNames.firstIndex(of: item.status),
                  let start = ChartValue.quotient(ChartValue(item.startTime), day),
                  let end = ChartValue.quotient(ChartValue(item.endTime), day)
            else { return nil }
            return TimelineChart.Interval(
                row: row, start: start, end: end, kind: kind, open: item.open,
                tooltip: "\(item.provider) \(item.status) from t = \(item.startTime) s to \(item.endTime) s (\(item.durationS) s)")
        }
        let table = DataTable(
            columns: ["provider", "status", "start_time (s)", "end_time (s)", "duration (s)", "start (day)", "end (day)", "open"],
            rows: summary.breaches.items.map { item in
                [item.provider, item.status, String(item.startTime), String(item.endTime), String(item.durationS),
                 Self.days(item.startTime), Self.days(item.endTime), item.open ? "yes" : "no"]
            })
        var chart = TimelineChart(
            id: "breaches", title: "Breaches on a timeline",
            caption: "Each bar is a breach: a provider holding work (UBI tasks of the day or running paid tasks) while its "
                + "status is not active (RULES.md §13.2), from start to end (summary.json breaches.items).",
            rows: rows, yAxis: AxisLabel("provider", unit: "provider"), xAxis: AxisLabel("time since genesis", unit: "days"),
            xRange: (.zero, ChartValue(summary.scenario.days)),
            kinds: kindNames.map { (name: "\($0) at the start", color: Palette.status($0)) }, intervals: intervals, table: table)
        var notes = ["\(summary.breaches.count) breaches, \(summary.breaches.totalSeconds) s in all."]
        if summary.breaches.items.isEmpty { notes = ["No breaches in this run."] }
        if ranked.count > rows.count {
            notes.append("\(ranked.count - rows.count) more providers with breaches are in the table only "
                + "(the \(rows.count) with the most breach seconds are drawn).")
        }
        chart.notes = notes
        return chart.figure()
    }

    /// Backed and unbacked slash amounts per day (or per group of days).
    static func slashed(_ data: RunReportData) -> Figure {
        let buckets = DayBuckets(days: data.days.map(\.day))
        var chart = BarChart(
            id: "slashed", title: "Slashed per day: backed and unbacked",
            caption: "Slash amounts taken from collateral (backed: slashed_backed_swan) and recorded as debt "
                + "(unbacked: slashed_unbacked_swan), from days.csv.",
            layout: .grouped, categories: buckets.labels, xAxis: buckets.axis,
            yAxis: AxisLabel("slashed", unit: "SWAN"),
            series: [
                Series(name: "backed", color: Palette.color(0), values: buckets.sum(data.days.map(\.slashedBacked))),
                Series(name: "unbacked", color: Palette.color(3), values: buckets.sum(data.days.map(\.slashedUnbacked))),
            ])
        chart.notes = buckets.notes
        return chart.figure()
    }

    /// Tasks per day by outcome, with the tasks running at each close.
    static func tasks(_ data: RunReportData) -> Figure {
        let buckets = DayBuckets(days: data.days.map(\.day))
        let counts: [(String, String, KeyPath<RunReportData.Day, Int>)] = [
            ("assigned", Palette.color(5), \.tasksAssigned), ("completed", Palette.color(2), \.tasksCompleted),
            ("failed", Palette.color(3), \.tasksFailed), ("refunded", Palette.color(4), \.tasksRefunded),
        ]
        var chart = BarChart(
            id: "tasks", title: "Tasks per day by outcome",
            caption: "Paid tasks assigned, completed, failed and refunded each day, and running at the close "
                + "(days.csv tasks_assigned, tasks_completed, tasks_failed, tasks_refunded, tasks_running).",
            layout: .grouped, categories: buckets.labels, xAxis: buckets.axis,
            yAxis: AxisLabel("tasks", unit: "tasks"),
            series: counts.map { name, color, path in
                Series(name: name, color: color, values: buckets.sum(data.days.map { ChartValue($0[keyPath: path]) }))
            })
        chart.lines = [Series(name: "running at the close", color: "#333333",
                              values: buckets.last(data.days.map { ChartValue($0.tasksRunning) }), dashed: true)]
        chart.yMinimumStep = ChartValue(1)
        chart.notes = buckets.notes
        return chart.figure()
    }

    /// Seconds as days, exact to 18 digits then shown to 4 (a breach's start or end).
    static func days(_ seconds: Int) -> String {
        ChartValue.quotient(ChartValue(seconds), ChartValue(86_400)).map { DecimalFormat.rounded($0, fractionDigits: 4) } ?? ""
    }

    /// Breach kinds in status order (nsc, then suspended, then any other).
    private static func rank(_ status: String) -> (Int, String) {
        (RunReportData.statuses.firstIndex(of: status) ?? RunReportData.statuses.count, status)
    }
}

/// Days grouped for bar charts: one bar per day up to 62 days, else per week (or per
/// ⌈days/62⌉ days beyond 434), so that bars stay wide enough to see.
struct DayBuckets {
    /// Indices into the day list, per bucket.
    let groups: [[Int]]
    /// "12", or "7–13" for a group.
    let labels: [String]
    let size: Int

    init(days: [Int]) {
        let size = days.count <= 62 ? 1 : days.count <= 434 ? 7 : (days.count + 61) / 62
        let groups = stride(from: 0, to: days.count, by: size).map { Array($0..<min($0 + size, days.count)) }
        self.size = size
        self.groups = groups
        labels = groups.map { group in
            guard let first = group.first, let last = group.last else { return "" }
            return first == last ? String(days[first]) : "\(days[first])–\(days[last])"
        }
    }

    var axis: AxisLabel { size == 1 ? AxisLabel("day", unit: "day") : AxisLabel("days", unit: "\(size)-day groups") }

    var notes: [String] {
        size == 1 ? [] : ["Days are grouped by \(size): each bar is the sum over its days; levels are at each group's last day."]
    }

    /// The sum of `values` over each group.
    func sum(_ values: [ChartValue]) -> [ChartValue?] {
        groups.map { group in group.reduce(ChartValue.zero) { $0 + values[$1] } }
    }

    /// The value at each group's last day (for levels such as tasks running at the close).
    func last(_ values: [ChartValue]) -> [ChartValue?] {
        groups.map { group in group.last.map { values[$0] } }
    }
}
