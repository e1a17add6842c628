extension FrontMatterField {
    /// The field's row in the front-matter table of docs/editors.md: what to write, and an example.
    public var editorsGuide: (value: String, example: String) {
        switch self {
        case .title: ("text: the page heading",
                      "`title: \"Natalizumab and the risk of PML\"`")
        case .description: ("text: the short answer in one or two sentences, shown under the title and in search results",
                             "`description: \"It can rarely cause PML. Regular tests keep the risk low.\"`")
        case .slug: ("the page address: lowercase letters (any script: `diabetes-für-kinder`, `哮喘`) and digits joined by hyphens; default the file name. Reserved: `assets`, `search`, `conditions`, `condition`, `tags`, `tag`, `404`, `index`, `sitemap`, `feed`, `robots`, `medsite`",
                      "`slug: pml-treatment`")
        case .aliases: ("old addresses of this page on this site; each sends readers here (a redirect page and a line in `_redirects`). Use it when you rename a slug, so links in leaflets and letters keep working",
                         "`aliases: [/pml-old-name/]`")
        case .type: ("`article` (default) or `short-answer`",
                      "`type: short-answer`")
        case .question: ("text: the patient's question, ending in `?`; shown under the title unless it only restates it",
                          "`question: \"Is there a cure for PML?\"`")
        case .condition: ("a name, or `name` and `icd10` (ICD-10 code: letter, two digits, optional `.` and up to 4 more; the condition page keeps it in a closed \"Doctors' code for this condition\" box, with what it means)",
                           "`condition: {name: Multiple sclerosis, icd10: G35}`")
        case .audience: ("`patient` (default), `caregiver` or `clinician`",
                          "`audience: caregiver`")
        case .lastReviewed: ("date `YYYY-MM-DD`: the day a clinician reviewed the page; never in the future",
                              "`last_reviewed: 2026-04-07`")
        case .nextReview: ("date `YYYY-MM-DD`; default `last_reviewed` + `review.interval_months` (36)",
                            "`next_review: 2027-04-07`")
        case .reviewedBy: ("`\"Name, credentials\"`, or a list of `name:` / `credentials:`",
                            "`reviewed_by: \"Dr Amelia Hart, MD FRCP (Neurology)\"`")
        case .changes: ("a list of changes since publication, each with `date`, a one-sentence `summary` and `kind`: `clinical` (needs `last_reviewed` on or after the date) or `minor` (a typo or wording fix: lets a build accept the change without a new review; see [Recording a change](#recording-a-change-the-change-log)). Shown on the page under \"What changed\"",
                         "see below")
        case .authors: ("a name or a list of names, shown at the top as \"Written by …\"",
                         "`authors: [\"Sam Okafor\"]`")
        case .sources: ("a list, at least one; each with `title` and `url` (https://), optionally `publisher` and `date` (a year, month or day; see below)",
                         "see below")
        case .disclaimer: ("a key under `disclaimers:` in medsite.yml; default `default_disclaimer`",
                            "`disclaimer: treatment`")
        case .tags: ("a word or a list",
                      "`tags: [asthma, inhalers]`")
        case .alsoCalled: ("other names readers search by (lay names, older names, abbreviations): a word or a list",
                            "`also_called: [fits, epilepsy]`")
        case .draft: ("`true`: checked, never published",
                      "`draft: true`")
        case .waive: ("rules this page waives for itself, each with the reason (reported in every build; rules that keep patients safe cannot be waived)",
                      "`waive: {readability: \"drug names are unavoidable here\"}`")
        }
    }

    /// The "Required" column: yes, no, or when.
    var editorsRequirement: String {
        switch requirement {
        case .required: "yes"
        case .forShortAnswer: "for `short-answer`"
        case .optional: "no"
        }
    }

    /// The front-matter table of docs/editors.md, every field in `FrontMatterField` order
    /// (`make fields-doc` writes it there; a unit test fails when the docs are stale).
    public static func editorsTable() -> String {
        var lines = ["| Field | Required | Value | Example |", "|---|---|---|---|"]
        for field in allCases {
            let guide = field.editorsGuide
            lines.append("| `\(field.name)` | \(field.editorsRequirement) | \(guide.value) | \(guide.example) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
