import MedsiteBase
import MedsiteParse

/// Whether a page's review date still describes its text: the page's fingerprint
/// (`ReviewFingerprint`) against what `review-ledger.yml` recorded for its review.
///
/// - No entry (a new page, or a site starting its ledger): nothing to compare; the review is
///   recorded, unless the page is a draft.
/// - Same `last_reviewed`, same fingerprint: as reviewed.
/// - Same `last_reviewed`, another fingerprint: `changed-since-review`, unless the change log has a
///   new `kind: minor` entry dated on or after the review and the change left alone everything a
///   minor change may not touch (`ReviewFingerprint.protected`): then the change is accepted and
///   recorded with the entry (`minor-change-recorded`). Otherwise the entry is kept, so the page
///   stays flagged until it is reviewed again.
/// - `last_reviewed` moved: a new review, recorded; when the fingerprint is what was recorded for the
///   old date, `review-date-bumped` too.
/// - Minor changes the ledger recorded must stay in the change log until the next review
///   (`change-log-edited`): a change accepted without a review is always shown to patients.
public struct ReviewIntegrity: Sendable {
    public enum Finding: Sendable, Equatable {
        case unrecorded
        case asReviewed
        case changedSinceReview(ReviewLedger.Entry)
        /// The text changed and the change log's new minor entries account for it.
        case minorChange(ReviewLedger.Entry, accepted: [PageChange])
        case reviewMoved(from: ReviewLedger.Entry, contentChanged: Bool)
    }

    public let finding: Finding
    /// What a successful build writes to the ledger for this page; nil leaves its entry as it is.
    public let record: ReviewLedger.Entry?
    public let diagnostics: [Diagnostic]

    public static func reviewerText(_ frontMatter: FrontMatter) -> String {
        frontMatter.reviewers.map { [$0.name, $0.credentials].compactMap { $0 }.joined(separator: ", ") }.joined(separator: "; ")
    }

    /// nil when the page has no review date (reported as `required-field`) or the ledger is unusable
    /// (reported once, as `review-ledger-invalid`).
    public static func assess(_ article: Article, ledger: ReviewLedger.State) -> ReviewIntegrity? {
        let frontMatter = article.frontMatter
        guard let lastReviewed = frontMatter.lastReviewed else { return nil }
        let entries: [String: ReviewLedger.Entry]
        switch ledger {
        case .unusable: return nil
        case .absent: entries = [:]
        case .loaded(let ledger): entries = ledger.entries
        }
        let path = article.source.relativePath
        let fingerprint = ReviewFingerprint.of(article)
        let what = article.kind == .snippet ? "snippet" : "page"
        func current() -> ReviewLedger.Entry {
            ReviewLedger.Entry(path: path, lastReviewed: lastReviewed, reviewer: reviewerText(frontMatter), fingerprint: fingerprint,
                               protected: ReviewFingerprint.protected(article))
        }
        guard let recorded = entries[path] else {
            // A draft's review is recorded when it is published: drafts change freely until then.
            return ReviewIntegrity(finding: .unrecorded, record: frontMatter.draft ? nil : current(), diagnostics: [])
        }
        let position = frontMatter.position(of: .lastReviewed)
        guard recorded.lastReviewed == lastReviewed else {
            let contentChanged = recorded.fingerprint != fingerprint
            var diagnostics: [Diagnostic] = []
            if !contentChanged {
                diagnostics.append(Diagnostic(
                    file: path, position: position, rule: .reviewDateBumped,
                    message: "last_reviewed moved from \(recorded.lastReviewed.iso) to \(lastReviewed.iso), but nothing a reviewer reads changed since the review on \(recorded.lastReviewed.iso)",
                    fix: "if a clinician re-read the \(what) and found nothing to change, keep the new date (say so in the pull request); if not, put last_reviewed back to \(recorded.lastReviewed.iso)"))
            }
            return ReviewIntegrity(finding: .reviewMoved(from: recorded, contentChanged: contentChanged), record: current(),
                                   diagnostics: diagnostics)
        }

        // The same review: the change log must still list what was accepted as minor since.
        let minorLog = frontMatter.changes.filter { $0.kind == .minor }
        var diagnostics: [Diagnostic] = []
        for change in recorded.minorChanges where !minorLog.contains(where: { $0.date == change.date && $0.summary == change.summary }) {
            diagnostics.append(Diagnostic(
                file: path, position: frontMatter.positions[FrontMatterField.changes.name] ?? position, rule: .changeLogEdited,
                message: "the change log no longer lists the minor change of \(change.date.iso) ('\(change.summary)'), which review-ledger.yml recorded after the review on \(lastReviewed.iso)",
                fix: "put it back under changes: as '- date: \(change.date.iso)', 'summary: \(ReviewLedger.quoted(change.summary))', 'kind: minor'; after the next review it may go"))
        }
        if recorded.fingerprint == fingerprint {
            guard recorded.protected == nil else { return ReviewIntegrity(finding: .asReviewed, record: nil, diagnostics: diagnostics) }
            // An entry from a version 1 ledger learns what a minor change may not touch: the text is as reviewed.
            var backfilled = recorded
            backfilled.protected = ReviewFingerprint.protected(article)
            return ReviewIntegrity(finding: .asReviewed, record: backfilled, diagnostics: diagnostics)
        }

        let by = recorded.reviewer.isEmpty ? "" : " by \(recorded.reviewer)"
        let who = recorded.reviewer.isEmpty ? "the reviewer" : recorded.reviewer
        let reviewFix = "ask \(who) (or another clinician) to review the \(what) and set last_reviewed to the day they did, then build and commit the \(what) with review-ledger.yml"
        func changed(_ message: String, fix: String) -> ReviewIntegrity {
            let diagnostic = Diagnostic(file: path, position: position, rule: .changedSinceReview, message: message, fix: fix)
            return ReviewIntegrity(finding: .changedSinceReview(recorded), record: nil, diagnostics: diagnostics + [diagnostic])
        }
        let changedText = "the \(what)'s clinical content changed after its review on \(lastReviewed.iso)\(by), but last_reviewed still says \(lastReviewed.iso)"
        let newMinor = minorLog.filter { change in
            change.date >= lastReviewed && !recorded.minorChanges.contains { $0.date == change.date && $0.summary == change.summary }
        }
        guard let latest = newMinor.last else {
            return changed(changedText, fix: reviewFix + (article.kind == .snippet ? "" : "; if the change only fixed a typo or wording and changed no advice, list it in the change log instead: changes: - {date: …, summary: \"…\", kind: minor}"))
        }
        guard let reviewedProtected = recorded.protected else {
            return changed(changedText + "; the change log calls it minor, but the page's entry in review-ledger.yml was written by an older medsite and cannot tell a minor change from a clinical one",
                           fix: reviewFix + " (from then on, minor changes are checked and accepted)")
        }
        guard ReviewFingerprint.protected(article) == reviewedProtected else {
            return changed(changedText + "; the change log calls it minor ('\(latest.summary)'), but it changes what only a review can accept: a number, a word such as 'not', 'no' or 'never', a link, a line of a care card or another quote, an included snippet, or the title, description, question, condition, audience, sources or disclaimer",
                           fix: reviewFix + "; a minor change may only correct spelling, punctuation or wording")
        }
        var record = recorded
        record.fingerprint = fingerprint
        record.minorChanges += newMinor.map { ReviewLedger.MinorChange(date: $0.date, summary: $0.summary) }
        let listed = newMinor.map { "\($0.date.iso): '\($0.summary)'" }.joined(separator: "; ")
        diagnostics.append(Diagnostic(
            file: path, position: latest.position, rule: .minorChangeRecorded,
            message: "the change to the \(what)'s text is accepted as minor without a new review (\(listed)): no number, link, care card, source or other clinical detail changed since the review on \(lastReviewed.iso)",
            fix: "nothing to do if the change was minor: the build records it in review-ledger.yml and the \(what) lists it under \"What changed\" until its next review"))
        return ReviewIntegrity(finding: .minorChange(recorded, accepted: newMinor), record: record, diagnostics: diagnostics)
    }
}
