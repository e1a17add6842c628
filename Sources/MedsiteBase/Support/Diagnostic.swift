/// How serious a problem is. Errors stop a build; warnings and notes are reported.
public enum Severity: String, Sendable, Comparable, CaseIterable, Codable {
    case note, warning, error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        let order: [Severity] = [.note, .warning, .error]
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }
}

/// A line and column in a file, both counted from 1.
public struct SourcePosition: Hashable, Sendable, Codable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int = 1) {
        self.line = line
        self.column = column
    }
    public static let start = SourcePosition(line: 1, column: 1)
}

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

/// Collects diagnostics for one file, so rule code only says what and where.
public struct DiagnosticSink: Sendable {
    public let file: String
    public private(set) var diagnostics: [Diagnostic] = []

    public init(file: String) { self.file = file }

    public mutating func report(_ rule: RuleID, at position: SourcePosition, _ message: String,
                                fix: String? = nil, severity: Severity? = nil, sourceLine: String? = nil) {
        diagnostics.append(Diagnostic(file: file, position: position, severity: severity, rule: rule,
                                      message: message, fix: fix, sourceLine: sourceLine))
    }

    public mutating func append(contentsOf other: [Diagnostic]) { diagnostics.append(contentsOf: other) }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
