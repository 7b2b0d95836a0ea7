/// Lines over a numeric x axis (days), several series on one y axis, with optional
/// horizontal reference lines (targets).
public struct LineChart: Sendable {
    /// Anchor id and CSV name.
    public var id: String
    /// Visible title.
    public var title: String
    /// What the chart shows and where the numbers come from.
    public var caption: String
    /// The x position of each value, ascending.
    public var x: [ChartValue]
    /// The x axis title.
    public var xAxis: AxisLabel
    /// The y axis title (its unit applies to every series).
    public var yAxis: AxisLabel
    /// The lines.
    public var series: [Series]
    /// Dashed horizontal lines.
    public var references: [ReferenceLine] = []
    /// Start the y axis at zero (true for amounts and counts).
    public var includeZero = true
    /// The smallest y tick step (one whole unit for counts).
    public var yMinimumStep = ChartValue(units: 1)
    /// Remarks under the chart.
    public var notes: [String] = []

    /// A line chart; `references`, `includeZero`, `yMinimumStep` and `notes` can be set after.
    public init(id: String, title: String, caption: String, x: [ChartValue], xAxis: AxisLabel, yAxis: AxisLabel,
                series: [Series]) {
        (self.id, self.title, self.caption, self.x, self.xAxis, self.yAxis, self.series) =
            (id, title, caption, x, xAxis, yAxis, series)
    }

    /// Draws the chart.
    public func figure() -> Figure {
        let yTicks = valueTicks(series.valueRange, extra: references.map(\.value), includeZero: includeZero,
                                minimumStep: yMinimumStep)
        let frame = PlotFrame(leftLabels: yTicks.labels)
        let xTicks = Ticks.inside(lower: x.first ?? .zero, upper: x.last ?? .zero, minimumStep: ChartValue(1))
        let xScale = frame.xScale(xTicks), yScale = frame.yScale(yTicks)
        var canvas = frame.canvas()
        frame.drawYAxis(&canvas, ticks: yTicks, scale: yScale, label: yAxis)
        frame.drawXAxis(&canvas, ticks: xTicks, scale: xScale, label: xAxis)
        frame.drawFrame(&canvas)
        frame.drawReferences(&canvas, references, scale: yScale)
        let markers = x.count <= 40
        for line in series {
            for run in Self.runs(of: Array(line.values.prefix(x.count))) {
                let points = run.map { (xScale.position(x[$0.offset]), yScale.position($0.value)) }
                canvas.polyline(points, stroke: line.color, className: "series", dashed: line.dashed)
                if markers || points.count == 1 {
                    for point in points { canvas.circle(x: point.0, y: point.1, radius: Tenths(tenths: 25), fill: line.color) }
                }
            }
        }
        let legend = series.map { Figure.LegendItem(name: $0.name, color: $0.color, swatch: $0.dashed ? .dashed : .line) }
            + references.map { Figure.LegendItem(name: $0.label, color: Palette.reference, swatch: .dashed) }
        return Figure(id: id, title: title, caption: caption, legend: legend,
                      svg: canvas.markup(title: title, description: description, id: Markup.slug(id)),
                      notes: notes,
                      table: table)
    }

    /// The numbers drawn: x, then each series.
    public var table: DataTable {
        let rows = x.indices.map { index in
            [x[index].text] + series.map { $0.values.indices.contains(index) ? ($0.values[index]?.text ?? "") : "" }
        }
        return DataTable(columns: [xAxis.text] + series.map { yAxis.heading($0.name) }, rows: rows)
    }

    private var description: String {
        "Line chart of \(series.map(\.name).joined(separator: ", ")) in \(yAxis.unit) against \(xAxis.text)."
    }

    /// Consecutive runs of non-nil values, each with its indices.
    static func runs(of values: [ChartValue?]) -> [[(offset: Int, value: ChartValue)]] {
        var runs: [[(offset: Int, value: ChartValue)]] = [], current: [(offset: Int, value: ChartValue)] = []
        for (offset, value) in values.enumerated() {
            if let value {
                current.append((offset, value))
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
