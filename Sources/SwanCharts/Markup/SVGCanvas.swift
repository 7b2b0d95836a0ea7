/// Builds one inline `<svg>` element as text: shapes at integer (tenth-of-a-pixel) positions,
/// labels escaped, an accessible name.
///
/// Coordinates are `Tenths`, so every number written is printed by integer code; styling that
/// is the same on every chart (axis grey, font) lives in the page's CSS classes, and series
/// colours are presentation attributes, which the page's Content-Security-Policy allows.
public struct SVGCanvas: Sendable {
    /// How a text label is anchored on its position.
    public enum Anchor: String, Sendable {
        case start, middle, end
    }

    /// The view box width.
    public let width: Tenths
    /// The view box height.
    public let height: Tenths
    private var body = ""

    /// An empty canvas of `width` × `height`.
    public init(width: Tenths, height: Tenths) {
        self.width = width
        self.height = height
    }

    /// A straight line.
    public mutating func line(_ x1: Tenths, _ y1: Tenths, _ x2: Tenths, _ y2: Tenths, className: String? = nil,
                              stroke: String? = nil, dashed: Bool = false) {
        element("line", [("x1", x1.text), ("y1", y1.text), ("x2", x2.text), ("y2", y2.text)]
            + style(className: className, stroke: stroke, dashed: dashed))
    }

    /// A rectangle; nothing is drawn when it has no area.
    public mutating func rect(x: Tenths, y: Tenths, width: Tenths, height: Tenths, fill: String,
                              className: String? = nil, opacity: String? = nil) {
        guard width.value > 0, height.value > 0 else { return }
        var attributes = [("x", x.text), ("y", y.text), ("width", width.text), ("height", height.text), ("fill", fill)]
        if let opacity { attributes.append(("fill-opacity", opacity)) }
        if let className { attributes.append(("class", className)) }
        element("rect", attributes)
    }

    /// An open polyline through `points` (nothing for fewer than two points).
    public mutating func polyline(_ points: [(Tenths, Tenths)], stroke: String, className: String? = nil,
                                  dashed: Bool = false) {
        guard points.count >= 2 else { return }
        element("polyline", [("points", Self.pointList(points)), ("fill", "none")]
            + style(className: className, stroke: stroke, dashed: dashed))
    }

    /// A filled polygon.
    public mutating func polygon(_ points: [(Tenths, Tenths)], fill: String, opacity: String? = nil) {
        guard points.count >= 3 else { return }
        var attributes = [("points", Self.pointList(points)), ("fill", fill)]
        if let opacity { attributes.append(("fill-opacity", opacity)) }
        element("polygon", attributes)
    }

    /// A filled circle (a data point marker).
    public mutating func circle(x: Tenths, y: Tenths, radius: Tenths, fill: String, stroke: String? = nil) {
        var attributes = [("cx", x.text), ("cy", y.text), ("r", radius.text), ("fill", fill)]
        if let stroke { attributes.append(("stroke", stroke)) }
        element("circle", attributes)
    }

    /// A text label (escaped), optionally rotated by `rotation` degrees about its anchor point.
    public mutating func text(_ content: String, x: Tenths, y: Tenths, anchor: Anchor = .start,
                              className: String? = nil, rotation: Int? = nil, fill: String? = nil) {
        var attributes = [("x", x.text), ("y", y.text)]
        if anchor != .start { attributes.append(("text-anchor", anchor.rawValue)) }
        if let rotation { attributes.append(("transform", "rotate(\(rotation) \(x.text) \(y.text))")) }
        if let className { attributes.append(("class", className)) }
        if let fill { attributes.append(("fill", fill)) }
        body += "<text" + Self.attributeText(attributes) + ">" + Markup.escape(content) + "</text>\n"
    }

    /// A hover tooltip for what follows: wraps the shapes that `draw` adds in `<g><title>`.
    public mutating func group(tooltip: String, _ draw: (inout SVGCanvas) -> Void) {
        body += "<g><title>" + Markup.escape(tooltip) + "</title>\n"
        draw(&self)
        body += "</g>\n"
    }

    /// The `<svg>` element: `title` becomes its `<title>` and `aria-label`, `description` its `<desc>`.
    /// Inline in HTML it needs no `xmlns` (the parser puts it in the SVG namespace), so the page
    /// holds no URL at all.
    public func markup(title: String, description: String, id: String) -> String {
        let label = Markup.escape(title)
        return "<svg viewBox=\"0 0 \(width.text) \(height.text)\" role=\"img\""
            + " aria-label=\"\(label)\" aria-describedby=\"\(id)-desc\" class=\"chart-svg\">\n"
            + "<title>\(label)</title>\n<desc id=\"\(id)-desc\">\(Markup.escape(description))</desc>\n"
            + body + "</svg>"
    }

    private mutating func element(_ name: String, _ attributes: [(String, String)]) {
        body += "<" + name + Self.attributeText(attributes) + "/>\n"
    }

    private func style(className: String?, stroke: String?, dashed: Bool) -> [(String, String)] {
        var attributes: [(String, String)] = []
        if let stroke { attributes.append(("stroke", stroke)) }
        if dashed { attributes.append(("stroke-dasharray", "6 4")) }
        if let className { attributes.append(("class", className)) }
        return attributes
    }

    private static func pointList(_ points: [(Tenths, Tenths)]) -> String {
        points.map { $0.0.text + "," + $0.1.text }.joined(separator: " ")
    }

    private static func attributeText(_ attributes: [(String, String)]) -> String {
        attributes.map { " " + $0.0 + "=\"" + Markup.escape($0.1) + "\"" }.joined()
    }
}
