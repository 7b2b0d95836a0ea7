import Foundation
import SwanCharts
import SwanTestSupport
import Testing

@Suite("The HTML page")
struct PageTests {
    func page(data: [(String, JSONText)] = []) -> Page {
        let figure = LineChart(id: "c", title: "C_base", caption: "x", x: [ChartValue(0), ChartValue(1)],
                               xAxis: AxisLabel("day", unit: "day"), yAxis: AxisLabel("C_base", unit: "SWAN"),
                               series: [Series(name: "C_base", color: "#000", values: [ChartValue(3533), ChartValue(3533)])])
            .figure()
        return Page(title: "report <1>", facts: [("seed", "7")],
                    sections: [Page.Section(id: "One Section", heading: "One", blocks: [
                        .paragraph("p & q"), .figure(figure), .table(caption: "t", DataTable(columns: ["a"], rows: [["1"]])),
                    ])], data: data)
    }

    @Test("self-contained: a CSP that blocks every request, a data: favicon, no URL, no script but the data block")
    func selfContained() {
        let html = page().html
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            + "style-src 'unsafe-inline'; img-src data:\">"))
        #expect(html.contains("<link rel=\"icon\" href=\"data:,\">"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("//fonts"))
        #expect(!html.contains("<link rel=\"stylesheet\"") && !html.contains(" src="))
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(html.contains("<script type=\"application/json\" id=\"swansim-data\">"))
        #expect(html.contains("<title>report &lt;1&gt;</title>"))
        #expect(html.contains("<a href=\"#one-section\">One</a>") && html.contains("<section id=\"one-section\">"))
    }

    @Test("the embedded JSON escapes </ and parses back to the figures' tables")
    func embeddedData() throws {
        let html = page(data: [("note", .string("</script><script>alert(1)</script><!--"))]).html
        #expect(!html.contains("</script><script>alert"))
        let start = try #require(html.range(of: "<script type=\"application/json\" id=\"swansim-data\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = String(html[start.upperBound..<end.lowerBound])
        #expect(json.contains("<\\/script>") && json.contains("\\u003c!--"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["note"] as? String == "</script><script>alert(1)</script><!--")
        let charts = try #require(object["charts"] as? [[String: Any]])
        #expect(charts.count == 1 && charts[0]["id"] as? String == "c")
        #expect(charts[0]["rows"] as? [[String]] == [["0", "3533"], ["1", "3533"]])
    }

    @Test("JSON strings escape quotes, backslashes and control characters")
    func jsonStrings() {
        #expect(JSONText.string("a\"b\\c\nd\u{1}").text == "\"a\\\"b\\\\c\\nd\\u0001\"")
        #expect(JSONText.object([("b", .integer(1)), ("a", .array([.null, .bool(true)]))]).text == "{\"b\":1,\"a\":[null,true]}")
    }
}
