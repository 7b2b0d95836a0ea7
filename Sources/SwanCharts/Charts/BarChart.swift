/// Bars over categories (days, or groups of days): each category's series either stacked into
/// one column (providers by status) or side by side (slashed backed and unbacked; tasks by
/// outcome), with optional lines over the same categories (tasks running at the close).
///
/// Values are expected to be zero or more; a negative value draws nothing.
public struct BarChart: Sendable {
    /// How a category's series share its slot.
    public enum Layout: Sendable {
        /// One column, series on top of each other, in series order from the bottom.
        case stacked
        /// One bar per series, side by side.
        case grouped
    }

    /// Anchor id and CSV name.
    public var id: String
    /// Visible title.
    public var title: String
    /// What the chart shows and where the numbers come from.
    public var caption: String
    /// Stacked or grouped.
    public var layout: Layout
    /// The category labels along x ("0", "1", … or "0–6").
    public var categories: [String]
    /// The x axis title.
    public var xAxis: AxisLabel
    /// The y axis title.
    public var yAxis: AxisLabel
    /// The bars.
    public var series: [Series]
    /// Lines drawn over the bars, on the same y axis.
    public var lines: [Series] = []
    /// The smallest y tick step (one whole unit for counts).
    public var yMinimumStep = ChartValue(units: 1)
    /// Remarks under the chart.
    public var notes: [String] = []

    /// A bar chart; `lines`, `yMinimumStep` and `notes` can be set after.
    public init(id: String, title: String, caption: String, layout: Layout, categories: [String], xAxis: AxisLabel,
                yAxis: AxisLabel, series: [Series]) {
        (self.id, self.title, self.caption, self.layout) = (id, title, caption, layout)
        (self.categories, self.xAxis, self.yAxis, self.series) = (categories, xAxis, yAxis, series)
    }

    /// Draws the chart.
    public func figure() -> Figure {
        let yTicks = valueTicks(valueRange, extra: [], includeZero: true, minimumStep: yMinimumStep)
        let frame = PlotFrame(leftLabels: yTicks.labels)
        let yScale = frame.yScale(yTicks)
        let xScale = CategoryScale(count: categories.count, start: frame.left, end: frame.right)
        var canvas = frame.canvas()
        frame.drawYAxis(&canvas, ticks: yTicks, scale: yScale, label: yAxis)
        for index in categories.indices {
            switch layout {
            case .stacked: drawStack(&canvas, index: index, xScale: xScale, yScale: yScale)
            case .grouped: drawGroup(&canvas, index: index, xScale: xScale, yScale: yScale)
            }
        }
        for line in lines {
            for run in LineChart.runs(of: Array(line.values.prefix(categories.count))) {
                let points = run.map { (xScale.center($0.offset), yScale.position($0.value)) }
                canvas.polyline(points, stroke: line.color, className: "series", dashed: line.dashed)
                if points.count == 1 || categories.count <= 40 {
                    for point in points { canvas.circle(x: point.0, y: point.1, radius: Tenths(tenths: 25), fill: line.color) }
                }
            }
        }
        frame.drawCategoryAxis(&canvas, scale: xScale, labels: categories, label: xAxis)
        frame.drawFrame(&canvas)
        let legend = series.map { Figure.LegendItem(name: $0.name, color: $0.color, swatch: .box) }
            + lines.map { Figure.LegendItem(name: $0.name, color: $0.color, swatch: $0.dashed ? .dashed : .line) }
        let kind = layout == .stacked ? "Stacked bar chart" : "Grouped bar chart"
        let names = (series + lines).map(\.name).joined(separator: ", ")
        return Figure(id: id, title: title, caption: caption, legend: legend,
                      svg: canvas.markup(title: title, description: "\(kind) of \(names) in \(yAxis.unit) per \(xAxis.text).",
                                         id: Markup.slug(id)),
                      notes: notes, table: table)
    }

    /// The numbers drawn: the category, then each series and line.
    public var table: DataTable {
        let all = series + lines
        let rows = categories.indices.map { index in
            [categories[index]] + all.map { $0.values.indices.contains(index) ? ($0.values[index]?.text ?? "") : "" }
        }
        return DataTable(columns: [xAxis.text] + all.map { yAxis.heading($0.name) }, rows: rows)
    }

    /// The y range: stack totals when stacked, single values otherwise, and the lines.
    private var valueRange: (ChartValue, ChartValue)? {
        var high = ChartValue.zero
        for index in categories.indices {
            let values = series.compactMap { $0.values.indices.contains(index) ? $0.values[index] : nil }
            let top = layout == .stacked ? values.reduce(.zero) { $0 + max($1, .zero) } : (values.max() ?? .zero)
            high = max(high, top)
        }
        if let lineRange = lines.valueRange { high = max(high, lineRange.1) }
        return (.zero, high)
    }

    private func drawStack(_ canvas: inout SVGCanvas, index: Int, xScale: CategoryScale, yScale: LinearScale) {
        let (x, width) = barSpan(index: index, xScale: xScale, share: 0, of: 1)
        var base = ChartValue.zero
        for line in series {
            guard line.values.indices.contains(index), let value = line.values[index], value > .zero else { continue }
            let top = base + value
            let yTop = yScale.position(top), yBase = yScale.position(base)
            canvas.rect(x: x, y: yTop, width: width, height: yBase - yTop, fill: line.color)
            base = top
        }
    }

    private func drawGroup(_ canvas: inout SVGCanvas, index: Int, xScale: CategoryScale, yScale: LinearScale) {
        for (position, line) in series.enumerated() {
            guard line.values.indices.contains(index), let value = line.values[index], value > .zero else { continue }
            let (x, width) = barSpan(index: index, xScale: xScale, share: position, of: series.count)
            let yTop = yScale.position(value), yBase = yScale.position(.zero)
            // A bar of a non-zero value is at least a tenth of a pixel tall, so it is never lost.
            canvas.rect(x: x, y: min(yTop, yBase - Tenths(tenths: 1)), width: width,
                        height: max(yBase - yTop, Tenths(tenths: 1)), fill: line.color)
        }
    }

    /// The x and width of bar `share` of `count` in slot `index`: 80 % of the slot is bars, or all
    /// of it when slots are narrower than 3 px (a gap that thin would only stripe the chart).
    private func barSpan(index: Int, xScale: CategoryScale, share: Int, of count: Int) -> (Tenths, Tenths) {
        let slot = xScale.slotWidth.value
        let used = slot < 30 ? max(xScale.slotStart(index + 1).value - xScale.slotStart(index).value, 1) : max(slot * 8 / 10, 1)
        let each = max(used / max(count, 1), 1)
        let start = xScale.slotStart(index).value + (slot - used) / 2 + each * share
        return (Tenths(tenths: start), Tenths(tenths: each))
    }
}
