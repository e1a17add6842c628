import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MedsiteBase
import MedsiteParse

/// After a published build: records the pages whose review was set or moved in
/// `review-ledger.yml` (every other entry is left as it was), atomically (a temporary file renamed
/// over it). Only `medsite build` calls this, after Output/ is in place.
enum ReviewLedgerUpdate {
    /// What writing it said (a note when it started the ledger, a warning when it could not be
    /// written: the site is published, and the next build records the reviews again), and the text
    /// written, nil when the ledger was left as it was.
    /// `existingSite`: the site was published before; starting its ledger is then worth saying
    /// (a new site's first build starts one silently).
    static func write(_ records: [ReviewLedger.Entry], pipeline: ArticlePipeline, siteDirectory: String,
                      existingSite: Bool) -> (diagnostics: [Diagnostic], written: String?) {
        var ledger: ReviewLedger
        switch pipeline.reviewLedger {
        case .unusable: return ([], nil)
        case .absent: ledger = ReviewLedger()
        case .loaded(let loaded):
            guard !records.isEmpty else { return ([], nil) }
            ledger = loaded
        }
        for record in records { ledger.entries[record.path] = record }
        let path = FileSystem.join(siteDirectory, ReviewLedger.fileName)
        let temporary = path + ".tmp-\(getpid())"
        let text = ledger.encoded
        let failure = Array(text.utf8).withUnsafeBytes { OutputWriter.writeFile(temporary, $0, display: ReviewLedger.fileName) }
        if failure == nil, rename(temporary, path) == 0 {
            guard case .absent = pipeline.reviewLedger, existingSite else { return ([], text) }
            let count = ledger.entries.count
            return ([Diagnostic(file: ReviewLedger.fileName, position: .start, rule: .reviewLedgerStarted,
                                message: "started the review ledger: \(count) page\(count == 1 ? "" : "s") recorded as reviewed with \(count == 1 ? "its" : "their") current text",
                                fix: "commit \(ReviewLedger.fileName) with the content; from now on a change without a new review stops the build")], text)
        }
        let reason = failure?.reason ?? String(cString: strerror(errno))
        unlink(temporary)
        return ([Diagnostic(file: ReviewLedger.fileName, position: .start, severity: .warning, rule: .reviewLedgerInvalid,
                            message: "the site was published, but \(ReviewLedger.fileName) could not be written: \(reason)",
                            fix: "make the site folder writable and build again; the new reviews are recorded then")], nil)
    }

    /// An article's diagnostics as a build reading the ledger just written would find them: every
    /// recorded review (and minor change) now matches, so `review-date-bumped` and
    /// `minor-change-recorded` (reported by this build) are not repeated by the next one, which
    /// reuses this build's stored report.
    static func afterWriting(_ diagnostics: [Diagnostic], written: String?) -> [Diagnostic] {
        written == nil ? diagnostics : diagnostics.filter { $0.rule != .reviewDateBumped && $0.rule != .minorChangeRecorded }
    }
}
