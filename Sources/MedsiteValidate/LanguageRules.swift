import MedsiteBase
import MedsiteParse

/// Promotional wording and unsupported claims, anywhere a reader sees text.
enum LanguageRules: ArticleRule {
    /// One matcher for both lists (promotional first, claims second), so each text is scanned once.
    static let builtInMatcher = PhraseMatcher(lists: [PhraseLists.phrases(PhraseLists.promotional, extra: "", settings: SiteSettings()),
                                                      PhraseLists.phrases(PhraseLists.unsupportedClaims, extra: "", settings: SiteSettings())])

    /// The built-in matcher is built once; a site that adds phrases gets its own per article.
    static func matcher(for settings: SiteSettings) -> PhraseMatcher {
        guard !settings.extraPhrases.values.allSatisfy(\.isEmpty) else { return builtInMatcher }
        return PhraseMatcher(lists: [PhraseLists.phrases(PhraseLists.promotional, extra: "promotional", settings: settings),
                                     PhraseLists.phrases(PhraseLists.unsupportedClaims, extra: "unsupported_claims", settings: settings)])
    }

    static func check(_ article: Article, context: ValidationContext, sink: inout DiagnosticSink) {
        check(article, blocks: ProseText.blocks(of: article.document), context: context, sink: &sink)
    }

    /// `check` with the article's prose blocks, when the caller has them already (readability needs them too).
    static func check(_ article: Article, blocks: [ProseBlock], context: ValidationContext, sink: inout DiagnosticSink) {
        let matcher = matcher(for: context.settings)
        func search(_ text: String, haystack: PhraseMatcher.Haystack? = nil, where location: String, at position: (Int) -> SourcePosition) {
            let found = matcher.matchesByList(in: haystack ?? PhraseMatcher.Haystack(text))
            let (promotional, claims) = (found[0], found[1])
            for match in promotional {
                sink.report(.promotionalLanguage, at: position(match.offset), "promotional wording '\(match.phrase)' \(location)",
                            fix: "remove the sales pitch and any shop or report links; health information stays apart from advertising")
            }
            for match in claims where ClaimContext.isAsserted(match.phrase, in: text, at: match.offset) {
                sink.report(.unsupportedClaim, at: position(match.offset), "unsupported claim '\(match.phrase)' \(location)",
                            fix: "say what the evidence shows, with its limits, and cite it in sources")
            }
        }
        let frontMatter = article.frontMatter
        for (field, value) in [(FrontMatterField.title, frontMatter.title), (.description, frontMatter.description),
                               (.question, frontMatter.question)] {
            guard let value else { continue }
            let position = frontMatter.position(of: field)
            search(value, where: "in the \(field.name)") { _ in position }
        }
        for block in blocks {
            search(block.text, haystack: block.haystack, where: block.kind == .paragraph ? "in the text" : "in a heading") {
                block.position(atUTF8Offset: $0)
            }
        }
    }
}

