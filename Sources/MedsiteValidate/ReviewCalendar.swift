import MedsiteBase
import MedsiteParse

/// The review calendar: NHS-style "next review due" dates turned into statuses, and the days on which
/// they change (so CI knows when a rebuild would give a different result).
public enum ReviewCalendar {
    /// Overdue is strictly after the due date: on the due date itself the page is "due soon".
    public static func status(nextReview: CalendarDate?, today: CalendarDate, dueSoonDays: Int) -> ReviewStatus {
        guard let nextReview else { return .unscheduled }
        if today > nextReview { return .overdue }
        if today.days(until: nextReview) <= dueSoonDays { return .dueSoon }
        return .ok
    }

    /// The first day after `today` on which the page's status changes, and the status it changes to.
    public static func nextChange(nextReview: CalendarDate?, today: CalendarDate,
                                  dueSoonDays: Int) -> (date: CalendarDate, status: ReviewStatus)? {
        guard let nextReview else { return nil }
        switch status(nextReview: nextReview, today: today, dueSoonDays: dueSoonDays) {
        case .ok: return (nextReview.adding(days: -dueSoonDays), .dueSoon)
        case .dueSoon: return (nextReview.adding(days: 1), .overdue)
        case .overdue, .unscheduled: return nil
        }
    }

    /// Whether `review.overdue: unpublish` keeps this page out of Output/. A page that waives
    /// `review-overdue`, or a site that turned the rule off, keeps the page published; the waiver
    /// is reported like any other.
    public static func isWithheld(_ article: Article, settings: SiteSettings, today: CalendarDate) -> Bool {
        guard settings.overduePolicy == .unpublish, settings.ruleSettings[.reviewOverdue] != .off,
              article.frontMatter.waivers[.reviewOverdue] == nil else { return false }
        return status(nextReview: article.nextReview, today: today, dueSoonDays: settings.dueSoonDays) == .overdue
    }
}
