import MedsiteBase

/// A YAML text as the file holds it: turns libyaml's line and column into the file's, and gives
/// the text of a file line for a diagnostic's excerpt.
///
/// libyaml counts U+0085, U+2028 and U+2029 as line breaks (YAML 1.1); editors and medsite count
/// only LF, so after one of them every line libyaml reports is too far down. When the text holds
/// any of them, `breaks` maps each libyaml line to the file line and column it starts at.
struct YAMLSource {
    let text: String
    /// Add to a YAML line (from 1) to get the file's line: 1 for front matter (after `---`), 0 for medsite.yml.
    let lineOffset: Int
    /// For libyaml line `n` (from 1), `breaks[n - 1]`: the 1-based line of the YAML text and the number
    /// of characters before it on that line. nil when libyaml and the file agree.
    private let breaks: [(line: Int, column: Int)]?

    init(_ text: String, lineOffset: Int) {
        self.text = text
        self.lineOffset = lineOffset
        breaks = Self.unicodeBreaks(in: text)
    }

    /// The file position of libyaml's 1-based `line` and `column` (counted in characters, as libyaml does).
    func position(line: Int, column: Int) -> SourcePosition {
        guard let breaks, line >= 1, line <= breaks.count else {
            return SourcePosition(line: line + lineOffset, column: column)
        }
        let start = breaks[line - 1]
        return SourcePosition(line: start.line + lineOffset, column: start.column + column)
    }

    /// The text of file line `line`, when it is a line of this YAML.
    func fileLine(_ line: Int) -> String? {
        let index = line - lineOffset - 1
        guard index >= 0 else { return nil }
        var current = 0
        for candidate in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == index { return String(candidate) }
            current += 1
        }
        return nil
    }

    /// Every line of the YAML text, the first being file line `lineOffset + 1`.
    var lines: [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false) }

    private static func unicodeBreaks(in text: String) -> [(line: Int, column: Int)]? {
        // U+0085 is C2 85 in UTF-8; U+2028 and U+2029 are E2 80 A8/A9. Most front matter has neither lead byte pair.
        var copy = text
        let found = copy.withUTF8 { bytes in
            var previous: UInt8 = 0
            for byte in bytes {
                if previous == 0xC2 && byte == 0x85 || previous == 0x80 && (byte == 0xA8 || byte == 0xA9) { return true }
                previous = byte
            }
            return false
        }
        guard found else { return nil }
        var breaks: [(line: Int, column: Int)] = [(1, 0)]
        var line = 1, column = 0
        var afterCR = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A:
                if afterCR { breaks.removeLast() } // CR LF is one break to libyaml
                line += 1
                column = 0
                breaks.append((line, 0))
            case 0x0D, 0x85, 0x2028, 0x2029:
                column += 1
                breaks.append((line, column))
            default:
                column += 1
            }
            afterCR = scalar.value == 0x0D
        }
        return breaks
    }
}
