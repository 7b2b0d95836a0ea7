/// Tick marks of a numeric axis: round values (1, 2 or 5 × 10^k apart) covering the data.
///
/// Everything is integer arithmetic on `ChartValue` units, and the labels come from
/// `DecimalFormat`, so an axis reads the same on every platform.
public struct Ticks: Sendable, Equatable {
    /// The first tick, at or below the data's minimum.
    public var lower: ChartValue
    /// The last tick, at or above the data's maximum.
    public var upper: ChartValue
    /// Distance between ticks: 1, 2 or 5 × 10^k (at least `minimumStep`).
    public var step: ChartValue
    /// Every tick from `lower` to `upper`.
    public var values: [ChartValue]
    /// The label of each tick: the same number of fractional digits on all of them, and a
    /// `k`, `M` or `G` suffix (×10^3, ×10^6, ×10^9) for large values; zero is always `0`.
    public var labels: [String]

    /// Round ticks for data from `lower` to `upper`, about `target` intervals.
    ///
    /// - Parameter minimumStep: the smallest step allowed (one day on a day axis, one provider on
    ///   a count axis), so that ticks never fall between whole values.
    public static func nice(lower: ChartValue, upper: ChartValue, target: Int = 5,
                            minimumStep: ChartValue = ChartValue(units: 1)) -> Ticks {
        var low = min(lower, upper), high = max(lower, upper)
        if low == high {
            let tenth = Int128(low.units.magnitude / 10)
            let pad = max(ChartValue(units: tenth > 0 ? tenth : ChartValue.scale), minimumStep)
            low = low >= .zero && low < pad ? .zero : low - pad
            high = high + pad
        }
        let raw = max((high.units - low.units) / Int128(max(target, 1)), 1)
        var power: Int128 = 1
        while power <= raw / 10 { power *= 10 }
        let multiple: Int128 = [1, 2, 5, 10].first { $0 * power >= raw } ?? 10
        var step = multiple * power
        if step < minimumStep.units { step = niceAtLeast(minimumStep.units) }
        let first = floorDiv(low.units, step) * step
        let last = -floorDiv(-high.units, step) * step
        var values: [ChartValue] = []
        var tick = first
        while tick <= last {
            values.append(ChartValue(units: tick))
            tick += step
        }
        return Ticks(lower: ChartValue(units: first), upper: ChartValue(units: last), step: ChartValue(units: step),
                     values: values, labels: labels(for: values, step: step))
    }

    /// Ticks for an axis that spans exactly `lower`…`upper` (a day axis starts at the first day
    /// and ends at the last): round ticks inside the range, the range itself as the domain.
    public static func inside(lower: ChartValue, upper: ChartValue, target: Int = 8,
                              minimumStep: ChartValue = ChartValue(units: 1)) -> Ticks {
        var ticks = nice(lower: lower, upper: upper, target: target, minimumStep: minimumStep)
        guard upper > lower else { return ticks }
        let kept = ticks.values.filter { $0 >= lower && $0 <= upper }
        ticks.values = kept
        ticks.labels = labels(for: kept, step: ticks.step.units)
        ticks.lower = lower
        ticks.upper = upper
        return ticks
    }

    /// The label text of every tick (shared fractional digits, shared suffix).
    static func labels(for values: [ChartValue], step: Int128) -> [String] {
        let largest = values.map(\.units.magnitude).max() ?? 0
        let whole = UInt128(ChartValue.scale)
        let (divisor, suffix): (Int128, String) =
            largest >= 1_000_000_000 * whole ? (1_000_000_000, "G")
            : largest >= 1_000_000 * whole ? (1_000_000, "M")
            : largest >= 10_000 * whole ? (1_000, "k") : (1, "")
        let scaledStep = step / divisor
        let digits = fractionDigits(of: scaledStep)
        return values.map { value in
            guard value != .zero else { return "0" }
            let scaled = ChartValue(units: value.units / divisor)
            return DecimalFormat.fixed(scaled, fractionDigits: digits) + suffix
        }
    }

    /// Fractional digits needed to write a value of `units` exactly (0 for whole numbers).
    static func fractionDigits(of units: Int128) -> Int {
        var rest = units.magnitude % UInt128(ChartValue.scale)
        guard rest != 0 else { return 0 }
        var digits = 18
        while rest % 10 == 0 {
            rest /= 10
            digits -= 1
        }
        return digits
    }

    /// The smallest 1, 2 or 5 × 10^k that is at least `units`.
    static func niceAtLeast(_ units: Int128) -> Int128 {
        var power: Int128 = 1
        while power * 10 <= units { power *= 10 }
        return ([1, 2, 5, 10].first { $0 * power >= units } ?? 10) * power
    }

    /// ⌊a / b⌋ for b > 0 (Swift's `/` truncates toward zero).
    static func floorDiv(_ a: Int128, _ b: Int128) -> Int128 {
        let quotient = a / b
        return a % b != 0 && a < 0 ? quotient - 1 : quotient
    }
}
