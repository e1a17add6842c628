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
        // `next_review` as written is checked against the interval; the page's due day may be earlier.
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
        guard last <= context.today, let due = article.nextReview else { return }
        // Due before its own date: a snippet it includes, or a source superseded since its review.
        let early = article.earlyReview
        let position = early?.position ?? nextPosition
        let because = early.map { ", because \($0.reason)" } ?? ""
        let reviewFix = early?.fix ?? "have a clinician review the page, then update last_reviewed"
        switch ReviewCalendar.status(nextReview: due, today: context.today, dueSoonDays: settings.dueSoonDays) {
        case .overdue:
            let days = due.days(until: context.today)
            let overdue = "review overdue: the next review was due on \(due.iso)\(because), \(days) day\(days == 1 ? "" : "s") ago"
            switch settings.overduePolicy {
            case .warning:
                sink.report(.reviewOverdue, at: position, overdue, fix: reviewFix)
            case .error:
                sink.report(.reviewOverdue, at: position, overdue, fix: reviewFix, severity: .error)
            case .unpublish:
                let withheld = article.kind == .snippet ? "the pages that include it are NOT published"
                                                        : "the page /\(article.url) is NOT published"
                sink.report(.reviewOverdue, at: position, "\(overdue); \(withheld) (review.overdue: unpublish)",
                            fix: reviewFix + " to publish \(article.kind == .snippet ? "them" : "it") again")
            }
        case .dueSoon:
            let days = context.today.days(until: due)
            sink.report(.reviewDueSoon, at: position,
                        "review due \(days == 0 ? "today" : "in \(days) day\(days == 1 ? "" : "s")") (\(due.iso))\(because)",
                        fix: early == nil ? "book the clinical review; `medsite review` lists what is due" : reviewFix)
        case .ok, .unscheduled:
            break
        }
    }
}
