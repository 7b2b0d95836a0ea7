/// A spread of outcomes summarised at one x: a low and high quantile around a median.
public struct BandPoint: Sendable, Equatable {
    /// The lower quantile (5 %).
    public var low: ChartValue
    /// The median.
    public var median: ChartValue
    /// The upper quantile (95 %).
    public var high: ChartValue
    /// How many samples the quantiles summarise.
    public var samples: Int

    /// A point from its quantiles.
    public init(low: ChartValue, median: ChartValue, high: ChartValue, samples: Int) {
        (self.low, self.median, self.high, self.samples) = (low, median, high, samples)
    }

    /// The quantiles of `values` (5 %, 50 %, 95 %, nearest rank); nil for no values.
    public init?(summarising values: [ChartValue]) {
        let sorted = values.sorted()
        guard let low = Quantile.nearestRank(sorted, percent: 5), let median = Quantile.nearestRank(sorted, percent: 50),
              let high = Quantile.nearestRank(sorted, percent: 95)
        else { return nil }
        self.init(low: low, median: median, high: high, samples: sorted.count)
    }
}

/// A named sequence of band points, one per x position; nil where there are no samples.
public struct BandSeries: Sendable, Equatable {
    /// The legend and table name.
    public var name: String
    /// Its colour.
    public var color: String
    /// One point per x position.
    public var points: [BandPoint?]

    /// A band series named `name`.
    public init(name: String, color: String, points: [BandPoint?]) {
        self.name = name
        self.color = color
        self.points = points
    }
}

/// Median and 5–95 % band of an outcome across seeds against the values of a swept parameter
/// (categories in grid order): a translucent bar from the 5 % to the 95 % quantile, a marker at
/// the median, medians joined by a line. Several series (other parameters' values) sit side by side.
public struct BandChart: Sendable {
    /// Anchor id and CSV name.
    public var id: String
    /// Visible title.
    public var title: String
    /// What the chart shows and where the numbers come from.
    public var caption: String
    /// The parameter values along x, in grid order.
    public var categories: [String]
    /// The x axis title (the parameter key and its unit).
    public var xAxis: AxisLabel
    /// The y axis title (the outcome and its unit).
    public var yAxis: AxisLabel
    /// The bands.
    public var series: [BandSeries]
    /// Dashed horizontal lines (the ROI target).
    public var references: [ReferenceLine] = []
    /// The smallest y tick step (one whole unit for counts).
    public var yMinimumStep = ChartValue(units: 1)
    /// Remarks under the chart.
    public var notes: [String] = []

    /// A band chart; `references` and `notes` can be set after.
    public init(id: String, title: String, caption: String, categories: [String], xAxis: AxisLabel, yAxis: AxisLabel,
                series: [BandSeries]) {
        (self.id, self.title, self.caption, self.categories, self.xAxis, self.yAxis, self.series) =
            (id, title, caption, categories, xAxis, yAxis, series)
    }

    /// Draws the chart.
    public func figure() -> Figure {
        let values = series.flatMap { $0.points.compactMap { $0 }.flatMap { [$0.low, $0.high] } }
        let range = values.min().flatMap { low in values.max().map { (low, $0) } }
        let yTicks = valueTicks(range, extra: references.map(\.value), includeZero: true, minimumStep: yMinimumStep)
        let frame = PlotFrame(leftLabels: yTicks.labels)
        let yScale = frame.yScale(yTicks)
        let xScale = CategoryScale(count: categories.count, start: frame.left, end: frame.right)
        var canvas = frame.canvas()
        frame.drawYAxis(&canvas, ticks: yTicks, scale: yScale, label: yAxis)
        frame.drawCategoryAxis(&canvas, scale: xScale, labels: categories, label: xAxis)
        frame.drawReferences(&canvas, references, scale: yScale)
        let dodge = min(Tenths.px(28).value, xScale.slotWidth.value / max(series.count + 1, 2))
        let barWidth = max(dodge * 7 / 10, 20)
        for (position, band) in series.enumerated() {
            let shift = (2 * position - (series.count - 1)) * dodge / 2
            var medians: [(Tenths, Tenths)] = []
            for (index, point) in band.points.prefix(categories.count).enumerated() {
                guard let point else { continue }
                let x = Tenths(tenths: xScale.center(index).value + shift)
                let top = yScale.position(point.high), bottom = yScale.position(point.low)
                let median = yScale.position(point.median)
                canvas.group(tooltip: Self.tooltip(band.name, categories[index], point, yAxis.unit)) { canvas in
                    canvas.rect(x: Tenths(tenths: x.value - barWidth / 2), y: top, width: Tenths(tenths: barWidth),
                                height: max(bottom - top, Tenths(tenths: 10)), fill: band.color, opacity: "0.25")
                    canvas.circle(x: x, y: median, radius: Tenths(tenths: 35), fill: band.color)
                }
                medians.append((x, median))
            }
            canvas.polyline(medians, stroke: band.color, className: "series")
        }
        frame.drawFrame(&canvas)
        let legend = series.map { Figure.LegendItem(name: $0.name, color: $0.color, swatch: .band) }
            + references.map { Figure.LegendItem(name: $0.label, color: Palette.reference, swatch: .dashed) }
        let description = "Median and 5–95 % band of \(yAxis.text) for each value of \(xAxis.text)."
        return Figure(id: id, title: title, caption: caption, legend: legend,
                      svg: canvas.markup(title: title, description: description, id: Markup.slug(id)),
                      notes: notes, table: table)
    }

    /// The numbers drawn: one row per (value, series) with its sample count and quantiles.
    public var table: DataTable {
        var rows: [[String]] = []
        for (index, category) in categories.enumerated() {
            for band in series {
                guard band.points.indices.contains(index), let point = band.points[index] else { continue }
                rows.append([category, band.name, String(point.samples), point.low.text, point.median.text, point.high.text])
            }
        }
        return DataTable(columns: [xAxis.text, "series", "runs", yAxis.heading("5 %"), yAxis.heading("median"),
                                   yAxis.heading("95 %")], rows: rows)
    }

    static func tooltip(_ name: String, _ at: String, _ point: BandPoint, _ unit: String) -> String {
        "\(name) at \(at): median \(point.median.text) \(unit), 5–95 % \(point.low.text) … \(point.high.text) (\(point.samples) runs)"
    }
}
