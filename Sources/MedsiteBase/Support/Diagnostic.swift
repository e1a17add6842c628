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

    public init(file: String, position: SourcePosition, severity: Severity? = nil, rule: RuleID,
                message: String, fix: String? = nil) {
        self.file = file
        self.position = position
        self.severity = severity ?? rule.defaultSeverity
        self.rule = rule
        self.message = message
        self.fix = fix
    }

    /// `Content/pml.md:4:15: error: [required-field] 'reviewed_by' is required — fix`
    public var formatted: String {
        var line = "\(file):\(position.line):\(position.column): \(severity.rawValue): [\(rule.id)] \(message)"
        if let fix { line += " — \(fix)" }
        return line
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
                                fix: String? = nil, severity: Severity? = nil) {
        diagnostics.append(Diagnostic(file: file, position: position, severity: severity, rule: rule,
                                      message: message, fix: fix))
    }

    public mutating func append(contentsOf other: [Diagnostic]) { diagnostics.append(contentsOf: other) }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
