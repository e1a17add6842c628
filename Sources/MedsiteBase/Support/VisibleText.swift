/// Text from a file made safe to print: characters that a terminal, a log viewer or a browser
/// would act on instead of showing are written as `<U+001B>`.
///
/// That is C0 controls (ESC starts the escape sequences that erase lines or retitle the window;
/// a line break would start a forged line of the report), DEL, C1 controls (U+009B is a one-byte
/// ESC [), the line and paragraph separators, and the bidirectional overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069), which can make text read differently from what it is.
public enum VisibleText {
    public static func mustEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: mustEscape) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if mustEscape(scalar) { result += notation(scalar) } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    /// `<U+001B>`: how Unicode names a character, readable and never acted on.
    public static func notation(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }

    /// A source line to print, and how many characters of it come before the 1-based `column`
    /// (a count of Unicode scalars, as libyaml and medsite count columns). A tab is shown as `␉`,
    /// so the caret under it lines up and the editor sees where the tab is.
    public static func excerpt(_ line: String, column: Int) -> (text: String, caret: Int) {
        var text = "", caret = 0
        for (index, scalar) in line.unicodeScalars.enumerated() {
            let shown = scalar == "\t" ? "\u{2409}" : mustEscape(scalar) ? notation(scalar) : String(scalar)
            if index < column - 1 { caret += shown.count }
            text += shown
        }
        return (text, caret)
    }
}
