import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// One line of the editorial schedule (`medsite review`).
public struct ReviewEntry: Sendable, Hashable {
    public let path: String
    public let slug: String
    public let title: String
    public let lastReviewed: CalendarDate?
    public let nextReview: CalendarDate?
    public let reviewers: [String]
    public let status: ReviewStatus
    public let draft: Bool
    /// Days from today to the next review (negative when overdue).
    public let daysLeft: Int?
    /// The page's clinical content changed after the review the ledger recorded
    /// (`changed-since-review`): it awaits a new review whatever its dates say.
    public var changedSinceReview = false
    /// Why the page is due before its own `next_review` (a snippet it includes, a superseded
    /// source it cites), in a few words; nil when it is not.
    public var dueBecause: String? = nil
    /// A snippet (`Snippets/x.md`), not a page.
    public var isSnippet = false
}
