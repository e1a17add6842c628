import MedsiteBase
import MedsiteParse

/// Promotional wording and unsupported claims, anywhere a reader sees text.
enum LanguageRules: ArticleRule {
    static func check(_ article: Article, context: ValidationContext, sink: inout DiagnosticSink) {
        let phrases = ProsePhrases.matcher(for: context.settings)
        check(article, blocks: ProseText.blocks(of: article.document, phrases: phrases), phrases: phrases, context: context, sink: &sink)
    }

    /// `check` with the article's prose blocks, when the caller has them already (readability needs
    /// them too), and the matcher they were searched with (`ProsePhrases.matcher`), which searches
    /// the front matter texts here.
    static func check(_ article: Article, blocks: [ProseBlock], phrases: PhraseMatcher, context: ValidationContext, sink: inout DiagnosticSink) {
        func search(_ text: String, found: [[(phrase: String, offset: Int)]]? = nil, where location: String, at position: (Int) -> SourcePosition) {
            let found = found ?? phrases.matchesByList(in: PhraseMatcher.Haystack(text))
            let (promotional, claims) = (found[ProsePhrases.promotional], found[ProsePhrases.unsupportedClaims])
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
            search(block.text, found: block.phrases, where: block.kind == .paragraph ? "in the text" : "in a heading") {
                block.position(atUTF8Offset: $0)
            }
        }
    }
}

