import MedsiteBase

/// What a page shows of a snippet it includes: its title and its own review.
public struct IncludedSnippet: Sendable, Hashable {
    public let name: String
    public let file: String
    public let title: String
    public let reviewers: [Reviewer]
    public let lastReviewed: CalendarDate?
    public let nextReview: CalendarDate?
    /// The kinds of care card it holds: an emergency card in a snippet counts for the page.
    public let careCards: Set<CareCardKind>
}
