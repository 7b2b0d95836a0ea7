/// Exact decimal strings with up to 18 fractional digits, held as `Int128` scaled by 10^18.
///
/// Amounts (atto-SWAN) and Ratios (wad) share this form (RULES.md §1.1). Parsing never
/// passes through binary floating point; rendering is the canonical form every output uses.
public enum Decimal18 {
    /// 10^18: one SWAN in atto, and the wad scale of a Ratio.
    public static let scale: Int128 = 1_000_000_000_000_000_000

    /// Parses `amount = int [ "." 1*18DIGIT ]`, optionally with a leading `-` when `allowSign`.
    ///
    /// `-0` is refused: the grammar forbids a sign on zero so that every value has one spelling.
    public static func parse(_ text: String, allowSign: Bool = false) throws(NumberError) -> Int128 {
        try parseScaled(text, allowSign: allowSign, maxFraction: 18, scaleDigits: 18)
    }

    /// Renders the canonical form: no leading zeros, no trailing fractional zeros, `-` for negatives.
    public static func render(_ value: Int128) -> String {
        renderScaled(value, scaleDigits: 18)
    }

    /// Canonical rendering of a value held in units of 10^-digits (µUSD: 6, `ubi_u`: 9).
    public static func render(_ value: Int128, scaleDigits digits: Int) -> String {
        renderScaled(value, scaleDigits: digits)
    }
}

/// Shared grammar for the scaled decimal types (Decimal18, CU, weighted CU).
///
/// `maxFraction` is the largest number of fractional digits accepted; more raises
/// `precision` (or `cuPrecision` when `scaleDigits` is 1) so that the loader can name the rule.
func parseScaled(
    _ text: String, allowSign: Bool, maxFraction: Int, scaleDigits: Int
) throws(NumberError) -> Int128 {
    var bytes = Array(text.utf8)[...]
    var negative = false
    if bytes.first == UInt8(ascii: "-") {
        guard allowSign else { throw .syntax("a sign is not allowed") }
        negative = true
        bytes = bytes.dropFirst()
    }
    let dot = bytes.firstIndex(of: UInt8(ascii: ".")) ?? bytes.endIndex
    let integerDigits = bytes[bytes.startIndex..<dot]
    let hasDot = dot != bytes.endIndex
    let fractionDigits = hasDot ? bytes[(dot + 1)...] : []
    guard !integerDigits.isEmpty else { throw .syntax("missing integer digits") }
    guard integerDigits.allSatisfy(isDigit) else { throw .syntax("not a decimal number") }
    if integerDigits.count > 1 && integerDigits.first == UInt8(ascii: "0") {
        throw .syntax("leading zero")
    }
    if hasDot {
        guard !fractionDigits.isEmpty else { throw .syntax("missing fractional digits") }
        guard fractionDigits.allSatisfy(isDigit) else { throw .syntax("not a decimal number") }
    }
    if fractionDigits.count > maxFraction {
        if scaleDigits == 1 { throw .cuPrecision(fractionalDigits: fractionDigits.count) }
        throw .precision(fractionalDigits: fractionDigits.count)
    }
    let limit = Int128.max
    var value: Int128 = 0
    for digit in integerDigits {
        let (times10, o1) = value.multipliedReportingOverflow(by: 10)
        let (next, o2) = times10.addingReportingOverflow(Int128(digit - 48))
        if o1 || o2 { throw .tooLarge }
        value = next
    }
    var fraction: Int128 = 0
    for index in 0..<scaleDigits {
        let digit = index < fractionDigits.count
            ? Int128(fractionDigits[fractionDigits.startIndex + index] - 48) : 0
        fraction = fraction * 10 + digit
    }
    let (scaled, o3) = value.multipliedReportingOverflow(by: pow10(scaleDigits))
    let (total, o4) = scaled.addingReportingOverflow(fraction)
    if o3 || o4 || total > limit { throw .tooLarge }
    if negative {
        guard total != 0 else { throw .syntax("-0 is not allowed") }
        return -total
    }
    return total
}

/// Canonical rendering of a value scaled by 10^scaleDigits (RULES.md §1.1).
func renderScaled(_ value: Int128, scaleDigits: Int) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(44)
    DecimalText.append(value, scaleDigits: scaleDigits, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

/// The canonical decimal forms written straight into a byte buffer: the hot paths (CSV
/// rows, SQLite binds) render millions of amounts without making a `String` for each.
public enum DecimalText {
    /// Appends `value` / 10^scaleDigits in canonical form (no trailing fractional zeros).
    /// Precondition: 0 ≤ scaleDigits ≤ 19.
    public static func append(_ value: Int128, scaleDigits: Int, to out: inout [UInt8]) {
        precondition((0...19).contains(scaleDigits), "at most 19 fractional digits")
        let magnitude = value.magnitude
        let divisor = UInt64(powersOfTen[scaleDigits])
        let high = UInt64(truncatingIfNeeded: magnitude >> 64), low = UInt64(truncatingIfNeeded: magnitude)
        var whole: UInt128
        var fraction: UInt64
        if high < divisor {
            // The quotient fits 64 bits: one hardware 128-by-64 division (every realistic amount).
            let (quotient, remainder) = divisor.dividingFullWidth((high, low))
            (whole, fraction) = (UInt128(quotient), remainder)
        } else {
            whole = magnitude / UInt128(divisor)
            fraction = UInt64(truncatingIfNeeded: magnitude &- whole &* UInt128(divisor))
        }
        if value < 0 { out.append(UInt8(ascii: "-")) }
        appendDigits(whole, to: &out)
        guard fraction != 0 else { return }
        var digits = scaleDigits
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        out.append(UInt8(ascii: "."))
        // Leading zeros first, so nothing is inserted (moved) afterwards.
        var width = 1
        var bound: UInt64 = 10
        while width < 19 && fraction >= bound {
            width += 1
            bound &*= 10
        }
        if digits > width { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits - width)) }
        appendDigits64(fraction, to: &out)
    }

    /// Appends an integer in base 10.
    public static func append(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        appendDigits(UInt128(value.magnitude), to: &out)
    }

    /// Base-10 digits of an unsigned value, 19 digits per 64-bit step.
    static func appendDigits(_ value: UInt128, to out: inout [UInt8]) {
        if let small = UInt64(exactly: value) { return appendDigits64(small, to: &out) }
        let chunk: UInt128 = 10_000_000_000_000_000_000
        appendDigits(value / chunk, to: &out)
        let low = UInt64(truncatingIfNeeded: value % chunk)
        let start = out.count
        appendDigits64(low, to: &out)
        let pad = 19 - (out.count - start)
        if pad > 0 { out.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: pad), at: start) }
    }

    private static func appendDigits64(_ value: UInt64, to out: inout [UInt8]) {
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &scratch) { buffer in
            repeat {
                count += 1
                buffer[24 - count] = UInt8(truncatingIfNeeded: rest % 10) + 48
                rest /= 10
            } while rest > 0
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)...]))
        }
    }

    private static let powersOfTen: [Int128] = (0...38).map { pow10($0) }
}

/// 10^n as Int128, for 0 ≤ n ≤ 38.
func pow10(_ n: Int) -> Int128 {
    var result: Int128 = 1
    for _ in 0..<n { result *= 10 }
    return result
}

@inline(__always)
private func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
