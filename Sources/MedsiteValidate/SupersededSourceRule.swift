import MedsiteBase
import MedsiteParse

/// `source-superseded`: the page cites a source medsite.yml lists as withdrawn or replaced (from the
/// day it was). When the page was last reviewed before that day it is also due for review from it
/// (`Article.nextReview`, reported by `ReviewScheduleRules`).
enum SupersededSourceRule: ArticleRule {
    static func check(_ article: Article, context: ValidationContext, sink: inout DiagnosticSink) {
        let settings = context.settings
        guard !settings.supersededSources.isEmpty else { return }
        let frontMatter = article.frontMatter
        for (index, source) in frontMatter.sources.enumerated() {
            guard let superseded = settings.supersededSource(citedAs: source.url), superseded.date <= context.today else { continue }
            let name = "sources[\(index + 1)]"
            let what = superseded.replacedBy.map { "was replaced on \(superseded.date.iso) by \($0)" }
                ?? "was withdrawn on \(superseded.date.iso)"
            let note = superseded.note.map { " (\($0))" } ?? ""
            var reviewed = ""
            if let last = frontMatter.lastReviewed {
                reviewed = last < superseded.date
                    ? "; the page was last reviewed on \(last.iso), before that, so it is due for review"
                    : "; the page was reviewed since (\(last.iso)) but still cites it"
            }
            let check = superseded.replacedBy.map { "against \($0) and replace \(name) with it (its title and url)" }
                ?? "against current guidance and replace or remove \(name)"
            sink.report(.sourceSuperseded, at: source.urlPosition,
                        "\(name) '\(source.title)' (\(source.url)) \(what)\(note)\(reviewed)",
                        fix: "have a clinician check the page \(check), then set last_reviewed to the day of that review; "
                            + "if the page cites it on purpose, waive the rule with the reason: waive: {source-superseded: \"…\"}")
        }
    }
}
