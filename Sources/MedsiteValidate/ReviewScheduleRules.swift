import MedsiteBase
import MedsiteParse

/// Review dates and reviewers: the page must say truthfully when, and by whom, it was last checked.
enum ReviewScheduleRules: ArticleRule {
    static func check(_ article: Article, context: ValidationContext, sink: inout DiagnosticSink) {
        let frontMatter = article.frontMatter
        let settings = context.settings
        for reviewer in frontMatter.reviewers where (reviewer.credentials ?? "").trimmingWhitespace.isEmpty {
            sink.report(.missingCredentials, at: reviewer.position, "reviewer '\(reviewer.name)' is named without credentials",
                        fix: "add them after a comma: '\(reviewer.name), MD FRCP', or as 'credentials:'")
        }
        guard let last = frontMatter.lastReviewed, let next = frontMatter.nextReview else { return }
        let nextPosition = frontMatter.nextReviewIsExplicit ? frontMatter.position(of: .nextReview)
            : frontMatter.position(of: .lastReviewed)
        if frontMatter.nextReviewIsExplicit {
            let latest = last.adding(months: settings.reviewIntervalMonths)
            if next <= last {
                sink.report(.reviewInterval, at: nextPosition,
                            "next_review \(next.iso) is not after last_reviewed \(last.iso)",
                            fix: "set next_review after \(last.iso), at the latest \(latest.iso), or remove it")
            } else if next > latest {
                sink.report(.reviewInterval, at: nextPosition,
                            "next_review \(next.iso) is more than \(settings.reviewIntervalMonths) months after last_reviewed \(last.iso)",
                            fix: "set next_review to \(latest.iso) or earlier, or remove it to use the site's interval")
            }
        }
        // A review dated in the future is its own error (review-in-future); its schedule means nothing yet.
        guard last <= context.today else { return }
        let due = "the next review was due on \(next.iso)"
        switch ReviewCalendar.status(nextReview: next, today: context.today, dueSoonDays: settings.dueSoonDays) {
        case .overdue:
            let days = next.days(until: context.today)
            let overdueFor = "\(days) day\(days == 1 ? "" : "s") ago"
            switch settings.overduePolicy {
            case .warning:
                sink.report(.reviewOverdue, at: nextPosition, "review overdue: \(due), \(overdueFor)",
                            fix: "have a clinician review the page, then update last_reviewed")
            case .error:
                sink.report(.reviewOverdue, at: nextPosition, "review overdue: \(due), \(overdueFor)",
                            fix: "have a clinician review the page, then update last_reviewed", severity: .error)
            case .unpublish:
                sink.report(.reviewOverdue, at: nextPosition,
                            "review overdue: \(due), \(overdueFor); the page /\(article.url) is NOT published (review.overdue: unpublish)",
                            fix: "have a clinician review the page, then update last_reviewed to publish it again")
            }
        case .dueSoon:
            let days = context.today.days(until: next)
            sink.report(.reviewDueSoon, at: nextPosition,
                        "review due \(days == 0 ? "today" : "in \(days) day\(days == 1 ? "" : "s")") (\(next.iso))",
                        fix: "book the clinical review; `medsite review` lists what is due")
        case .ok, .unscheduled:
            break
        }
    }
}
