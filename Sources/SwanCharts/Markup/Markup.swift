/// Escaping for text placed in HTML and SVG, shared by every writer of the page.
public enum Markup {
    /// `text` safe inside an element or a double-quoted attribute: `&`, `<`, `>`, `"` and `'`
    /// become character references, so a provider id or a parameter value can never open a tag
    /// or end an attribute.
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { needsEscape($0) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// An id fragment made of `[a-z0-9-]` only (other characters become `-`), for anchors and
    /// the file names of CSV downloads.
    public static func slug(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            let plain = (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9")
            if plain { out.unicodeScalars.append(scalar) } else if !out.hasSuffix("-") { out += "-" }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "x" : out
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
