/// A length or coordinate in tenths of an SVG user unit (pixel), as an integer.
///
/// Positions are computed and stored as integers and printed by `text` ("123.4", "-0.5",
/// "12"), so no floating-point formatting ever reaches the page and its bytes are the same on
/// every platform.
public struct Tenths: Hashable, Comparable, Sendable, ExpressibleByIntegerLiteral {
    /// The length times ten.
    public var value: Int

    /// A length from its count of tenths.
    public init(tenths: Int) {
        value = tenths
    }

    /// A whole number of pixels (the literal `12` is 12 px, not 1.2).
    public init(integerLiteral pixels: Int) {
        value = pixels * 10
    }

    /// A whole number of pixels.
    public static func px(_ pixels: Int) -> Tenths { Tenths(tenths: pixels * 10) }

    /// The SVG attribute text: one decimal when it is not whole.
    public var text: String {
        let magnitude = value.magnitude
        let whole = magnitude / 10, tenth = magnitude % 10
        let sign = value < 0 ? "-" : ""
        return tenth == 0 ? sign + String(whole) : sign + String(whole) + "." + String(tenth)
    }

    /// Order and integer sums of lengths.
    public static func < (lhs: Tenths, rhs: Tenths) -> Bool { lhs.value < rhs.value }
    public static func + (lhs: Tenths, rhs: Tenths) -> Tenths { Tenths(tenths: lhs.value + rhs.value) }
    public static func - (lhs: Tenths, rhs: Tenths) -> Tenths { Tenths(tenths: lhs.value - rhs.value) }
    public static func += (lhs: inout Tenths, rhs: Tenths) { lhs.value += rhs.value }

    /// This length times `numerator / denominator`, rounded half away from zero.
    public func scaled(_ numerator: Int, _ denominator: Int) -> Tenths {
        Tenths(tenths: roundedQuotient(value * numerator, denominator))
    }
}

/// `n / d` rounded half away from zero; `d` > 0.
func roundedQuotient(_ n: Int, _ d: Int) -> Int {
    n >= 0 ? (2 * n + d) / (2 * d) : -((2 * -n + d) / (2 * d))
}
