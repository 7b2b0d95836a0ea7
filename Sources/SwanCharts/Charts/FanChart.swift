/// A daily series across many runs: for each series (a parameter value), the median per day as
/// a line inside a translucent 5–95 % band.
public struct FanChart: Sendable {
    /// Anchor id and CSV name.
    public var id: String
    /// Visible title.
    public var title: String
    /// What the chart shows and where the numbers come from.
    public var caption: String
    /// The x position of each point (days), ascending.
    public var x: [ChartValue]
    /// The x axis title.
    public var xAxis: AxisLabel
    /// The y axis title.
    public var yAxis: AxisLabel
    /// The fans.
    public var series: [BandSeries]
    /// Start the y axis at zero.
    public var includeZero = true
    /// The smallest y tick step (one whole unit for counts).
    public var yMinimumStep = ChartValue(units: 1)
    /// Remarks under the chart.
    public var notes: [String] = []

    /// A fan chart; `includeZero` and `notes` can be set after.
    public init(id: String, title: String, caption: String, x: [ChartValue], xAxis: AxisLabel, yAxis: AxisLabel,
                series: [BandSeries]) {
        (self.id, self.title, self.caption, self.x, self.xAxis, self.yAxis, self.series) =
            (id, title, caption, x, xAxis, yAxis, series)
    }

    /// Draws the chart.
    public func figure() -> Figure {
        let values = series.flatMap { $0.points.compactMap { $0 }.flatMap { [$0.low, $0.high] } }
        let range = values.min().flatMap { low in values.max().map { (low, $0) } }
        let yTicks = valueTicks(range, extra: [], includeZero: includeZero, minimumStep: yMinimumStep)
        let frame = PlotFrame(leftLabels: yTicks.labels)
        let xTicks = Ticks.inside(lower: x.first ?? .zero, upper: x.last ?? .zero, minimumStep: ChartValue(1))
        let xScale = frame.xScale(xTicks), yScale = frame.yScale(yTicks)
        var canvas = frame.canvas()
        frame.drawYAxis(&canvas, ticks: yTicks, scale: yScale, label: yAxis)
        frame.drawXAxis(&canvas, ticks: xTicks, scale: xScale, label: xAxis)
        for band in series {
            for run in Self.runs(of: Array(band.points.prefix(x.count))) {
                let upper = run.map { (xScale.position(x[$0.offset]), yScale.position($0.point.high)) }
                let lower = run.reversed().map { (xScale.position(x[$0.offset]), yScale.position($0.point.low)) }
                canvas.polygon(upper + lower, fill: band.color, opacity: "0.2")
                let medians = run.map { (xScale.position(x[$0.offset]), yScale.position($0.point.median)) }
                canvas.polyline(medians, stroke: band.color, className: "series")
                if medians.count == 1, let only = medians.first {
                    canvas.circle(x: only.0, y: only.1, radius: Tenths(tenths: 25), fill: band.color)
                }
            }
        }
        frame.drawFrame(&canvas)
        let legend = series.map { Figure.LegendItem(name: $0.name, color: $0.color, swatch: .band) }
        let description = "Fan chart: median and 5–95 % band of \(yAxis.text) per \(xAxis.text) for "
            + series.map(\.name).joined(separator: ", ") + "."
        return Figure(id: id, title: title, caption: caption, legend: legend,
                      svg: canvas.markup(title: title, description: description, id: Markup.slug(id)),
                      notes: notes, table: table)
    }

    /// The numbers drawn: x, then each series' 5 %, median and 95 %.
    public var table: DataTable {
        let columns = [xAxis.text] + series.flatMap { band in
            ["5 %", "median", "95 %"].map { yAxis.heading("\(band.name) \($0)") }
        }
        let rows = x.indices.map { index in
            [x[index].text] + series.flatMap { band -> [String] in
                guard band.points.indices.contains(index), let point = band.points[index] else { return ["", "", ""] }
                return [point.low.text, point.median.text, point.high.text]
            }
        }
        return DataTable(columns: columns, rows: rows)
    }

    /// Consecutive runs of present points, each with its index.
    static func runs(of points: [BandPoint?]) -> [[(offset: Int, point: BandPoint)]] {
        var runs: [[(offset: Int, point: BandPoint)]] = [], current: [(offset: Int, point: BandPoint)] = []
        for (offset, point) in points.enumerated() {
            if let point {
                current.append((offset, point))
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
