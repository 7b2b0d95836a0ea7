import Foundation
import SwanRunner
import SwanTestSupport
import Testing

/// The report of a small run, byte for byte (Golden/README.md says how to regenerate it).
@Suite("Golden run report")
struct GoldenReportTests {
    @Test("the tiny-usd run's report is exactly Golden/tiny-usd-report.html")
    func golden() throws {
        let (kind, html) = try Report.html(directory: goldenRunDirectory)
        #expect(kind == .run)
        if ProcessInfo.processInfo.environment["SWANSIM_UPDATE_GOLDEN"] == "1" {
            try Data(html.utf8).write(to: URL(fileURLWithPath: goldenReportPath))
            return
        }
        let expected = try String(contentsOfFile: goldenReportPath, encoding: .utf8)
        if html != expected {
            let got = html.split(separator: "\n", omittingEmptySubsequences: false)
            let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = Array(zip(got, want)).firstIndex { $0 != $1 } ?? min(got.count, want.count)
            Issue.record("""
                the report differs from \(goldenReportPath) at line \(line + 1):
                  golden: \(line < want.count ? String(want[line].prefix(300)) : "<end>")
                  now:    \(line < got.count ? String(got[line].prefix(300)) : "<end>")
                If the change is intended: SWANSIM_UPDATE_GOLDEN=1 swift test --filter GoldenReportTests, then review the diff.
                """)
        }
    }

    @Test("the same run gives the same bytes twice")
    func deterministic() throws {
        let first = try Report.html(directory: goldenRunDirectory).1
        let second = try Report.html(directory: goldenRunDirectory).1
        #expect(first == second)
    }

    @Test("the golden report has every run chart of WORKFLOW.md §3")
    func content() throws {
        let html = try Report.html(directory: goldenRunDirectory).1
        for id in ["c-base", "cu-total", "ubi", "providers-by-status", "collateral-ratio", "breaches", "slashed", "tasks",
                   "usd-per-gpu-hour", "net-margin", "roi", "revenue-per-gpu-hour"] {
            #expect(html.contains("<figure class=\"chart\" id=\"\(id)\">"), "figure \(id)")
        }
        #expect(html.contains("Invariants I1–I13"))
        #expect(html.contains("<td>I13</td>"))
        #expect(html.contains(">revenue target $0.30</text>") && html.contains(">target 60 %</text>"))
        #expect(html.contains(">unbacked</li>") || html.contains("unbacked</li>"))
    }

    @Test("a run without USD metrics says why instead of drawing economics")
    func noUSD() throws {
        let directory = try copyOfGoldenRun()
        // Empty every USD column of provider_days.csv, as a run with economics.swan_usd null writes it.
        let path = directory + "/provider_days.csv"
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).dropLast(4).joined(separator: ",") + ",,,,"
        }
        let header = try String(contentsOfFile: goldenRunDirectory + "/provider_days.csv", encoding: .utf8)
            .split(separator: "\n")[0]
        try Data(([String(header)] + lines.dropFirst()).joined(separator: "\n").appending("\n").utf8)
            .write(to: URL(fileURLWithPath: path))
        let html = try Report.html(directory: directory).1
        #expect(html.contains("USD metrics are off: economics.swan_usd is null"))
        #expect(!html.contains("id=\"net-margin\""))
    }
}
