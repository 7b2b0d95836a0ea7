/// Counts of samples in consecutive bins of a numeric x axis, one bar per series within each
/// bin (the collateral ratio of providers at several days; the annual ROI of providers).
public struct Histogram: Sendable {
    /// One sample set: a name and its count in each bin.
    public struct Counts: Sendable, Equatable {
        /// The legend name ("day 15").
        public var name: String
        /// Its colour.
        public var color: String
        /// One count per bin.
        public var counts: [Int]

        /// A sample set named `name`.
        public init(name: String, color: String, counts: [Int]) {
            self.name = name
            self.color = color
            self.counts = counts
        }
    }

    /// Anchor id and CSV name.
    public var id: String
    /// Visible title.
    public var title: String
    /// What the chart shows and where the numbers come from.
    public var caption: String
    /// Bin edges, ascending: bin i is [edges[i], edges[i+1]).
    public var edges: [ChartValue]
    /// The x axis title.
    public var xAxis: AxisLabel
    /// The y axis title (a count: "providers").
    public var yAxis: AxisLabel
    /// The sample sets.
    public var series: [Counts]
    /// Vertical reference lines (ratio 1: collateral equals the requirement).
    public var references: [ReferenceLine] = []
    /// Remarks under the chart.
    public var notes: [String] = []

    /// A histogram; `references` and `notes` can be set after.
    public init(id: String, title: String, caption: String, edges: [ChartValue], xAxis: AxisLabel, yAxis: AxisLabel,
                series: [Counts]) {
        (self.id, self.title, self.caption, self.edges, self.xAxis, self.yAxis, self.series) =
            (id, title, caption, edges, xAxis, yAxis, series)
    }

    /// Bin edges of width `step` covering `low`…`high`: round edges (multiples of `step`),
    /// the last bin closed above so that `high` falls inside it.
    public static func edges(low: ChartValue, high: ChartValue, step: ChartValue) -> [ChartValue] {
        guard step > .zero else { return [low, low + ChartValue(1)] }
        let first = Ticks.floorDiv(low.units, step.units) * step.units
        var edges = [ChartValue(units: first)]
        while let last = edges.last, last <= high, edges.count < 1_000 { edges.append(last + step) }
        if edges.count == 1 { edges.append(edges[0] + step) }
        return edges
    }

    /// A round bin width (1, 2 or 5 × 10^k) giving about `bins` bins over `low`…`high`.
    public static func binWidth(low: ChartValue, high: ChartValue, bins: Int) -> ChartValue {
        let span = max(high.units - low.units, 1)
        return ChartValue(units: Ticks.niceAtLeast(max(span / Int128(max(bins, 1)), 1)))
    }

    /// The index of the bin holding `value` (values outside the edges go to the nearest end bin).
    public static func bin(of value: ChartValue, edges: [ChartValue]) -> Int {
        let bins = max(edges.count - 1, 1)
        var low = 0, high = bins - 1
        if value < edges[0] { return 0 }
        while low < high {
            let middle = (low + high + 1) / 2
            if edges[middle] <= value { low = middle } else { high = middle - 1 }
        }
        return min(low, bins - 1)
    }

    /// Draws the chart.
    public func figure() -> Figure {
        let largest = series.flatMap(\.counts).max() ?? 0
        let yTicks = Ticks.nice(lower: .zero, upper: ChartValue(max(largest, 1)), target: 5, minimumStep: ChartValue(1))
        let frame = PlotFrame(leftLabels: yTicks.labels)
        let low = min(edges.first ?? .zero, references.map(\.value).min() ?? (edges.first ?? .zero))
        let high = max(edges.last ?? ChartValue(1), references.map(\.value).max() ?? .zero)
        let xTicks = Ticks.inside(lower: low, upper: high, target: 8)
        let xScale = frame.xScale(xTicks), yScale = frame.yScale(yTicks)
        var canvas = frame.canvas()
        frame.drawYAxis(&canvas, ticks: yTicks, scale: yScale, label: yAxis)
        frame.drawXAxis(&canvas, ticks: xTicks, scale: xScale, label: xAxis)
        for bin in 0..<max(edges.count - 1, 0) {
            let left = xScale.position(edges[bin]).value, right = xScale.position(edges[bin + 1]).value
            let inner = max((right - left) - 20, 1), each = max(inner / max(series.count, 1), 1)
            for (position, set) in series.enumerated() where set.counts.indices.contains(bin) && set.counts[bin] > 0 {
                let top = yScale.position(ChartValue(set.counts[bin]))
                canvas.rect(x: Tenths(tenths: left + 10 + each * position), y: top, width: Tenths(tenths: each),
                            height: frame.bottom - top, fill: set.color)
            }
        }
        for reference in references {
            let x = xScale.position(reference.value)
            canvas.line(x, frame.top, x, frame.bottom, className: "reference", stroke: Palette.reference, dashed: true)
            canvas.text(reference.label, x: x + 4, y: frame.top + 10, className: "reference-label")
        }
        frame.drawFrame(&canvas)
        let legend = series.map { Figure.LegendItem(name: $0.name, color: $0.color, swatch: .box) }
            + references.map { Figure.LegendItem(name: $0.label, color: Palette.reference, swatch: .dashed) }
        let description = "Histogram of \(xAxis.text): \(yAxis.unit) per bin for \(series.map(\.name).joined(separator: ", "))."
        return Figure(id: id, title: title, caption: caption, legend: legend,
                      svg: canvas.markup(title: title, description: description, id: Markup.slug(id)),
                      notes: notes, table: table)
    }

    /// The numbers drawn: each bin's bounds, then each set's count.
    public var table: DataTable {
        let rows = (0..<max(edges.count - 1, 0)).map { bin in
            [edges[bin].text, edges[bin + 1].text] + series.map { $0.counts.indices.contains(bin) ? String($0.counts[bin]) : "" }
        }
        return DataTable(columns: ["from (\(xAxis.unit))", "to (\(xAxis.unit))"] + series.map { yAxis.heading($0.name) },
                         rows: rows)
    }
}
