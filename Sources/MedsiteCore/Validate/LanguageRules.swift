extension RuleID {
    static let promotionalLanguage: RuleID = "promotional-language"
    static let unsupportedClaim: RuleID = "unsupported-claim"
}

extension RuleCatalogue {
    static let languageRules: [Rule] = [
        Rule(.promotionalLanguage, .error, "The text sells something (\"buy now\", \"get a sample PDF\", \"discount code\").",
             "Health information must be kept apart from advertising (HONcode, PIF TICK): a patient cannot trust advice that ends in a sales pitch, and spam articles copied from market-research sites read exactly like this. medsite searches the title, description, question and body for the phrases in its promotional list (`medsite explain promotional-language` in the docs lists them) plus any added under `phrases: promotional:` in medsite.yml. Fix: remove the sales wording and the commercial links; if a product must be named, describe it neutrally and cite independent evidence."),
        Rule(.unsupportedClaim, .error, "The text makes a claim no evidence supports (\"miracle cure\", \"100% safe\", \"no side effects\").",
             "Absolute or miraculous claims (\"guaranteed cure\", \"100% effective\", \"completely safe\", \"works for everyone\", \"they don't want you to know\") are the hallmark of health misinformation: no treatment works for everyone without risk. medsite searches the title, description, question and body for the phrases in its list plus any added under `phrases: unsupported_claims:` in medsite.yml, and reads the sentence around each one. A claim that is denied (\"there is no miracle cure\", \"no medicine is completely safe\") or debunked (\"websites that claim…\", \"it is a myth that…\", a next sentence \"This is not true.\") is not reported. Claims that are true of some people (\"no side effects\", \"completely safe\", \"works for everyone\", \"risk-free\") are not reported either when the sentence limits them (\"most people\", \"many\", \"some\", \"may\", \"can\", \"usually\", \"often\", \"rarely\", \"if\", \"for most people\", \"in most cases\") or asks a question; \"miracle cure\" and \"100% safe\" are never honest, hedged or not. Fix: state what the evidence shows, with its limits (\"most people have no side effects, or only a sore arm\"; \"in a trial of 500 people, 7 in 10 improved\"), and cite the source; if a sentence is quoted to debunk it, say so in the sentence, or waive the rule for the page with a reason."),
    ]
}

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
        func search(_ text: String, where location: String, at position: (Int) -> SourcePosition) {
            let found = matcher.matchesByList(in: PhraseMatcher.Haystack(text))
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
        for (field, value) in [("title", frontMatter.title), ("description", frontMatter.description),
                               ("question", frontMatter.question)] {
            guard let value else { continue }
            let position = frontMatter.position(of: field)
            search(value, where: "in the \(field)") { _ in position }
        }
        for block in blocks {
            search(block.text, where: block.kind == .paragraph ? "in the text" : "in a heading") {
                block.position(atUTF8Offset: $0)
            }
        }
    }
}

