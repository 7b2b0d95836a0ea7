/// Intervals on a time axis, one row per subject: breaches per provider over the run's days.
///
/// Each interval is a bar from its start to its end (at least 2 px wide, so a one-second breach
/// is still visible), coloured by its kind; an interval still open at the end has a marker.
public struct TimelineChart: Sendable {
    /// One interval.
    public struct Interval: Sendable, Equatable {
        /// Index into `rows`.
        public var row: Int
        /// Start, in x units (days).
        public var start: ChartValue
        /// End, in x units.
        public var end: ChartValue
        /// Index into `kinds` (its colour and legend entry).
        public var kind: Int
        /// Still open when the run ended.
        public var open: Bool
        /// Hover text.
        public var tooltip: String

        /// An interval of `kind` on `row`.
        public init(row: Int, start: ChartValue, end: ChartValue, kind: Int, open: Bool, tooltip: String) {
            (self.row, self.start, self.end, self.kind, self.open, self.tooltip) = (row, start, end, kind, open, tooltip)
        }
    }

    /// Anchor id and CSV name.
    public var id: String
    /// Visible title.
    public var title: String
    /// What the chart shows and where the numbers come from.
    public var caption: String
    /// Row names, top to bottom.
    public var rows: [String]
    /// The y axis title ("provider").
    public var yAxis: AxisLabel
    /// The x axis title ("day").
    public var xAxis: AxisLabel
    /// The x range drawn (day 0 to the last day).
    public var xRange: (ChartValue, ChartValue)
    /// Interval kinds: a name and colour each.
    public var kinds: [(name: String, color: String)]
    /// The intervals.
    public var intervals: [Interval]
    /// The numbers drawn (given by the caller: the intervals' exact times).
    public var table: DataTable
    /// Remarks under the chart.
    public var notes: [String] = []

    /// A timeline; `notes` can be set after.
    public init(id: String, title: String, caption: String, rows: [String], yAxis: AxisLabel, xAxis: AxisLabel,
                xRange: (ChartValue, ChartValue), kinds: [(name: String, color: String)], intervals: [Interval],
                table: DataTable) {
        (self.id, self.title, self.caption, self.rows, self.yAxis, self.xAxis) = (id, title, caption, rows, yAxis, xAxis)
        (self.xRange, self.kinds, self.intervals, self.table) = (xRange, kinds, intervals, table)
    }

    /// Draws the chart: 18 px per row, at least 80 px of plot; bars at most 12 px thick.
    public func figure() -> Figure {
        let plotHeight = max(rows.count * 180, 800)
        let rowHeight = plotHeight / max(rows.count, 1)
        let barHeight = min(rowHeight - 60, 120)
        let labels = rows.map { TextMetrics.truncated($0, characters: 18) }
        let frame = PlotFrame(height: Tenths(tenths: plotHeight) + 14 + 46, leftLabels: labels)
        let xTicks = Ticks.inside(lower: xRange.0, upper: xRange.1, target: 8, minimumStep: ChartValue(1))
        let xScale = frame.xScale(xTicks)
        var canvas = frame.canvas()
        for (index, label) in labels.enumerated() {
            let middle = frame.top.value + index * rowHeight + rowHeight / 2
            canvas.line(frame.left, Tenths(tenths: middle), frame.right, Tenths(tenths: middle), className: "grid")
            canvas.text(label, x: frame.left - 6, y: Tenths(tenths: middle + 38), anchor: .end, className: "tick")
        }
        canvas.text(yAxis.text, x: 14, y: Tenths(tenths: (frame.top.value + frame.bottom.value) / 2), anchor: .middle,
                    className: "axis-title", rotation: -90)
        frame.drawXAxis(&canvas, ticks: xTicks, scale: xScale, label: xAxis)
        for interval in intervals where rows.indices.contains(interval.row) && kinds.indices.contains(interval.kind) {
            let x0 = xScale.position(interval.start), x1 = xScale.position(interval.end)
            let top = Tenths(tenths: frame.top.value + interval.row * rowHeight + (rowHeight - barHeight) / 2)
            let color = kinds[interval.kind].color
            canvas.group(tooltip: interval.tooltip) { canvas in
                canvas.rect(x: x0, y: top, width: max(x1 - x0, Tenths(tenths: 20)), height: Tenths(tenths: barHeight), fill: color)
                if interval.open {
                    canvas.circle(x: max(x1, x0 + Tenths(tenths: 20)), y: top + Tenths(tenths: barHeight / 2), radius: Tenths(tenths: 40), fill: "#ffffff", stroke: color)
                }
            }
        }
        frame.drawFrame(&canvas)
        var legend = kinds.map { Figure.LegendItem(name: $0.name, color: $0.color, swatch: .box) }
        if intervals.contains(where: \.open) {
            legend.append(Figure.LegendItem(name: "open at the end", color: "#555555", swatch: .marker))
        }
        let description = "Timeline of \(intervals.count) intervals over \(rows.count) \(yAxis.unit) rows against \(xAxis.text)."
        var figure = Figure(id: id, title: title, caption: caption, legend: legend,
                            svg: canvas.markup(title: title, description: description, id: Markup.slug(id)),
                            notes: notes, table: table)
        figure.legendAlways = true
        return figure
    }
}
