import MedsiteBase
import MedsiteParse

/// The change log (`changes:`): no change dated after today, and no clinical change after the page's
/// last review (a review date promises that a clinician read the advice as it is).
enum ChangeLogRules: ArticleRule {
    static func check(_ article: Article, context: ValidationContext, sink: inout DiagnosticSink) {
        let frontMatter = article.frontMatter
        for (index, change) in frontMatter.changes.enumerated() {
            let name = "changes[\(index + 1)]"
            if change.date > context.today {
                sink.report(.reviewInFuture, at: change.position,
                            "\(name) is dated \(change.date.iso), after today (\(context.today.iso))",
                            fix: "set its date to the day the page changed")
                continue
            }
            guard change.kind == .clinical, let last = frontMatter.lastReviewed, change.date > last else { continue }
            sink.report(.clinicalChangeUnreviewed, at: change.position,
                        "\(name) is a clinical change on \(change.date.iso) ('\(change.summary)'), after the page's last review on \(last.iso)",
                        fix: "have a clinician review the page and set last_reviewed to the day they did (\(change.date.iso) or later); if the change only fixed a typo or wording, write 'kind: minor'")
        }
    }
}
