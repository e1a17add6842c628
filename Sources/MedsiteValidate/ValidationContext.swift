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
