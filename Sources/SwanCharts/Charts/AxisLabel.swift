/// The title of an axis: what is measured and its unit, always both ("C_base (SWAN)", "day").
///
/// The unit is not optional: WORKFLOW.md §3 asks for labelled axes with units on every chart.
public struct AxisLabel: Sendable, Equatable {
    /// What the axis measures ("UBI paid per day").
    public var name: String
    /// Its unit ("SWAN", "CU", "providers", "day", "%", "USD per GPU-hour").
    public var unit: String

    /// An axis measuring `name` in `unit`.
    public init(_ name: String, unit: String) {
        self.name = name
        self.unit = unit
    }

    /// The axis's own text: `name (unit)`, or the unit alone when they are the same word.
    public var text: String { name == unit ? unit : "\(name) (\(unit))" }

    /// A table heading for a series measured on this axis: `series (unit)`.
    public func heading(_ series: String) -> String { "\(series) (\(unit))" }
}

/// Estimated text widths for layout (labels are measured before the page has a font).
///
/// The page's charts use an 11 px sans-serif; 6.5 px per character over-estimates the digits
/// and most letters of common sans-serif fonts, so labels laid out with it do not overlap.
enum TextMetrics {
    /// Pixel width of `text` at the chart font size, in tenths.
    static func width(_ text: String) -> Tenths { Tenths(tenths: text.count * 65) }

    /// `text` cut to at most `characters` characters, with an ellipsis when cut.
    static func truncated(_ text: String, characters: Int) -> String {
        guard text.count > characters, characters >= 2 else { return text }
        return String(text.prefix(characters - 1)) + "…"
    }
}
