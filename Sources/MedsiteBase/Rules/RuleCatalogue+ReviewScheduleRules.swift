// The catalogue entries of `ReviewScheduleRules` (MedsiteValidate): the ids and explanations live here, below
// parsing, because parse errors and `medsite.yml` rule settings need every rule id.
extension RuleID {
    package static let reviewOverdue: RuleID = "review-overdue"
    package static let reviewDueSoon: RuleID = "review-due-soon"
    package static let reviewInterval: RuleID = "review-interval"
    package static let missingCredentials: RuleID = "missing-credentials"
    package static let sourceSuperseded: RuleID = "source-superseded"
}

extension RuleCatalogue {
    static let reviewScheduleRules: [Rule] = [
        Rule(.reviewOverdue, .warning, "The page's next review date has passed.",
             "Trusted health publishers review every page on a fixed cycle (the NHS shows \"Next review due\" and reviews at least every 3 years). Once `next_review` (or `last_reviewed` plus `review.interval_months`) has passed, patients may be reading outdated advice. `review.overdue` in medsite.yml decides what happens: `warning` (default) reports it, `error` stops the build, `unpublish` leaves the page out of Output/ and the home page and reports it. Fix: have a clinician review the page, then update `last_reviewed` (and `next_review` if you set it). `medsite review` lists every page's dates."),
        Rule(.reviewDueSoon, .note, "The page's review is due within `review.due_soon_days`.",
             "A reminder, before the page becomes overdue, that a clinical review is coming up (default: within 30 days, set by `review.due_soon_days`). Fix: book the review with the page's clinician; when it is done, update `last_reviewed`. `medsite review --within 60` lists what is coming up."),
        Rule(.reviewInterval, .error, "`next_review` is not after `last_reviewed`, or is beyond the maximum review interval.",
             "`next_review` may bring a review forward, never push it past the site's maximum interval (`review.interval_months`, default 36), otherwise a page could promise to be current for a decade and never become overdue. A `next_review` on or before `last_reviewed` is a typing mistake. Fix: remove `next_review` to use the default interval, or set it to a date after `last_reviewed` and no later than the maximum."),
        Rule(.sourceSuperseded, .warning, "The page cites a source that medsite.yml lists as withdrawn or replaced.",
             "Guidelines are withdrawn and replaced (NICE replaced NG80 on asthma with NG245 in November 2024). `superseded_sources:` in medsite.yml lists such addresses, each with the day it was withdrawn and the replacement. Every page that cites one (at that address or below it) and was last reviewed before that day becomes due for review on that day: `build`, `review` and the preview treat it as any page due for review (`review-overdue` once the day has passed, under `review.overdue`), naming the source as the reason. This rule reports the citation itself, at the source's line, for as long as the page cites it. Fix: have a clinician check the page against the replacement, replace the source with it, and set `last_reviewed` to the day of that review; if the page cites the old guidance on purpose (to explain what changed), waive the rule with the reason: `waive: {source-superseded: \"…\"}`."),
        Rule(.missingCredentials, .warning, "A reviewer is named without credentials.",
             "Patients (and the HONcode and PIF TICK principles) need to see that a qualified person checked the page: the reviewer's professional credentials, such as `MD FRCP` or `RGN`, are shown next to their name. Fix: write `reviewed_by: \"Dr Jane Smith, MD FRCP\"` (credentials after the first comma) or `{name: Dr Jane Smith, credentials: MD FRCP}`."),
    ]
}
