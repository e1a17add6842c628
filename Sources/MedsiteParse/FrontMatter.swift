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
    /// Where each field's value starts, for diagnostics.
    public var positions = FieldPositions()

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

/// Where each front matter field's value starts, by field name: a short list, read only to place a
/// diagnostic. A page has a dozen fields, and a dictionary of them cost every article ~1.6 KB kept
/// between a build's two passes (~16 MB at 10,000 articles) and a hashed insert per field.
public struct FieldPositions: Sendable {
    private var entries: [(name: String, position: SourcePosition)] = []

    public init() {}

    mutating func reserveCapacity(_ count: Int) { entries.reserveCapacity(count) }

    public subscript(name: String) -> SourcePosition? {
        get { entries.first { $0.name == name }?.position }
        set {
            if let index = entries.firstIndex(where: { $0.name == name }) {
                if let newValue { entries[index].position = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((name, newValue))
            }
        }
    }
}
