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
