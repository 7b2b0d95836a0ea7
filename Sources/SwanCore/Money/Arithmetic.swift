/// The exact integer functions of RULES.md §1.2.
///
/// Every rule that scales money goes through these, so rounding happens in exactly one
/// documented way and never through floating point.
public enum Arithmetic {
    /// Why an exact computation cannot produce a stored value (RULES.md §1.2: exit code 4).
    public enum Overflow: Error, Equatable, Sendable {
        /// The result does not fit in signed 128 bits.
        case resultOutOfRange
    }

    /// ⌊a·b / c⌋ for a ≥ 0, b ≥ 0, c > 0, with an exact 256-bit intermediate product.
    ///
    /// Precondition: the arguments are in range; a result beyond `Int128.max` throws rather than wraps.
    public static func muldiv(_ a: Int128, _ b: Int128, _ c: Int128) throws(Overflow) -> Int128 {
        precondition(a >= 0 && b >= 0 && c > 0, "muldiv needs a ≥ 0, b ≥ 0, c > 0")
        let product = UInt128(a).multipliedFullWidth(by: UInt128(b))
        let divisor = UInt128(c)
        if product.high == 0 {
            let quotient = product.low / divisor
            guard quotient <= UInt128(Int128.max) else { throw .resultOutOfRange }
            return Int128(quotient)
        }
        // The quotient fits in 128 bits exactly when the high word is below the divisor.
        guard product.high < divisor else { throw .resultOutOfRange }
        let quotient = divisor.dividingFullWidth((high: product.high, low: product.low)).quotient
        guard quotient <= UInt128(Int128.max) else { throw .resultOutOfRange }
        return Int128(quotient)
    }

    /// `muldiv(a, ratioWad, 10^18)`: scales an amount by a Ratio, flooring once.
    public static func applyRatio(_ amount: Int128, _ ratioWad: Int128) throws(Overflow) -> Int128 {
        try muldiv(amount, ratioWad, Decimal18.scale)
    }

    /// a·b/c rounded half-to-even, for a ≥ 0, b ≥ 0, c > 0, with an exact 256-bit product: `rhe`
    /// of a product that may not fit in 128 bits (`ubi_u` scales T_day, itself up to 10^29 and
    /// more in a large network, by 10^9).
    public static func rhe(_ a: Int128, times b: Int128, over c: Int128) throws(Overflow) -> Int128 {
        precondition(a >= 0 && b >= 0 && c > 0, "rhe(times:over:) needs a ≥ 0, b ≥ 0, c > 0")
        let product = UInt128(a).multipliedFullWidth(by: UInt128(b))
        let divisor = UInt128(c)
        guard product.high < divisor else { throw .resultOutOfRange }
        let (quotient, remainder) = divisor.dividingFullWidth((high: product.high, low: product.low))
        guard quotient < UInt128(Int128.max) else { throw .resultOutOfRange }
        let q = Int128(quotient)
        // Compare 2r with c without doubling r: r against c − r.
        let rest = divisor - remainder
        if remainder > rest { return q + 1 }
        if remainder == rest { return q + (q & 1) }
        return q
    }

    /// n/d rounded half-to-even, d > 0, n of any sign (RULES.md §1.2).
    public static func rhe(_ n: Int128, _ d: Int128) -> Int128 {
        precondition(d > 0, "rhe needs d > 0")
        var q = n / d
        var r = n - q * d
        if r < 0 {  // Swift truncates toward zero; move to the floor.
            q -= 1
            r += d
        }
        let twice = r.multipliedReportingOverflow(by: 2)
        if twice.overflow || twice.partialValue > d { return q + 1 }
        if twice.partialValue == d { return q + (q & 1) }
        return q
    }
}
