import Yams
import MedsiteBase

/// What `review.overdue` does with a page whose `next_review` date has passed.
public enum OverduePolicy: String, Sendable, CaseIterable {
    case warning, error, unpublish
}
