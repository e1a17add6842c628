// The catalogue entry of `PlaceholderRules` (MedsiteValidate): the ids and explanations live here, below
// parsing, because parse errors and `medsite.yml` rule settings need every rule id.
extension RuleID {
    package static let placeholderValue: RuleID = "placeholder-value"
}

extension RuleCatalogue {
    static let placeholderRules: [Rule] = [
        Rule(.placeholderValue, .error, "The page still holds a placeholder: an example reviewer, an example source, TODO, or guidance text.",
             "`medsite init` writes an example article with an invented reviewer (\"Dr Alex Example, MBBS MRCGP\"), and `medsite new` writes guidance sentences for the editor to replace. A page that still holds them would tell patients a clinician checked it when none did. medsite refuses to publish a page whose reviewer or author is a scaffold's stand-in (or \"Name\", \"Reviewer\"), whose source address is on a domain reserved for examples (example.org, example.com, example.net, `.example`, `.test`, `.invalid`, localhost), whose text holds TODO, FIXME or XXX in capitals, \"Lorem ipsum\", or a field that is only TBC, TBD, TBA, \"?\" or \"...\", or whose body still has a scaffold's guidance paragraph. Like the required fields, this rule cannot be turned off or waived: a draft (`draft: true`) is never published, so there it is a warning. Fix: replace the value with the real one: the name and credentials of the clinician who reviewed the page, the address of the real source, your own words.",
             mandatory: true),
    ]
}
