import MedsiteBase
import MedsiteParse

/// Decides each diagnostic's final severity from medsite.yml, `--strict`, page waivers and drafts.
public struct SeverityPolicy: Sendable {
    public let settings: SiteSettings
    public let strict: Bool

    public init(settings: SiteSettings, strict: Bool) {
        self.settings = settings
        self.strict = strict
    }

    /// Applies the policy to one file's diagnostics. `waivers` come from the page's `waive:`.
    /// `noteWaivers`: report each waiver used (false when the page's other diagnostics already did).
    public func apply(_ diagnostics: [Diagnostic], waivers: [RuleID: String] = [:], isDraft: Bool = false,
                      waiverPosition: SourcePosition = .start, noteWaivers: Bool = true) -> [Diagnostic] {
        var result: [Diagnostic] = []
        var usedWaivers = Set<RuleID>()
        for var diagnostic in diagnostics {
            let mandatory = diagnostic.rule.rule?.isMandatory ?? true
            if !mandatory {
                if let reason = waivers[diagnostic.rule] {
                    usedWaivers.insert(diagnostic.rule)
                    _ = reason
                    continue
                }
                switch settings.ruleSettings[diagnostic.rule] {
                case .off: continue
                case .severity(let severity): diagnostic.severity = severity
                case nil: break
                }
            }
            if strict, diagnostic.severity == .warning { diagnostic.severity = .error }
            // A draft is not published, so its problems inform rather than stop the build.
            if isDraft, diagnostic.severity == .error { diagnostic.severity = .warning }
            result.append(diagnostic)
        }
        if noteWaivers, let file = diagnostics.first?.file {
            for rule in usedWaivers.sorted() {
                result.append(Diagnostic(file: file, position: waiverPosition, severity: .note, rule: rule,
                                         message: "waived for this page: \(waivers[rule]!)"))
            }
        }
        return result
    }
}
