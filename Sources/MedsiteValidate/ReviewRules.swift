import MedsiteBase
import MedsiteParse

/// Review dates: the page must say truthfully when a clinician last looked at it.
enum ReviewRules: ArticleRule {
    static func check(_ article: Article, context: ValidationContext, sink: inout DiagnosticSink) {
        let frontMatter = article.frontMatter
        guard let last = frontMatter.lastReviewed else { return }
        if last > context.today {
            sink.report(.reviewInFuture, at: frontMatter.position(of: .lastReviewed),
                        "last_reviewed \(last.iso) is after today (\(context.today.iso))",
                        fix: "set it to the day the review actually took place")
        }
    }
}
