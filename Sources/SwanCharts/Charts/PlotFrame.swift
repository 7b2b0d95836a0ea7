/// The layout of one chart: the canvas, the plot rectangle inside its margins, and the axes.
///
/// Margins follow from the labels they must hold (the widest y tick label, the y axis title),
/// so a chart of millions of SWAN and a chart of a few providers both keep their labels inside
/// the canvas and clear of the plot.
struct PlotFrame {
    /// Canvas width: 640 px, drawn at the page's column width (the SVG scales).
    static let canvasWidth: Tenths = 640
    let canvasHeight: Tenths
    /// Plot rectangle edges.
    let left: Tenths, right: Tenths, top: Tenths, bottom: Tenths

    /// A frame whose left margin fits `leftLabels` (y tick labels or row names) and a rotated y title.
    init(height: Tenths = 300, leftLabels: [String], rightMargin: Tenths = 16, bottomMargin: Tenths = 46) {
        let widest = leftLabels.map { TextMetrics.width($0) }.max() ?? 0
        canvasHeight = height
        left = max(Tenths.px(52), Tenths.px(30) + widest)
        right = Self.canvasWidth - rightMargin
        top = 14
        bottom = height - bottomMargin
    }

    var plotWidth: Tenths { right - left }
    var plotHeight: Tenths { bottom - top }

    /// A y scale from `ticks` onto the plot's height (bottom up).
    func yScale(_ ticks: Ticks) -> LinearScale {
        LinearScale(lower: ticks.lower, upper: ticks.upper, start: bottom, end: top)
    }

    /// An x scale from `ticks` onto the plot's width.
    func xScale(_ ticks: Ticks) -> LinearScale {
        LinearScale(lower: ticks.lower, upper: ticks.upper, start: left, end: right)
    }

    /// A fresh canvas of this frame's size.
    func canvas() -> SVGCanvas { SVGCanvas(width: Self.canvasWidth, height: canvasHeight) }

    /// Horizontal grid lines and labels at each y tick, and the y axis title (rotated).
    func drawYAxis(_ canvas: inout SVGCanvas, ticks: Ticks, scale: LinearScale, label: AxisLabel) {
        for (value, text) in zip(ticks.values, ticks.labels) {
            let y = scale.position(value)
            canvas.line(left, y, right, y, className: value == .zero ? "zero" : "grid")
            canvas.text(text, x: left - 6, y: y + Tenths(tenths: 38), anchor: .end, className: "tick")
        }
        canvas.text(label.text, x: 14, y: Tenths(tenths: (top.value + bottom.value) / 2), anchor: .middle,
                    className: "axis-title", rotation: -90)
    }

    /// Tick marks and labels along the bottom at each x tick, and the x axis title.
    func drawXAxis(_ canvas: inout SVGCanvas, ticks: Ticks, scale: LinearScale, label: AxisLabel) {
        for (value, text) in zip(ticks.values, ticks.labels) {
            let x = scale.position(value)
            canvas.line(x, bottom, x, bottom + 5, className: "axis")
            canvas.text(text, x: x, y: bottom + 18, anchor: .middle, className: "tick")
        }
        drawXTitle(&canvas, label: label)
    }

    /// Labels under category slots, every `k`-th one so that none overlap, and the x axis title.
    func drawCategoryAxis(_ canvas: inout SVGCanvas, scale: CategoryScale, labels: [String], label: AxisLabel) {
        let every = Self.labelStride(labels: labels, slotWidth: scale.slotWidth)
        let room = max(2, (scale.slotWidth.value * every - 60) / 65)
        for (index, text) in labels.enumerated() where index % every == 0 {
            let x = scale.center(index)
            canvas.line(x, bottom, x, bottom + 5, className: "axis")
            canvas.text(TextMetrics.truncated(text, characters: room), x: x, y: bottom + 18, anchor: .middle,
                        className: "tick")
        }
        drawXTitle(&canvas, label: label)
    }

    /// The plot's left and bottom edges.
    func drawFrame(_ canvas: inout SVGCanvas) {
        canvas.line(left, top, left, bottom, className: "axis")
        canvas.line(left, bottom, right, bottom, className: "axis")
    }

    private func drawXTitle(_ canvas: inout SVGCanvas, label: AxisLabel) {
        canvas.text(label.text, x: Tenths(tenths: (left.value + right.value) / 2), y: canvasHeight - 8, anchor: .middle,
                    className: "axis-title")
    }

    /// The smallest of 1, 2, 5, 10, 20, 50, … such that labels that far apart do not overlap.
    static func labelStride(labels: [String], slotWidth: Tenths) -> Int {
        let widest = (labels.map { TextMetrics.width($0) }.max() ?? 0) + Tenths.px(8)
        var stride = 1
        var steps = [1, 2, 5].makeIterator()
        var power = 1
        let slot = max(slotWidth.value, 1)
        while slot * stride < widest.value {
            guard let multiple = steps.next() else {
                power *= 10
                steps = [1, 2, 5].makeIterator()
                continue
            }
            stride = multiple * power
        }
        return stride
    }
}
