import ArgumentParser
import MedsiteCore

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a rule, or list every rule.",
        discussion: "`medsite explain --markdown > docs/rules.md` regenerates the rule reference."
    )

    @Argument(help: ArgumentHelp("A rule id, as printed in brackets: review-overdue.", valueName: "rule"))
    var rule: String?

    @Flag(name: .long, help: "Print the full rule reference as Markdown.")
    var markdown = false

    mutating func run() throws {
        if markdown {
            print(RuleDocumentation.markdown(), terminator: "")
            return
        }
        guard let rule else {
            print(RuleDocumentation.list(), terminator: "")
            return
        }
        guard let found = RuleID(rule).rule else {
            let suggestion = RuleDocumentation.closestRule(to: rule)
            throw ValidationError("there is no rule '\(rule)'" + (suggestion.map { ": did you mean '\($0)'?" } ?? "")
                                  + " (`medsite explain` lists them all)")
        }
        print(RuleDocumentation.explain(found), terminator: "")
    }
}
