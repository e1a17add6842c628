import MedsiteBase
import MedsiteParse

/// A translation reviewed before the page it translates was last reviewed (`translation-stale`),
/// and one that includes a snippet in the site's language (`snippet-untranslated`).
enum TranslationRules: ArticleRule {
    static func check(_ article: Article, context: ValidationContext, sink: inout DiagnosticSink) {
        guard let code = article.languageCode else { return }
        let snippets = Set(article.includedSnippets.map(\.name))
        for include in article.document.snippetIncludes where snippets.contains(include.name) {
            let language = ContentLanguage.englishName(code) ?? code
            sink.report(.snippetUntranslated, at: include.position,
                        "the snippet '\(include.name)' is written in the site's language, so this \(language) page would show it untranslated",
                        fix: "write its advice into this page in \(language) (a care card such as `> [!EMERGENCY]` where it is one) in place of the line `> [!SNIPPET] \(include.name)`")
        }
        guard let source = context.translationSources[article.translationKey],
              let stale = staleness(of: article, source: source) else { return }
        let texts = ThemeTexts()
        sink.report(.translationStale, at: article.frontMatter.position(of: .lastReviewed),
                    "\(source.path) was reviewed again on \(texts.date(stale.source)), after this translation (last reviewed \(texts.date(stale.translation))): it may no longer say what the original says",
                    fix: "have the translation brought up to date with \(source.path) and checked by a clinician who reads the language, then move 'last_reviewed' to the day they did")
    }

    /// The two review dates when the original was reviewed after the translation; nil otherwise.
    package static func staleness(of article: Article, source: ValidationContext.TranslationSource) -> (translation: CalendarDate, source: CalendarDate)? {
        guard let own = article.frontMatter.lastReviewed, let original = source.lastReviewed, original > own else { return nil }
        return (own, original)
    }
}
