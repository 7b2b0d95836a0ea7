/// Text from a file, made safe to print on a terminal (WORKFLOW.md §9.5).
///
/// A scenario, a ledger or a proof is written by whoever handed it over. Printed raw, a carriage
/// return and `ESC [2K` in a ledger's `reason` would erase a failure line and draw a fake "ok" in
/// its place, an OSC sequence would retitle the window, and a right-to-left override would reorder
/// what follows on the line. Every character a terminal acts on is written as `\u{XXXX}` instead:
/// the C0 controls U+0000–U+001F, DEL and the C1 controls U+007F–U+009F, and the bidirectional
/// embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069.
public enum TerminalText {
    /// True for a character a terminal would act on rather than show.
    @inline(__always)
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value)
    }

    /// `text` with every control written as `\u{XXXX}` (four or more uppercase hex digits), a
    /// line feed included: one call gives one line. Text without controls comes back unchanged.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else {
                out.append(scalar)
                continue
            }
            out.append(contentsOf: escape(scalar).unicodeScalars)
        }
        return String(out)
    }

    /// `\u{XXXX}` for one scalar.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "\\u{" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "}"
    }
}
