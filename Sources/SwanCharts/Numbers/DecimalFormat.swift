/// Renders `ChartValue`s as decimal text from their integer units, never through `Double`.
///
/// Every number a page prints (tick labels, table cells, notes) comes from here or from the
/// source files' own strings, so the text is identical on every platform and locale.
public enum DecimalFormat {
    /// The canonical form: no leading zeros, no trailing fractional zeros, `-` for negatives.
    public static func canonical(_ value: ChartValue) -> String {
        render(value.units, fractionDigits: 18, trimTrailingZeros: true)
    }

    /// Exactly `fractionDigits` (0…18) fractional digits, truncated toward zero (`0.10`, `3533`).
    public static func fixed(_ value: ChartValue, fractionDigits: Int) -> String {
        let digits = min(max(fractionDigits, 0), 18)
        var divisor: Int128 = 1
        for _ in 0..<(18 - digits) { divisor *= 10 }
        return render(value.units / divisor, fractionDigits: digits, trimTrailingZeros: false)
    }

    /// `value` rounded half away from zero to `fractionDigits` (0…18) digits, with trailing
    /// zeros dropped: for notes that quote a computed ratio ("1.05", "0.333").
    public static func rounded(_ value: ChartValue, fractionDigits: Int) -> String {
        let digits = min(max(fractionDigits, 0), 18)
        var divisor: Int128 = 1
        for _ in 0..<(18 - digits) { divisor *= 10 }
        let half = divisor / 2
        let magnitude = (value.units.magnitude + UInt128(half)) / UInt128(divisor)
        let signed = Int128(magnitude)
        return render(value.units < 0 ? -signed : signed, fractionDigits: digits, trimTrailingZeros: true)
    }

    /// `scaled` / 10^fractionDigits in base 10; `-0` never appears.
    static func render(_ scaled: Int128, fractionDigits: Int, trimTrailingZeros: Bool) -> String {
        let magnitude = scaled.magnitude
        var divisor: UInt128 = 1
        for _ in 0..<fractionDigits { divisor *= 10 }
        let whole = magnitude / divisor
        var fraction = ""
        if fractionDigits > 0 {
            let digits = String(magnitude % divisor)
            fraction = String(repeating: "0", count: fractionDigits - digits.count) + digits
        }
        if trimTrailingZeros {
            while fraction.last == "0" { fraction.removeLast() }
        }
        let sign = scaled < 0 && (whole != 0 || fraction.contains { $0 != "0" }) ? "-" : ""
        let head = sign + String(whole)
        return fraction.isEmpty ? head : head + "." + fraction
    }
}
