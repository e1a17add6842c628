// The catalogue entries of the change log (`changes:` in the front matter, MedsiteParse `PageChange`;
// the rules in MedsiteValidate `ChangeLogRules` and `ReviewIntegrity`).
extension RuleID {
    package static let clinicalChangeUnreviewed: RuleID = "clinical-change-unreviewed"
    package static let minorChangeRecorded: RuleID = "minor-change-recorded"
    package static let changeLogEdited: RuleID = "change-log-edited"
}

extension RuleCatalogue {
    static let changeLogRules: [Rule] = [
        Rule(.clinicalChangeUnreviewed, .error, "The change log lists a clinical change made after the page's last review.",
             "A `kind: clinical` entry in `changes:` says the medical advice changed on that day. The page's review date tells patients a clinician read the advice, so a clinical change needs a review on or after its date. Fix: have a clinician review the page and set `last_reviewed` to the day they did (on or after the change); if the change only fixed a typo or wording and changed no advice, write `kind: minor` instead.",
             mandatory: true),
        Rule(.minorChangeRecorded, .note, "A change to the page's text was accepted as a minor change, without a new review.",
             "When a page's text changed since its review and its change log has a new `kind: minor` entry dated on or after `last_reviewed`, `medsite build` accepts the change without a new review, records the entry in `review-ledger.yml` beside the new fingerprint, and shows it on the page under \"What changed\". It does so only when the change leaves alone everything a minor change may not touch: every number, every \"not\", \"no\", \"never\" (and similar), every link, every line of a quote (care cards and included snippets are quotes), and the title, description, question, condition, audience, sources and disclaimer; otherwise the page needs a review (`changed-since-review`). Reported once, by the build that records it, so the entry and the ledger change show in the pull request. Fix: nothing, if the change really was minor."),
        Rule(.changeLogEdited, .error, "A minor change recorded in `review-ledger.yml` is no longer in the page's change log.",
             "A change accepted without a review stays listed on the page, under \"What changed\", until the next review: patients and reviewers can see what changed since the last review and that it was called minor. Removing or rewording the entry after the build recorded it would hide that. Fix: put the entry back in `changes:` as the message shows it; after the next review (a new `last_reviewed`) older entries may be reworded or removed.",
             mandatory: true),
    ]
}
