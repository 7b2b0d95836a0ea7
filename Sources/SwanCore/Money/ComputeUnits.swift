/// Computing Units: the catalog's measure of a card (RULES.md §1.1, §4.2).
///
/// A CU is held as integer deci-CU (CU × 10) so that one fractional digit is exact.
/// A weighted CU (§4.3) is held in units of 10^-19 CU, because it carries the FCP
/// weight's 18 fractional digits on top of the deci-CU.
public enum ComputeUnits {
    /// Deci-CU in one CU.
    public static let deciPerCU: Int64 = 10
    /// Weighted-CU units in one CU (10^19).
    public static let weightedPerCU: Int128 = 10_000_000_000_000_000_000

    /// Parses `cu = int [ "." DIGIT ]` into deci-CU. More than one fractional digit is `cuPrecision`.
    public static func parseDeci(_ text: String) throws(NumberError) -> Int64 {
        let value = try parseScaled(text, allowSign: false, maxFraction: 1, scaleDigits: 1)
        guard value <= Int128(Int64.max) else { throw .tooLarge }
        return Int64(value)
    }

    /// Canonical rendering of deci-CU (`19.9`, `28`).
    public static func renderDeci(_ deci: Int64) -> String {
        renderScaled(Int128(deci), scaleDigits: 1)
    }

    /// Renders a weighted CU (10^-19 CU units) as a decimal CU with up to 19 fractional digits.
    public static func renderWeighted(_ units: Int128) -> String {
        renderScaled(units, scaleDigits: 19)
    }
}
