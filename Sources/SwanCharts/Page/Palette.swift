/// Series colours: the Okabe–Ito palette, distinguishable with the common colour-vision
/// deficiencies, without its yellow (too pale for lines on white).
public enum Palette {
    /// Colours in the order series take them.
    public static let series = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#7F6A00", "#444444"]

    /// The `index`-th series colour (the palette repeats after eight).
    public static func color(_ index: Int) -> String { series[index % series.count] }

    /// Reference lines (targets, thresholds): dark grey and dashed, never a series colour.
    public static let reference = "#555555"

    /// Provider statuses, the same on every chart: active green, nsc orange, suspended
    /// vermillion, exited grey, removed near-black.
    public static func status(_ name: String) -> String {
        switch name {
        case "active": "#009E73"
        case "nsc": "#E69F00"
        case "suspended": "#D55E00"
        case "exited": "#999999"
        case "removed": "#333333"
        default: "#56B4E9"
        }
    }
}
