import MedsiteBase

/// What a build knows about each article, for reports (`check --format json`, `review`).
public struct ArticleSummary: Sendable, Hashable {
    public let path: String
    public let slug: String
    public let title: String
    public let lastReviewed: CalendarDate?
    public let nextReview: CalendarDate?
    public let reviewers: [String]
    public let draft: Bool
    public var wordCount: Int
    public var readabilityGrade: Double?

    package init(path: String, slug: String, title: String, lastReviewed: CalendarDate?, nextReview: CalendarDate?,
                 reviewers: [String], draft: Bool, wordCount: Int, readabilityGrade: Double?) {
        self.path = path
        self.slug = slug
        self.title = title
        self.lastReviewed = lastReviewed
        self.nextReview = nextReview
        self.reviewers = reviewers
        self.draft = draft
        self.wordCount = wordCount
        self.readabilityGrade = readabilityGrade
    }
}
