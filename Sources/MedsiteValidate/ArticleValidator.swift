import MedsiteBase
import MedsiteParse

/// What content rules may look at besides the article itself.
public struct ValidationContext: Sendable {
    /// The site's settings, `localized` for the language of the article being validated.
    public var settings: SiteSettings
    public let today: CalendarDate
    /// Every article of the site by address (`Article.address`: its slug, `es/slug` for a
    /// translation), with its heading ids: for link checks. A list, not a set: a page has a handful,
    /// and hashing them all cost a one-edit rebuild 10,000 sets.
    public let anchorsBySlug: [String: [String]]
    /// Content path → address, for links written as source files.
    public let slugsByContentPath: [String: String]
    /// Addresses of articles that exist but are not published (drafts, withheld overdue pages), with why.
    public var unpublished: [String: String] = [:]
    /// The page in the site's language of each translated page, by `Article.translationKey`: what
    /// `translation-stale` compares a translation's review with.
    public var translationSources: [String: TranslationSource] = [:]

    /// What a translation's checks know of the page it translates.
    public struct TranslationSource: Sendable, Equatable {
        public let path: String
        public let lastReviewed: CalendarDate?
        public init(path: String, lastReviewed: CalendarDate?) {
            self.path = path
            self.lastReviewed = lastReviewed
        }
    }

    /// The context as an article in `code` sees it (its settings in its language).
    public func localized(_ code: String?) -> ValidationContext {
        guard code != settings.languageCode else { return self }
        var context = self
        context.settings = settings.localized(code)
        return context
    }
    /// Paths under Content/ of its other files (images, PDFs), for relative file links; nil when
    /// unknown (the fuzzer's single article), and such links are then not checked.
    public var contentFiles: Set<String>?

    package init(settings: SiteSettings, today: CalendarDate, anchorsBySlug: [String: [String]],
                 slugsByContentPath: [String: String], unpublished: [String: String] = [:]) {
        self.settings = settings
        self.today = today
        self.anchorsBySlug = anchorsBySlug
        self.slugsByContentPath = slugsByContentPath
        self.unpublished = unpublished
    }
}

/// One family of content rules. Rules only report; the severity policy decides what stops a build.
public protocol ArticleRule {
    static func check(_ article: Article, context: ValidationContext, sink: inout DiagnosticSink)
}

/// Runs every content rule over one article.
public enum ArticleValidator {
    /// The rule families, in the order their findings are most useful to read.
    static let families: [any ArticleRule.Type] = [ReviewRules.self, ReviewScheduleRules.self, TranslationRules.self, ChangeLogRules.self,
                                                   SupersededSourceRule.self, LinkRules.self,
                                                   LanguageRules.self, PlaceholderRules.self, StructureRules.self,
                                                   EmergencyAdviceRule.self, ReadabilityRules.self, TableRules.self]

    public static func validate(_ article: Article, context: ValidationContext) -> [Diagnostic] {
        var sink = DiagnosticSink(file: article.source.relativePath)
        for family in families { family.check(article, context: context, sink: &sink) }
        return sink.diagnostics
    }
}

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
