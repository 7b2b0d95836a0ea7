/// An exact decimal quantity as a chart receives it: a count of 10^-18 units in an `Int128`.
///
/// Money arrives as SWAN decimal strings and counts as integers; both become `ChartValue`
/// without passing through binary floating point, so a pixel position or a tick label is
/// decided by integer arithmetic alone and the page's bytes are the same on every platform.
/// The range (about ±1.7·10^20 whole units) holds any amount of a 10^9-SWAN supply.
public struct ChartValue: Hashable, Comparable, Sendable {
    /// 10^18: one whole unit.
    public static let scale: Int128 = 1_000_000_000_000_000_000
    /// Zero.
    public static let zero = ChartValue(units: 0)

    /// The value times 10^18.
    public var units: Int128

    /// A value from its count of 10^-18 units.
    public init(units: Int128) {
        self.units = units
    }

    /// A whole number.
    public init(_ whole: Int) {
        units = Int128(whole) * Self.scale
    }

    /// Parses a decimal `-?digits(.digits)?`, as the CSV and JSON outputs write amounts.
    ///
    /// Fractional digits beyond the 18th are dropped (toward zero): plotting needs no more,
    /// and the only such values in the outputs are weighted CU with 19 digits.
    public init(parsing text: some StringProtocol) throws(ChartValueError) {
        var bytes = Substring(text).utf8[...]
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        let dot = bytes.firstIndex(of: UInt8(ascii: ".")) ?? bytes.endIndex
        let whole = bytes[bytes.startIndex..<dot]
        let fraction = dot == bytes.endIndex ? bytes[dot...] : bytes[bytes.index(after: dot)...]
        guard !whole.isEmpty, whole.allSatisfy(Self.isDigit), fraction.allSatisfy(Self.isDigit),
              dot == bytes.endIndex || !fraction.isEmpty
        else { throw .notADecimal(String(text)) }
        var value: Int128 = 0
        for digit in whole {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(Int128(digit - 48))
            guard !o1, !o2 else { throw .outOfRange(String(text)) }
            value = next
        }
        var fractionUnits: Int128 = 0
        var digits = fraction.makeIterator()
        for _ in 0..<18 { fractionUnits = fractionUnits * 10 + Int128((digits.next() ?? 48) - 48) }
        let (scaled, o3) = value.multipliedReportingOverflow(by: Self.scale)
        let (total, o4) = scaled.addingReportingOverflow(fractionUnits)
        guard !o3, !o4 else { throw .outOfRange(String(text)) }
        units = negative ? -total : total
    }

    /// The canonical decimal: no leading zeros, no trailing fractional zeros (`"-700"`, `"0.05"`).
    public var text: String { DecimalFormat.canonical(self) }

    /// Order and exact sums on the units (they trap on overflow, which no sum of a 10^9 supply reaches).
    public static func < (lhs: ChartValue, rhs: ChartValue) -> Bool { lhs.units < rhs.units }
    public static func + (lhs: ChartValue, rhs: ChartValue) -> ChartValue { ChartValue(units: lhs.units + rhs.units) }
    public static func - (lhs: ChartValue, rhs: ChartValue) -> ChartValue { ChartValue(units: lhs.units - rhs.units) }
    public static func += (lhs: inout ChartValue, rhs: ChartValue) { lhs.units += rhs.units }

    /// This value times a whole number.
    public func times(_ factor: Int) -> ChartValue { ChartValue(units: units * Int128(factor)) }

    /// `numerator / denominator`, exact to 18 fractional digits and truncated toward zero;
    /// nil when the denominator is zero.
    ///
    /// Long division one digit at a time, so no intermediate product overflows however large
    /// the operands (a plain `n · 10^18 / d` would overflow above about 170 SWAN).
    public static func quotient(_ numerator: ChartValue, _ denominator: ChartValue) -> ChartValue? {
        guard denominator.units != 0 else { return nil }
        let negative = (numerator.units < 0) != (denominator.units < 0)
        let n = numerator.units.magnitude, d = denominator.units.magnitude
        var result = n / d
        var remainder = n % d
        for _ in 0..<18 {
            let (next, o1) = remainder.multipliedReportingOverflow(by: 10)
            let (shifted, o2) = result.multipliedReportingOverflow(by: 10)
            guard !o1, !o2 else { return nil }
            result = shifted + next / d
            remainder = next % d
        }
        guard let signed = Int128(exactly: result) else { return nil }
        return ChartValue(units: negative ? -signed : signed)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}

/// Why a decimal could not be read as a chart value.
public enum ChartValueError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not of the form `-?digits(.digits)?`.
    case notADecimal(String)
    /// More than about 1.7·10^20 in magnitude.
    case outOfRange(String)

    public var description: String {
        switch self {
        case .notADecimal(let text): "\"\(text)\" is not a decimal number"
        case .outOfRange(let text): "\"\(text)\" is out of range"
        }
    }
}
