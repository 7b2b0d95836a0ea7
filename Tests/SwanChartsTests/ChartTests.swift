import Foundation
import SwanCharts
import SwanTestSupport
import Testing

/// Every number in an SVG attribute a chart writes: coordinates must be integer tenths.
func numericAttributes(_ svg: String) -> [String] {
    let names = ["x", "y", "x1", "y1", "x2", "y2", "width", "height", "cx", "cy", "r"]
    var values: [String] = []
    for name in names {
        var rest = svg[...]
        while let range = rest.range(of: " \(name)=\"") {
            let after = rest[range.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            values.append(String(after[..<end]))
            rest = after[end...]
        }
    }
    var rest = svg[...]
    while let range = rest.range(of: " points=\"") {
        let after = rest[range.upperBound...]
        guard let end = after.firstIndex(of: "\"") else { break }
        values += after[..<end].split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        rest = after[end...]
    }
    return values
}

/// True when `text` is `-?digits(.digit)?`: a tenth-of-a-pixel coordinate.
func isTenths(_ text: String) -> Bool {
    let body = text.hasPrefix("-") ? text.dropFirst() : text[...]
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isNumber), parts.count <= 2 else { return false }
    return parts.count == 1 || (parts[1].count == 1 && parts[1].allSatisfy(\.isNumber))
}

@Suite("Charts")
struct ChartTests {
    let hostile = "a<b & \"c\" 'd'>"

    func line(title: String = "UBI per day", series: String = "UBI paid") -> Figure {
        var chart = LineChart(
            id: "ubi", title: title, caption: "caption", x: (0...3).map { ChartValue($0) },
            xAxis: AxisLabel("day", unit: "day"), yAxis: AxisLabel("UBI", unit: "SWAN"),
            series: [
                Series(name: series, color: Palette.color(0), values: [nil, ChartValue(19966), ChartValue(24709), ChartValue(27971)]),
                Series(name: "y_eff", color: Palette.color(1), values: [nil, ChartValue(20000), ChartValue(25000), ChartValue(28000)]),
            ])
        chart.references = [ReferenceLine(label: "target", value: ChartValue(10000))]
        return chart.figure()
    }

    @Test("escaping: < & \" ' in titles, series names and table cells never reach the markup raw")
    func escaping() {
        #expect(Markup.escape(hostile) == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;")
        let figure = line(title: hostile, series: hostile)
        let html = figure.html
        #expect(!html.contains(hostile))
        #expect(html.contains("aria-label=\"a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;\""))
        #expect(html.contains("<title>a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;</title>"))
        #expect(html.contains("<th scope=\"col\">a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt; (SWAN)</th>")
            || html.contains("<th class=\"num\">a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt; (SWAN)</th>"))
        var canvas = SVGCanvas(width: 100, height: 100)
        canvas.text("<script>&", x: 1, y: 2)
        #expect(canvas.markup(title: "t", description: "d", id: "x").contains(">&lt;script&gt;&amp;</text>"))
    }

    @Test("every chart has a title, an accessible name, axis titles with units, tick labels and a data table")
    func furniture() {
        let figure = line()
        #expect(figure.svg.contains("<title>UBI per day</title>"))
        #expect(figure.svg.contains("aria-label=\"UBI per day\""))
        #expect(figure.svg.contains(">UBI (SWAN)</text>"))
        #expect(figure.svg.contains(">day</text>"))
        for tick in ["0", "10k", "20k", "30k"] { #expect(figure.svg.contains(">\(tick)</text>"), "tick \(tick)") }
        #expect(figure.html.contains("<ul class=\"legend\">"), "two series and a reference line: a legend")
        #expect(figure.html.contains("<details><summary>Numbers (4 rows)</summary>"))
        #expect(figure.html.contains("download=\"ubi.csv\" href=\"data:text/csv;charset=utf-8,"))
        #expect(figure.table.csv.hasPrefix("day,UBI paid (SWAN),y_eff (SWAN)\n0,,\n1,19966,20000\n"))
    }

    @Test("a single series has no legend")
    func noLegendForOne() {
        let figure = LineChart(id: "c", title: "C_base", caption: "", x: [ChartValue(0), ChartValue(1)],
                               xAxis: AxisLabel("day", unit: "day"), yAxis: AxisLabel("C_base", unit: "SWAN"),
                               series: [Series(name: "C_base", color: "#000", values: [ChartValue(3533), ChartValue(3533)])])
            .figure()
        #expect(!figure.html.contains("class=\"legend\""))
    }

    @Test("coordinates in every chart type are integer tenths")
    func integerCoordinates() throws {
        let days = (0...30).map { ChartValue($0) }
        let amounts = days.map { try? ChartValue(parsing: "\($0.text).333333333333333333") }
        let figures = [
            line(),
            BarChart(id: "b", title: "b", caption: "", layout: .stacked, categories: days.map(\.text),
                     xAxis: AxisLabel("day", unit: "day"), yAxis: AxisLabel("providers", unit: "providers"),
                     series: [Series(name: "a", color: "#000", values: amounts), Series(name: "b", color: "#111", values: amounts)])
                .figure(),
            BarChart(id: "g", title: "g", caption: "", layout: .grouped, categories: days.map(\.text),
                     xAxis: AxisLabel("day", unit: "day"), yAxis: AxisLabel("SWAN", unit: "SWAN"),
                     series: [Series(name: "a", color: "#000", values: amounts)]).figure(),
            Histogram(id: "h", title: "h", caption: "", edges: Histogram.edges(low: .zero, high: ChartValue(2),
                                                                              step: try ChartValue(parsing: "0.3")),
                      xAxis: AxisLabel("ratio", unit: "ratio"), yAxis: AxisLabel("providers", unit: "providers"),
                      series: [Histogram.Counts(name: "d", color: "#000", counts: [1, 2, 3, 0, 5, 1, 1, 9])]).figure(),
            FanChart(id: "f", title: "f", caption: "", x: days, xAxis: AxisLabel("day", unit: "day"),
                     yAxis: AxisLabel("nsc", unit: "providers"),
                     series: [BandSeries(name: "s", color: "#000", points: amounts.map { value in
                         value.map { BandPoint(low: $0, median: $0 + ChartValue(1), high: $0 + ChartValue(3), samples: 3) }
                     })]).figure(),
        ]
        for figure in figures {
            let values = numericAttributes(figure.svg)
            #expect(!values.isEmpty)
            #expect(values.allSatisfy(isTenths), "\(figure.id): \(values.filter { !isTenths($0) }.prefix(5))")
        }
    }

    @Test("histogram bins are round and cover the data; values outside go to the end bins")
    func bins() throws {
        let edges = Histogram.edges(low: try ChartValue(parsing: "0.93"), high: try ChartValue(parsing: "1.52"),
                                    step: try ChartValue(parsing: "0.1"))
        #expect(edges.map(\.text) == ["0.9", "1", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6"])
        #expect(Histogram.bin(of: try ChartValue(parsing: "0.95"), edges: edges) == 0)
        #expect(Histogram.bin(of: ChartValue(1), edges: edges) == 1)
        #expect(Histogram.bin(of: ChartValue(9), edges: edges) == 6)
        #expect(Histogram.bin(of: ChartValue(-3), edges: edges) == 0)
    }

    @Test("category labels thin out so they never overlap")
    func labelStride() {
        let many = BarChart(id: "m", title: "m", caption: "", layout: .grouped, categories: (0...365).map(String.init),
                            xAxis: AxisLabel("day", unit: "day"), yAxis: AxisLabel("t", unit: "tasks"),
                            series: [Series(name: "a", color: "#000", values: [])]).figure()
        #expect(many.svg.contains(">40</text>") && !many.svg.contains(">41</text>"))
    }

    @Test("the data table's CSV is RFC 4180 and its data: URI is percent-encoded")
    func csv() {
        let table = DataTable(columns: ["name", "value (SWAN)"], rows: [["a,b", "1.5"], ["say \"hi\"", ""]])
        #expect(table.csv == "name,value (SWAN)\n\"a,b\",1.5\n\"say \"\"hi\"\"\",\n")
        #expect(table.csvDataURI.hasPrefix("data:text/csv;charset=utf-8,name,value%20(SWAN)%0A%22a,b%22,1.5%0A"))
        #expect(table.html.contains("<td class=\"num\">1.5</td>"))
    }
}
