/// One chart on the page: its title, legend, SVG, notes and the table of its numbers.
///
/// Every chart type produces a `Figure`, so each chart gets the same furniture: a visible
/// title, an accessible name, a legend when it has more than one series, and its data as a
/// table and a CSV download.
public struct Figure: Sendable {
    /// How a legend entry's swatch is drawn.
    public enum Swatch: Sendable, Equatable {
        case line, box, band, dashed, marker
    }

    /// A legend entry.
    public struct LegendItem: Sendable, Equatable {
        /// The series name.
        public var name: String
        /// Its colour.
        public var color: String
        /// Its swatch.
        public var swatch: Swatch

        /// An entry named `name` drawn in `color`.
        public init(name: String, color: String, swatch: Swatch) {
            self.name = name
            self.color = color
            self.swatch = swatch
        }
    }

    /// The anchor id and the CSV file name (a slug).
    public var id: String
    /// The visible title, also the SVG's `<title>` and `aria-label`.
    public var title: String
    /// One or two sentences under the title: what the chart shows and where its numbers come from.
    public var caption: String
    /// Legend entries; shown when there are two or more, or when `legendAlways`.
    public var legend: [LegendItem]
    /// Show a legend of one entry too (a timeline's colour always needs saying).
    public var legendAlways = false
    /// The `<svg>` element.
    public var svg: String
    /// Remarks below the chart (excluded providers, truncation, grouping).
    public var notes: [String]
    /// The numbers drawn.
    public var table: DataTable

    /// A figure from its parts; `id` is slugged.
    public init(id: String, title: String, caption: String, legend: [LegendItem], svg: String, notes: [String] = [],
                table: DataTable) {
        self.id = Markup.slug(id)
        self.title = title
        self.caption = caption
        self.legend = legend
        self.svg = svg
        self.notes = notes
        self.table = table
    }

    /// The `<figure>` element.
    public var html: String {
        var out = "<figure class=\"chart\" id=\"\(id)\">\n<figcaption><h3>\(Markup.escape(title))</h3>"
        if !caption.isEmpty { out += "<p>\(Markup.escape(caption))</p>" }
        out += "</figcaption>\n"
        if legend.count > 1 || (legendAlways && !legend.isEmpty) { out += legendHTML + "\n" }
        out += svg + "\n"
        for note in notes { out += "<p class=\"note\">\(Markup.escape(note))</p>\n" }
        let rows = table.rows.count
        out += "<details><summary>Numbers (\(rows) \(rows == 1 ? "row" : "rows"))</summary>\n"
        out += "<p><a download=\"\(id).csv\" href=\"\(table.csvDataURI)\">Download \(id).csv</a></p>\n"
        out += "<div class=\"scroll\">\(table.html)</div>\n</details>\n</figure>"
        return out
    }

    /// The figure's data for the page's embedded JSON.
    public var json: JSONText {
        .object([
            ("id", .string(id)), ("title", .string(title)),
            ("columns", .array(table.columns.map { .string($0) })),
            ("rows", .array(table.rows.map { row in .array(row.map { .string($0) }) })),
        ])
    }

    private var legendHTML: String {
        var out = "<ul class=\"legend\">"
        for item in legend {
            out += "<li><svg viewBox=\"0 0 24 12\" width=\"24\" height=\"12\" aria-hidden=\"true\">"
                + Self.swatch(item) + "</svg>" + Markup.escape(item.name) + "</li>"
        }
        return out + "</ul>"
    }

    private static func swatch(_ item: LegendItem) -> String {
        let color = Markup.escape(item.color)
        switch item.swatch {
        case .line: return "<line x1=\"1\" y1=\"6\" x2=\"23\" y2=\"6\" stroke=\"\(color)\" stroke-width=\"2.5\"/>"
        case .dashed:
            return "<line x1=\"1\" y1=\"6\" x2=\"23\" y2=\"6\" stroke=\"\(color)\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>"
        case .box: return "<rect x=\"4\" y=\"0\" width=\"16\" height=\"12\" fill=\"\(color)\"/>"
        case .marker: return "<circle cx=\"12\" cy=\"6\" r=\"4\" fill=\"\(color)\"/>"
        case .band:
            return "<rect x=\"1\" y=\"1\" width=\"22\" height=\"10\" fill=\"\(color)\" fill-opacity=\"0.25\"/>"
                + "<line x1=\"1\" y1=\"6\" x2=\"23\" y2=\"6\" stroke=\"\(color)\" stroke-width=\"2\"/>"
        }
    }
}
