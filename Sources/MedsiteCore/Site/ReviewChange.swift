import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// A day on which a build of the site will give a different result, and the pages that change then.
public struct ReviewChange: Sendable, Hashable {
    public let date: CalendarDate
    public let changes: [(path: String, status: ReviewStatus)]

    public static func == (lhs: ReviewChange, rhs: ReviewChange) -> Bool {
        lhs.date == rhs.date && lhs.changes.map(\.path) == rhs.changes.map(\.path)
            && lhs.changes.map(\.status) == rhs.changes.map(\.status)
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(date) }
}
