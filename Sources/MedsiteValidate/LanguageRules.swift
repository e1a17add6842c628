import MedsiteBase
import MedsiteParse

/// Promotional wording and unsupported claims, anywhere a reader sees text.
enum LanguageRules: ArticleRule {
    static func check(_ article: Article, context: ValidationContext, sink: inout DiagnosticSink) {
        check(article, blocks: ProseText.blocks(of: article.document, phrases: ProsePhrases.matcher(for: context.settings)), context: context, sink: &sink)
    }

    /// `check` with the article's prose blocks, when the caller has them already (readability needs them too).
    static func check(_ article: Article, blocks: [ProseBlock], context: ValidationContext, sink: inout DiagnosticSink) {
        // The blocks were searched when they were read; front matter texts are searched here.
        var matcher: PhraseMatcher?
        func search(_ text: String, found: [[(phrase: String, offset: Int)]]? = nil, where location: String, at position: (Int) -> SourcePosition) {
            let found = found ?? {
                if matcher == nil { matcher = ProsePhrases.matcher(for: context.settings) }
                return matcher!.matchesByList(in: PhraseMatcher.Haystack(text))
            }()
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

