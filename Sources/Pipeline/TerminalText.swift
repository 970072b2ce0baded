/// Text from pipeline files and inputs made safe to print: control characters never reach a terminal raw.
public enum TerminalText {
    /// True when `text` has no control or format characters (NUL, ESC, BEL, zero-width marks, …).
    public static func isPrintable(_ text: String) -> Bool {
        !text.unicodeScalars.contains(where: isHidden)
    }

    /// `text` with every control or format character written as `\u{…}` (`a\u{0}b`), so that a
    /// message quoting it shows what is there and cannot move the cursor or change colours.
    public static func visible(_ text: String, keepingNewlines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: isHidden) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if keepingNewlines && (scalar == "\n" || scalar == "\t") {
                out.unicodeScalars.append(scalar)
            } else if isHidden(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse: true
        default: false
        }
    }
}
