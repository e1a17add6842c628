// The catalogue entries of review integrity (`ReviewIntegrity` in MedsiteValidate, the ledger in
// MedsiteParse): a review date must mean a clinician read this text.
extension RuleID {
    package static let changedSinceReview: RuleID = "changed-since-review"
    package static let reviewDateBumped: RuleID = "review-date-bumped"
    package static let reviewLedgerInvalid: RuleID = "review-ledger-invalid"
    package static let reviewLedgerStarted: RuleID = "review-ledger-started"
}

extension RuleCatalogue {
    static let reviewIntegrityRules: [Rule] = [
        Rule(.changedSinceReview, .error, "The page's clinical content changed after its last review, but `last_reviewed` did not move.",
             "A review date tells patients that a clinician read this text. `medsite build` records a fingerprint of what was reviewed (the body, sources, condition, title, description, question, type, audience and disclaimer) in `review-ledger.yml` when `last_reviewed` is set or moves. When that content changes and `last_reviewed` stays, the date no longer describes the page. Fix: have the reviewer (or another clinician) read the page and move `last_reviewed` to the day they did, then build and commit the page with `review-ledger.yml`. The preview (`medsite serve`) shows this as a warning so editors can keep working."),
        Rule(.reviewDateBumped, .warning, "`last_reviewed` moved but nothing a reviewer reads changed.",
             "Moving a review date without touching the text is the commonest way review dates lie: a page looks freshly checked when nobody opened it. It is also what an honest re-review that found nothing to change looks like, so this is a warning, not an error, and it is reported once: the build that records the new date in `review-ledger.yml` reports it, and the ledger's change shows in the pull request. Fix: if the page was really re-read, nothing (say so in the pull request); if not, put `last_reviewed` back."),
        Rule(.reviewLedgerInvalid, .error, "`review-ledger.yml` cannot be read.",
             "The review ledger is written by `medsite build`, one entry per page (path, last_reviewed, reviewer, fingerprint), and committed beside the content. A hand edit or a bad merge can break it; medsite then cannot tell which pages changed since their review, so it stops. Fix: restore it from version control (`git checkout review-ledger.yml`) or resolve the merge conflict by keeping both sides' entries; deleting it starts a new ledger, which takes every page's current text as what its reviewer read.",
             configuration: true),
        Rule(.reviewLedgerStarted, .note, "The site has no `review-ledger.yml` yet; the next build starts one.",
             "Without a ledger medsite cannot tell whether a page changed since its review. The first successful `medsite build` writes `review-ledger.yml`, taking each page's current text as what its reviewer read on its `last_reviewed` date. Fix: commit the new file with the content."),
    ]
}
