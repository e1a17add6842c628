// The catalogue entries of `TableRules` (MedsiteValidate): the ids and explanations live here, below
// parsing, because parse errors and `medsite.yml` rule settings need every rule id.
extension RuleID {
    package static let tableMalformed: RuleID = "table-malformed"
}

extension RuleCatalogue {
    static let tableRules: [Rule] = [
        Rule(.tableMalformed, .error, "Lines that look like a table are not one, or a row has the wrong number of cells.",
             "A table is written with pipes: a header row, then a line of dashes with one `---` per column, then one line per row, with as many cells as the header: `| Age | Dose |`, `| --- | --- |`, `| 12 to 17 | 400 mg |`. Without the line of dashes, or when it marks a different number of columns than the header has, the lines are published as one run-on paragraph, which garbles doses and ranges. A row with fewer cells is shown with empty cells; a row with more cells loses the extra ones. A caption is a paragraph starting `Table:` right before or right after the table. Fix: add the line of dashes under the header with one `---` per column, and give every row one cell per column (an empty cell is `| |`)."),
    ]
}
