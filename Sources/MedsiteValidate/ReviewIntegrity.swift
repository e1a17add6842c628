import MedsiteBase
import MedsiteParse

/// Whether a page's review date still describes its text: the page's fingerprint
/// (`ReviewFingerprint`) against what `review-ledger.yml` recorded for its review.
///
/// - No entry (a new page, or a site starting its ledger): nothing to compare; the review is
///   recorded, unless the page is a draft.
/// - Same `last_reviewed`, same fingerprint: as reviewed.
/// - Same `last_reviewed`, another fingerprint: `changed-since-review`; the entry is kept, so the
///   page stays flagged until it is reviewed again.
/// - `last_reviewed` moved: a new review, recorded; when the fingerprint is what was recorded for the
///   old date, `review-date-bumped` too.
public struct ReviewIntegrity: Sendable {
    public enum Finding: Sendable, Equatable {
        case unrecorded
        case asReviewed
        case changedSinceReview(ReviewLedger.Entry)
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
        let current = ReviewLedger.Entry(path: path, lastReviewed: lastReviewed, reviewer: reviewerText(frontMatter),
                                         fingerprint: fingerprint)
        guard let recorded = entries[path] else {
            // A draft's review is recorded when it is published: drafts change freely until then.
            return ReviewIntegrity(finding: .unrecorded, record: frontMatter.draft ? nil : current, diagnostics: [])
        }
        let position = frontMatter.position(of: .lastReviewed)
        if recorded.lastReviewed == lastReviewed {
            if recorded.fingerprint == fingerprint { return ReviewIntegrity(finding: .asReviewed, record: nil, diagnostics: []) }
            let by = recorded.reviewer.isEmpty ? "" : " by \(recorded.reviewer)"
            let who = recorded.reviewer.isEmpty ? "the reviewer" : recorded.reviewer
            let diagnostic = Diagnostic(
                file: path, position: position, rule: .changedSinceReview,
                message: "the page's clinical content changed after its review on \(lastReviewed.iso)\(by), but last_reviewed still says \(lastReviewed.iso)",
                fix: "ask \(who) (or another clinician) to review the page and set last_reviewed to the day they did, then build and commit the page with review-ledger.yml")
            return ReviewIntegrity(finding: .changedSinceReview(recorded), record: nil, diagnostics: [diagnostic])
        }
        let contentChanged = recorded.fingerprint != fingerprint
        var diagnostics: [Diagnostic] = []
        if !contentChanged {
            diagnostics.append(Diagnostic(
                file: path, position: position, rule: .reviewDateBumped,
                message: "last_reviewed moved from \(recorded.lastReviewed.iso) to \(lastReviewed.iso), but nothing a reviewer reads changed since the review on \(recorded.lastReviewed.iso)",
                fix: "if a clinician re-read the page and found nothing to change, keep the new date (say so in the pull request); if not, put last_reviewed back to \(recorded.lastReviewed.iso)"))
        }
        return ReviewIntegrity(finding: .reviewMoved(from: recorded, contentChanged: contentChanged), record: current,
                               diagnostics: diagnostics)
    }
}
