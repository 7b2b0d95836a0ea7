import SwanCharts
import Testing

@Suite("Exact chart numbers")
struct NumberTests {
    @Test("decimals parse to 10^-18 units and render back canonically", arguments: [
        ("0", "0"), ("3533", "3533"), ("-700", "-700"), ("0.05", "0.05"), ("140613.4", "140613.4"),
        ("1.000000000000000001", "1.000000000000000001"), ("0.1000", "0.1"), ("-0.5", "-0.5"),
        // Weighted CU has 19 fractional digits: the 19th is dropped toward zero.
        ("7.2000000000000000009", "7.2"),
    ])
    func parseAndRender(_ text: String, _ canonical: String) throws {
        #expect(try ChartValue(parsing: text).text == canonical)
    }

    @Test("non-decimals are refused with the text quoted", arguments: ["", "1e3", "1.", ".5", "abc", "1,5", "--1"])
    func refused(_ text: String) {
        #expect(throws: ChartValueError.notADecimal(text)) { try ChartValue(parsing: text) }
    }

    @Test("a quotient is exact to 18 digits, truncated, and never overflows")
    func quotient() throws {
        let third = try #require(ChartValue.quotient(ChartValue(1), ChartValue(3)))
        #expect(third.text == "0.333333333333333333")
        let negative = try #require(ChartValue.quotient(ChartValue(-2), ChartValue(3)))
        #expect(negative.text == "-0.666666666666666666")
        // 10^9 SWAN / 0.000000000000000001 would overflow a plain n·10^18/d; it is out of range here.
        #expect(ChartValue.quotient(ChartValue(1_000_000_000), ChartValue(units: 1)) == nil)
        let big = try #require(ChartValue.quotient(try ChartValue(parsing: "999999999.5"), try ChartValue(parsing: "0.25")))
        #expect(big.text == "3999999998")
        #expect(ChartValue.quotient(ChartValue(1), .zero) == nil)
    }

    @Test("fixed and rounded rendering come from integers", arguments: [
        ("0.1", 2, "0.10", "0.1"), ("3533", 0, "3533", "3533"), ("2.675", 2, "2.67", "2.68"),
        ("-1.25", 1, "-1.2", "-1.3"), ("-0.04", 1, "0.0", "0"),
    ])
    func fixedAndRounded(_ text: String, _ digits: Int, _ fixed: String, _ rounded: String) throws {
        let value = try ChartValue(parsing: text)
        #expect(DecimalFormat.fixed(value, fractionDigits: digits) == fixed)
        #expect(DecimalFormat.rounded(value, fractionDigits: digits) == rounded)
    }

    @Test("coordinates are integer tenths printed with at most one decimal", arguments: [
        (1234, "123.4"), (1230, "123"), (-5, "-0.5"), (0, "0"), (-120, "-12"), (7, "0.7"),
    ])
    func tenths(_ value: Int, _ text: String) {
        #expect(Tenths(tenths: value).text == text)
    }

    @Test("an integer literal is whole pixels")
    func literalPixels() {
        let twelve: Tenths = 12
        #expect(twelve.value == 120 && twelve.text == "12")
    }

    @Test("a linear scale maps by integer arithmetic, rounding half away from zero")
    func linearScale() throws {
        let scale = LinearScale(lower: .zero, upper: ChartValue(3), start: Tenths(tenths: 2440), end: Tenths(tenths: 140))
        #expect(scale.position(.zero).value == 2440)
        #expect(scale.position(ChartValue(3)).value == 140)
        #expect(scale.position(ChartValue(1)).value == 1673)  // 2440 − 2300/3 = 1673.33…
        // A domain of 10^9 SWAN still maps without overflow.
        let huge = LinearScale(lower: .zero, upper: ChartValue(1_000_000_000), start: 0, end: 640)
        #expect(huge.position(try ChartValue(parsing: "500000000.000000000000000001")).value == 3200)
    }

    @Test("nearest-rank quantiles are samples: k = max(1, ⌈p·n⌉)")
    func quantiles() throws {
        let values = [5, 1, 4, 2, 3].map { ChartValue($0) }.sorted()
        #expect(Quantile.nearestRank(values, percent: 5) == ChartValue(1))
        #expect(Quantile.nearestRank(values, percent: 50) == ChartValue(3))
        #expect(Quantile.nearestRank(values, percent: 95) == ChartValue(5))
        let even = [1, 2, 3, 4].map { ChartValue($0) }
        #expect(Quantile.nearestRank(even, percent: 50) == ChartValue(2), "lower middle for an even count")
        let twenty = (1...20).map { ChartValue($0) }
        #expect(Quantile.nearestRank(twenty, percent: 5) == ChartValue(1))
        #expect(Quantile.nearestRank(twenty, percent: 95) == ChartValue(19))
        #expect(Quantile.nearestRank([], percent: 50) == nil)
        let point = try #require(BandPoint(summarising: [ChartValue(7), ChartValue(3), ChartValue(5)]))
        #expect(point == BandPoint(low: ChartValue(3), median: ChartValue(5), high: ChartValue(7), samples: 3))
    }
}
