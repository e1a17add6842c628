import MedsiteBase
import MedsiteParse

/// Tables that did not come out as tables, or whose rows do not fit their columns (found when the
/// body was parsed, `MarkdownDocument.tableProblems`).
enum TableRules: ArticleRule {
    static func check(_ article: Article, context: ValidationContext, sink: inout DiagnosticSink) {
        for problem in article.document.tableProblems {
            let position = SourcePosition(line: problem.line, column: 1)
            switch problem.kind {
            case .noDelimiterRow:
                sink.report(.tableMalformed, at: position,
                            "these lines look like a table but have no line of dashes under the header row, so they are published as one run-on paragraph",
                            fix: "add a line like | --- | --- | under the first row, with one --- for each column")
            case .delimiterMismatch(let header, let delimiter):
                sink.report(.tableMalformed, at: position,
                            "the header row has \(cells(header)) but the line of dashes under it marks \(delimiter) \(delimiter == 1 ? "column" : "columns"), so the table is published as one run-on paragraph",
                            fix: "put one --- for each column in the line under the header: | \(Array(repeating: "---", count: header).joined(separator: " | ")) |")
            case .raggedRow(let count, let columns) where count < columns:
                sink.report(.tableMalformed, at: position,
                            "this row has \(cells(count)) but the table has \(columns) columns; the missing cells are shown empty",
                            fix: "add the missing cells, in the order of the header (an empty cell is | |)")
            case .raggedRow(let count, let columns):
                sink.report(.tableMalformed, at: position,
                            "this row has \(cells(count)) but the table has \(columns) columns; the extra cells are not shown",
                            fix: "remove the extra cells, or add a column to the header and to the line of dashes")
            }
        }
    }

    static func cells(_ count: Int) -> String { count == 1 ? "1 cell" : "\(count) cells" }
}
