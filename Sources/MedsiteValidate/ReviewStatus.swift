import MedsiteBase
import MedsiteParse

/// Where a page stands in its review cycle on a given day.
public enum ReviewStatus: String, Sendable, Comparable, CaseIterable {
    /// No usable `last_reviewed` date: the page cannot be scheduled (and will not be published).
    case unscheduled
    case overdue
    case dueSoon = "due soon"
    case ok

    /// Most urgent first.
    public static func < (lhs: ReviewStatus, rhs: ReviewStatus) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
