/// What a rule checks, how bad breaking it is by default, and how an editor fixes it.
public struct Rule: Sendable {
    public let id: RuleID
    public let defaultSeverity: Severity
    public let summary: String
    /// One paragraph: why the rule exists and how to fix what it reports.
    public let explanation: String
    /// Site-level rules (settings, themes) stop the build with exit status 2, not 1.
    public let isConfiguration: Bool
    /// Schema rules keep pages from going out without what patients rely on; medsite.yml and
    /// waivers cannot turn them off or lower them.
    public let isMandatory: Bool

    init(_ id: RuleID, _ severity: Severity, _ summary: String, _ explanation: String, configuration: Bool = false,
         mandatory: Bool = false) {
        self.isMandatory = mandatory || configuration
        self.id = id
        self.defaultSeverity = severity
        self.summary = summary
        self.explanation = explanation
        self.isConfiguration = configuration
    }
}
