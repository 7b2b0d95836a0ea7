/// Maps a value domain onto a pixel range linearly, in integer arithmetic.
///
/// `position` computes `start + (v − lo)·(end − start)/(hi − lo)` in `Int128` and rounds half
/// away from zero to a tenth of a pixel, so the same values give the same coordinates on every
/// platform (no `Double` formatting, no fused multiply-add differences).
public struct LinearScale: Sendable {
    /// The value drawn at `start`.
    public var lower: ChartValue
    /// The value drawn at `end`; greater than `lower`.
    public var upper: ChartValue
    /// Pixel position of `lower` (for a y axis, the bottom: larger than `end`).
    public var start: Tenths
    /// Pixel position of `upper`.
    public var end: Tenths

    /// A scale from `lower`…`upper` onto `start`…`end`; an empty domain is widened by one unit.
    public init(lower: ChartValue, upper: ChartValue, start: Tenths, end: Tenths) {
        self.lower = lower
        self.upper = upper > lower ? upper : lower + ChartValue(1)
        self.start = start
        self.end = end
    }

    /// The pixel position of `value` (values outside the domain map outside the range).
    public func position(_ value: ChartValue) -> Tenths {
        var offset = value.units - lower.units
        var span = upper.units - lower.units
        // Keep 2·offset·pixels inside Int128 (pixels < 10^5): drop digits from both while huge.
        let limit: Int128 = 100_000_000_000_000_000_000_000_000_000_000  // 10^32
        while span > limit || offset.magnitude > UInt128(limit) {
            span /= 10
            offset /= 10
        }
        let pixels = Int128(end.value - start.value)
        let product = offset * pixels
        let rounded = product >= 0 ? (2 * product + span) / (2 * span) : -((2 * -product + span) / (2 * span))
        return Tenths(tenths: start.value + Int(rounded))
    }
}

/// Maps the index of a category onto the centre of its slot: slots of equal width side by side.
public struct CategoryScale: Sendable {
    /// Number of categories (at least one slot is laid out).
    public var count: Int
    /// Left edge of the first slot.
    public var start: Tenths
    /// Right edge of the last slot.
    public var end: Tenths

    /// A scale over `count` categories between `start` and `end`.
    public init(count: Int, start: Tenths, end: Tenths) {
        self.count = max(count, 1)
        self.start = start
        self.end = end
    }

    /// The width of one slot.
    public var slotWidth: Tenths { Tenths(tenths: (end.value - start.value) / count) }

    /// The left edge of slot `index`.
    public func slotStart(_ index: Int) -> Tenths {
        Tenths(tenths: start.value + roundedQuotient((end.value - start.value) * index, count))
    }

    /// The centre of slot `index`.
    public func center(_ index: Int) -> Tenths {
        Tenths(tenths: start.value + roundedQuotient((end.value - start.value) * (2 * index + 1), 2 * count))
    }
}
