import Foundation
import GRDB
import SwanCharts
import SwanReport
import SwanRunner
import SwanTestSupport
import Testing

@Suite("Sweep report")
struct SweepReportTests {
    @Test("a sweep directory gives band charts per outcome × swept key and fan charts of the daily series")
    func content() throws {
        let directory = try SweepFixture.directory.get()
        let (kind, html) = try Report.html(directory: directory)
        #expect(kind == .sweep)
        for outcome in ["final-nsc-share", "total-slashed", "ubi-paid", "breaches", "mean-annual-roi"] {
            #expect(html.contains("id=\"band-\(outcome)-collateral-c-base\""), "band chart of \(outcome)")
        }
        for fan in ["fan-nsc", "fan-c-base", "fan-ubi-paid", "fan-slashed"] {
            #expect(html.contains("<figure class=\"chart\" id=\"\(fan)\">"), "fan chart \(fan)")
        }
        #expect(html.contains("Outcomes against collateral.c_base"))
        #expect(html.contains("collateral.c_base=2000") || html.contains(">all runs</li>") || html.contains("all runs"))
        #expect(html.contains("nearest-rank"))
    }

    @Test("each band is the nearest-rank 5 %, median and 95 % of the seeds' own totals")
    func quantiles() throws {
        let directory = try SweepFixture.directory.get()
        let html = try Report.html(directory: directory).1
        for (position, value) in SweepFixture.values.enumerated() {
            let runs = SweepFixture.runDirectories[(position * 3)..<(position * 3 + 3)]
            let slashed = try runs.map { run -> ChartValue in
                let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: run + "/summary.json")))
                let totals = (object as? [String: Any])?["totals"] as? [String: Any]
                return try ChartValue(parsing: totals?["slashed"] as? String ?? "")
            }.sorted()
            let row = "<tr><td class=\"num\">\(value)</td><td>all runs</td><td class=\"num\">3</td><td class=\"num\">\(slashed[0].text)</td>"
                + "<td class=\"num\">\(slashed[1].text)</td><td class=\"num\">\(slashed[2].text)</td></tr>"
            #expect(html.contains(row), "c_base \(value): \(row)")
        }
    }

    @Test("the same sweep gives the same bytes twice")
    func deterministic() throws {
        let directory = try SweepFixture.directory.get()
        let first = try Report.html(directory: directory).1
        let second = try Report.html(directory: directory).1
        #expect(first == second)
    }

    @Test("a database that is not swan-sweep/1 is refused, naming the file and the problem")
    func wrongFormat() throws {
        let directory = try temporaryDirectory("bad-sweep")
        let queue = try DatabaseQueue(path: directory + "/sweep.sqlite")
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE sweep_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            try db.execute(sql: "INSERT INTO sweep_meta VALUES ('format', 'swan-sweep/0')")
            try db.execute(sql: "CREATE TABLE runs (run_index INTEGER)")
        }
        #expect(throws: ReportFailure.malformed(file: directory + "/sweep.sqlite",
                                                problem: "\(directory)/sweep.sqlite: no table run_days (not a swan-sweep/1 database)")) {
            try Report.html(directory: directory)
        }
    }
}
