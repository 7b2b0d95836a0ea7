import SwanCharts
import Testing

@Suite("Axis ticks")
struct TickTests {
    func value(_ text: String) throws -> ChartValue { try ChartValue(parsing: text) }

    @Test("round ticks cover the data, 1, 2 or 5 × 10^k apart, labels with shared digits and suffix", arguments: [
        ("0", "3533", ["0", "1000", "2000", "3000", "4000"]),
        ("0", "54549.223", ["0", "20k", "40k", "60k"]),
        ("0", "0.37", ["0", "0.1", "0.2", "0.3", "0.4"]),
        ("0", "0.05", ["0", "0.01", "0.02", "0.03", "0.04", "0.05"]),
        ("0", "1291619.8", ["0", "0.5M", "1.0M", "1.5M"]),
        ("-700", "300", ["-800", "-600", "-400", "-200", "0", "200", "400"]),
        ("0", "1000000000", ["0", "0.2G", "0.4G", "0.6G", "0.8G", "1.0G"]),
        ("0", "25", ["0", "5", "10", "15", "20", "25"]),
    ])
    func nice(_ low: String, _ high: String, _ labels: [String]) throws {
        let lower = try value(low), upper = try value(high)
        let ticks = Ticks.nice(lower: lower, upper: upper)
        #expect(ticks.labels == labels)
        #expect(ticks.lower <= lower && ticks.upper >= upper)
        #expect(ticks.values.count == labels.count)
    }

    @Test("a constant series gets a non-empty axis")
    func constant() throws {
        let zero = Ticks.nice(lower: .zero, upper: .zero)
        #expect(zero.labels.first == "0" && zero.upper > .zero)
        let flat = Ticks.nice(lower: ChartValue(3533), upper: ChartValue(3533))
        #expect(flat.lower < ChartValue(3533) && flat.upper > ChartValue(3533))
    }

    @Test("a day axis spans exactly the days, ticks on whole days only")
    func days() {
        let month = Ticks.inside(lower: .zero, upper: ChartValue(30), minimumStep: ChartValue(1))
        #expect(month.labels == ["0", "5", "10", "15", "20", "25", "30"])
        #expect(month.lower == .zero && month.upper == ChartValue(30))
        let short = Ticks.inside(lower: .zero, upper: ChartValue(3), minimumStep: ChartValue(1))
        #expect(short.labels == ["0", "1", "2", "3"])
        let year = Ticks.inside(lower: .zero, upper: ChartValue(365), minimumStep: ChartValue(1))
        #expect(year.labels == ["0", "50", "100", "150", "200", "250", "300", "350"])
    }

    @Test("a count axis never ticks between whole providers")
    func counts() {
        let ticks = Ticks.nice(lower: .zero, upper: ChartValue(2), minimumStep: ChartValue(1))
        #expect(ticks.labels == ["0", "1", "2"])
    }
}
