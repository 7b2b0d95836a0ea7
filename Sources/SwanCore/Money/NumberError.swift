/// Why a decimal string was refused (RULES.md §1.1).
///
/// Each case maps to one scenario error code, so the loader can report the
/// spec's code without re-parsing the string.
public enum NumberError: Error, Equatable, Sendable {
    /// The string breaks the grammar: exponent, sign, leading zero, whitespace, `.5`, `5.` (`E_AMOUNT_SYNTAX`).
    case syntax(String)
    /// An Amount or Ratio with more than 18 fractional digits (`E_AMOUNT_PRECISION`).
    case precision(fractionalDigits: Int)
    /// A CU with more than 1 fractional digit (`E_CU_PRECISION`).
    case cuPrecision(fractionalDigits: Int)
    /// Well formed, but too large to be held in the representation (`E_RANGE`).
    case tooLarge

    /// The scenario error code of RULES.md / SCENARIO-FORMAT.md §5.1.
    public var code: String {
        switch self {
        case .syntax: "E_AMOUNT_SYNTAX"
        case .precision: "E_AMOUNT_PRECISION"
        case .cuPrecision: "E_CU_PRECISION"
        case .tooLarge: "E_RANGE"
        }
    }
}
