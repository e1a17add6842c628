import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// `medsite explain` and docs/rules.md, generated from the rule catalogue.
public enum RuleDocumentation {
    /// One rule, in full: what, default severity, how to configure it, the explanation.
    public static func explain(_ rule: Rule) -> String {
        var lines = ["\(rule.id.id) (\(rule.defaultSeverity.rawValue) by default)", "", rule.summary, "", rule.explanation, ""]
        lines.append(configuration(rule))
        if rule.id == .promotionalLanguage { lines += ["", "Built-in phrases: " + PhraseLists.promotional.joined(separator: "; ")] }
        if rule.id == .unsupportedClaim { lines += ["", "Built-in phrases: " + PhraseLists.unsupportedClaims.joined(separator: "; ")] }
        return lines.joined(separator: "\n") + "\n"
    }

    static func configuration(_ rule: Rule) -> String {
        if rule.isConfiguration { return "Site configuration rule: it always stops the build (exit status 2)." }
        if rule.isMandatory { return "Schema rule: it cannot be turned off, lowered or waived." }
        return "Configure in medsite.yml: `rules: {\(rule.id.id): error|warning|note|off}`; waive for one page with "
            + "`waive: {\(rule.id.id): \"reason\"}`; `--strict` makes warnings errors."
    }

    /// The rule id closest to a misspelt one.
    public static func closestRule(to id: String) -> String? {
        Suggestion.closest(to: id, among: RuleCatalogue.all.map(\.id.id))
    }

    /// Every rule on one line each: id, default severity, summary.
    public static func list() -> String {
        let width = RuleCatalogue.all.map(\.id.id.count).max() ?? 0
        return RuleCatalogue.all.map { rule in
            rule.id.id + String(repeating: " ", count: width - rule.id.id.count + 2)
                + rule.defaultSeverity.rawValue + String(repeating: " ", count: 9 - rule.defaultSeverity.rawValue.count) + rule.summary
        }.joined(separator: "\n") + "\n\nRun `medsite explain RULE` for the full explanation.\n"
    }

    /// docs/rules.md. Regenerate with `medsite explain --markdown > docs/rules.md` (a test checks it is current).
    public static func markdown() -> String {
        var text = """
        # medsite rules

        Generated from the rule catalogue by `medsite explain --markdown`; do not edit by hand.

        Every finding is printed as `path:line:column: severity: [rule] message — how to fix`.
        Severities: **error** stops the build (nothing is published), **warning** and **note** are reported.
        In medsite.yml, `rules:` changes a rule's severity or turns it off (`rules: {readability: error, long-sentence: off}`);
        a page may waive a rule for itself with a reason (`waive: {readability: "clinical terms are unavoidable"}`),
        and the waiver is reported as a note. `--strict` turns warnings into errors. Schema and configuration
        rules cannot be changed or waived.

        | Rule | Default | What it reports |
        | --- | --- | --- |

        """
        for rule in RuleCatalogue.all {
            text += "| [`\(rule.id.id)`](#\(rule.id.id)) | \(rule.defaultSeverity.rawValue) | \(rule.summary.replacingPipes) |\n"
        }
        for rule in RuleCatalogue.all {
            text += "\n## \(rule.id.id)\n\n**Default: \(rule.defaultSeverity.rawValue).** \(rule.summary)\n\n\(rule.explanation)\n\n\(configuration(rule))\n"
            if rule.id == .promotionalLanguage { text += "\nBuilt-in phrases: " + PhraseLists.promotional.map { "\"\($0)\"" }.joined(separator: ", ") + ".\n" }
            if rule.id == .unsupportedClaim { text += "\nBuilt-in phrases: " + PhraseLists.unsupportedClaims.map { "\"\($0)\"" }.joined(separator: ", ") + ".\n" }
        }
        return text
    }
}

extension String {
    fileprivate var replacingPipes: String { split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") }
}
