extension RuleID {
    static let reviewOverdue: RuleID = "review-overdue"
    static let reviewDueSoon: RuleID = "review-due-soon"
    static let reviewInterval: RuleID = "review-interval"
    static let missingCredentials: RuleID = "missing-credentials"
}

extension RuleCatalogue {
    static let reviewScheduleRules: [Rule] = [
        Rule(.reviewOverdue, .warning, "The page's next review date has passed.",
             "Trusted health publishers review every page on a fixed cycle (the NHS shows \"Next review due\" and reviews at least every 3 years). Once `next_review` (or `last_reviewed` plus `review.interval_months`) has passed, patients may be reading outdated advice. `review.overdue` in medsite.yml decides what happens: `warning` (default) reports it, `error` stops the build, `unpublish` leaves the page out of Output/ and the home page and reports it. Fix: have a clinician review the page, then update `last_reviewed` (and `next_review` if you set it). `medsite review` lists every page's dates."),
        Rule(.reviewDueSoon, .note, "The page's review is due within `review.due_soon_days`.",
             "A reminder, before the page becomes overdue, that a clinical review is coming up (default: within 30 days, set by `review.due_soon_days`). Fix: book the review with the page's clinician; when it is done, update `last_reviewed`. `medsite review --within 60` lists what is coming up."),
        Rule(.reviewInterval, .error, "`next_review` is not after `last_reviewed`, or is beyond the maximum review interval.",
             "`next_review` may bring a review forward, never push it past the site's maximum interval (`review.interval_months`, default 36), otherwise a page could promise to be current for a decade and never become overdue. A `next_review` on or before `last_reviewed` is a typing mistake. Fix: remove `next_review` to use the default interval, or set it to a date after `last_reviewed` and no later than the maximum."),
        Rule(.missingCredentials, .warning, "A reviewer is named without credentials.",
             "Patients (and the HONcode and PIF TICK principles) need to see that a qualified person checked the page: the reviewer's professional credentials, such as `MD FRCP` or `RGN`, are shown next to their name. Fix: write `reviewed_by: \"Dr Jane Smith, MD FRCP\"` (credentials after the first comma) or `{name: Dr Jane Smith, credentials: MD FRCP}`."),
    ]
}

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
        let nextPosition = frontMatter.nextReviewIsExplicit ? frontMatter.position(of: "next_review")
            : frontMatter.position(of: "last_reviewed")
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
