import MedsiteBase

/// An article's front matter, typed. Fields stay optional so that every problem of a file can be
/// reported in one run; pages are only rendered once a build has no errors at all.
public struct FrontMatter: Sendable {
    public var title: String?
    public var description: String?
    public var slug: String
    public var type: ArticleType = .article
    public var question: String?
    public var condition: Condition?
    public var audience: Audience = .patient
    public var lastReviewed: CalendarDate?
    public var nextReview: CalendarDate?
    public var nextReviewIsExplicit = false
    public var reviewers: [Reviewer] = []
    /// The change log (`changes:`), in the order written.
    public var changes: [PageChange] = []
    public var authors: [String] = []
    public var sources: [SourceReference] = []
    public var disclaimer: String
    public var tags: [String] = []
    /// Old addresses of this page (`PageAlias`: `old-name/`), each redirected here.
    public var aliases: [String] = []
    /// Other names readers search by (lay names, older names, abbreviations): found by search, ranked below the title.
    public var alsoCalled: [String] = []
    public var draft = false
    /// Rules this page waives for itself, each with the reason the editor gave.
    public var waivers: [RuleID: String] = [:]
    /// Where each field's value starts (and `<key>.key` where its key starts), for diagnostics.
    public var positions: [String: SourcePosition] = [:]

    public func position(of field: FrontMatterField) -> SourcePosition { positions[field.name] ?? .start }

    /// Names medsite itself uses at the top of Output/, so no article may take them.
    public static let reservedSlugs: Set<String> = ["assets", "search", "conditions", "condition", "tags", "tag",
                                                    "404", "index", "sitemap", "feed", "robots", "medsite"]

    /// A slug is a folder name in Output/ (`slug/index.html`), written first under a staging or
    /// temporary name (`.medsite-tmp-…-slug`); 200 bytes keeps every such name within the 255 bytes a
    /// file name may have on Linux and macOS.
    public static let maximumSlugLength = 200

    /// Lowercase letters (of any script) and digits joined by single hyphens: exactly what
    /// `PageAddress.segment` makes of it, so a slug and a condition or tag name follow one rule.
    public static func isValidSlug(_ slug: String) -> Bool {
        slug.utf8.count <= maximumSlugLength && PageAddress.isSegment(slug)
    }
}
