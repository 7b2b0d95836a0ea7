/// A named sequence of values, one per x position (or category); nil where there is no value.
public struct Series: Sendable, Equatable {
    /// The legend and table name.
    public var name: String
    /// Its colour (a `Palette` entry).
    public var color: String
    /// One value per x position; nil draws nothing (a gap in a line).
    public var values: [ChartValue?]
    /// Draw the line dashed (a second-order series beside a main one).
    public var dashed: Bool

    /// A series named `name` in `color`.
    public init(name: String, color: String, values: [ChartValue?], dashed: Bool = false) {
        self.name = name
        self.color = color
        self.values = values
        self.dashed = dashed
    }
}

/// A horizontal (or, on a histogram, vertical) line at a fixed value: a target or a threshold
/// that the data is read against (RULES.md §15's Swarm reference lines). Its label should say
/// its value ("target $0.30"): the line is drawn and in the legend, not in the data table.
public struct ReferenceLine: Sendable, Equatable {
    /// What the line marks ("target $0.30 per GPU-hour").
    public var label: String
    /// Where it is drawn.
    public var value: ChartValue

    /// A reference line at `value`, labelled `label`.
    public init(label: String, value: ChartValue) {
        self.label = label
        self.value = value
    }
}

extension Array where Element == Series {
    /// The smallest and largest value over every series (nil when there is none).
    var valueRange: (ChartValue, ChartValue)? {
        let values = flatMap { $0.values.compactMap { $0 } }
        guard let low = values.min(), let high = values.max() else { return nil }
        return (low, high)
    }
}

extension PlotFrame {
    /// Horizontal dashed reference lines, each labelled at the right end above its line, or below
    /// it, or at the left end, whichever first keeps 14 px from every label already placed and
    /// stays inside the plot.
    func drawReferences(_ canvas: inout SVGCanvas, _ references: [ReferenceLine], scale: LinearScale) {
        var taken: [(Tenths, SVGCanvas.Anchor)] = []
        for reference in references {
            let y = scale.position(reference.value)
            canvas.line(left, y, right, y, className: "reference", stroke: Palette.reference, dashed: true)
            let candidates: [(Tenths, SVGCanvas.Anchor)] = [(y - 5, .end), (y + 12, .end), (y - 5, .start), (y + 12, .start)]
            let free = candidates.first { candidate in
                candidate.0 > top + 10 && candidate.0 < bottom - 2
                    && !taken.contains { $0.1 == candidate.1 && ($0.0 - candidate.0).value.magnitude < 140 }
            } ?? candidates[0]
            taken.append(free)
            canvas.text(reference.label, x: free.1 == .end ? right - 4 : left + 4, y: free.0, anchor: free.1,
                        className: "reference-label")
        }
    }
}

/// The y ticks for data from `range` and reference values, from zero when `includeZero`.
func valueTicks(_ range: (ChartValue, ChartValue)?, extra: [ChartValue], includeZero: Bool,
                minimumStep: ChartValue) -> Ticks {
    var candidates = extra
    if let range { candidates += [range.0, range.1] }
    if includeZero || candidates.isEmpty { candidates.append(.zero) }
    let low = candidates.min() ?? .zero, high = candidates.max() ?? .zero
    return Ticks.nice(lower: low, upper: high, target: 5, minimumStep: minimumStep)
}
