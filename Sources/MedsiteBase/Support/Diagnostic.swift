
/// One problem found in one place: what, where, which rule, and how to fix it.
public struct Diagnostic: Hashable, Sendable, Error {
    /// Path relative to the site folder, e.g. `Content/pml.md` or `medsite.yml`.
    public var file: String
    public var position: SourcePosition
    public var severity: Severity
    public var rule: RuleID
    public var message: String
    /// What the editor should do about it; printed after the message.
    public var fix: String?
    /// The text of line `position.line` as the file has it, when seeing it helps (a YAML mistake):
    /// text output shows it under the message with a caret at `position.column`.
    public var sourceLine: String?

    public init(file: String, position: SourcePosition, severity: Severity? = nil, rule: RuleID,
                message: String, fix: String? = nil, sourceLine: String? = nil) {
        self.file = file
        self.position = position
        self.severity = severity ?? rule.defaultSeverity
        self.rule = rule
        self.message = message
        self.fix = fix
        self.sourceLine = sourceLine
    }

    /// `Content/pml.md:4:15: error: [required-field] 'reviewed_by' is required — fix`, on one line:
    /// control characters from the file (terminal escapes, line breaks, bidi overrides) are shown
    /// as `<U+001B>`, so front matter can neither move the cursor nor forge a line of the report.
    public var formatted: String {
        var line = "\(VisibleText.escaped(file)):\(position.line):\(position.column): \(severity.rawValue): [\(rule.id)] \(VisibleText.escaped(message))"
        if let fix { line += " — \(VisibleText.escaped(fix))" }
        return line
    }

    /// `formatted`, then the source line with a caret under the column, when there is one:
    ///
    ///     Content/shingles.md:2:16: error: [frontmatter-syntax] …
    ///         2 | title: Shingles: what to expect
    ///           |                ^
    public var formattedWithSource: String {
        guard let sourceLine else { return formatted }
        let (shown, caret) = VisibleText.excerpt(sourceLine, column: position.column)
        let number = String(position.line)
        let gutter = String(repeating: " ", count: number.count)
        return formatted + "\n    \(number) | \(shown)\n    \(gutter) | \(String(repeating: " ", count: caret))^"
    }

    /// Diagnostics in a stable order: by file, then position, then rule, so reports are deterministic.
    public static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.sorted {
            ($0.file, $0.position.line, $0.position.column, $0.rule.id, $0.message)
                < ($1.file, $1.position.line, $1.position.column, $1.rule.id, $1.message)
        }
    }
}
