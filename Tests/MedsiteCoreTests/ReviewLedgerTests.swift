import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

/// Review integrity: `review-ledger.yml` records what each page's reviewer read, and a change
/// without a new review stops the build.
struct ReviewLedgerTests {
    static let ledgerName = ReviewLedger.fileName

    static func site(_ count: Int = 2) throws -> TestSite {
        var files: [String: String] = [:]
        for index in 0..<count {
            files["Content/page-\(index).md"] = TestSite.article(title: "Page \(index)", body: body(index))
        }
        return try TestSite(files: files)
    }

    static func body(_ index: Int, dose: String = "500 mg") -> String {
        "## How to take it\n\nTake \(dose) twice a day with food (page \(index)).\n"
    }

    static func errors(_ report: BuildReport) -> [Diagnostic] { report.diagnostics.filter { $0.severity == .error } }

    // MARK: The ledger file

    @Test func ledgerTextIsSortedDeterministicAndRoundTrips() throws {
        let digest = ContentDigest(a: 1, b: 2, c: 3, d: UInt64.max)
        var ledger = ReviewLedger()
        for path in ["Content/b.md", "Content/a b.md", "Content/Z.md", "Content/é.md"] {
            ledger.entries[path] = .init(path: path, lastReviewed: CalendarDate(iso: "2026-01-02")!,
                                         reviewer: "Dr \"Q\" Smith, MD; Dr B\\C", fingerprint: digest)
        }
        let text = ledger.encoded
        let paths = text.split(separator: "\n").filter { $0.hasPrefix("  - path: ") }.map { String($0.dropFirst(10)) }
        #expect(paths == ["Content/Z.md", "Content/a b.md", "Content/b.md", "Content/é.md"])
        let (parsed, diagnostics) = ReviewLedger.parse(text)
        #expect(diagnostics.isEmpty)
        #expect(parsed == ledger)
        #expect(parsed?.encoded == text)
        #expect(ReviewLedger().encoded.hasSuffix("version: 2\npages: []\n"))
        #expect(ReviewLedger.parse(ReviewLedger().encoded).0 == ReviewLedger())
    }

    /// A ledger checked out with CRLF line endings (git's autocrlf on Windows) reads as the same
    /// ledger; a Character split on "\n" never split at CRLF, so it was one line and refused. Also
    /// reviewers with tabs, newlines, quotes and non-ASCII letters come back as they were written.
    @Test func ledgerWithCRLFLineEndingsReadsTheSame() throws {
        var ledger = ReviewLedger()
        for (index, reviewer) in ["Dr A", "Dr \"Q\"\tB\\C\nD", "Dr Zoë Ødegård", "Dr e\u{301} \\\u{301}"].enumerated() {
            let path = "Content/\(index).md"
            ledger.entries[path] = .init(path: path, lastReviewed: CalendarDate(iso: "2026-01-02")!, reviewer: reviewer,
                                         fingerprint: ContentDigest(a: UInt64(index), b: 0xabcdef, c: 3, d: UInt64.max))
        }
        let (unix, unixDiagnostics) = ReviewLedger.parse(ledger.encoded)
        #expect(unixDiagnostics.isEmpty)
        #expect(unix == ledger)
        let (windows, windowsDiagnostics) = ReviewLedger.parse(ledger.encoded.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(windowsDiagnostics.isEmpty)
        #expect(windows == ledger)
    }

    /// The byte reader of medsite's own layout reads exactly what the line reader reads, and leaves
    /// everything else (comments, CRLF, stray spaces, non-ASCII, broken entries) to it.
    @Test func layoutAsWrittenReadsAsTheLineReaderDoes() {
        var ledger = ReviewLedger()
        for (index, reviewer) in ["Dr A", "Dr \"Q\" B\\C", "Dr B\tC\nD", "Dr Zoë"].enumerated() {
            let path = index == 3 ? "Content/é.md" : "Content/\(index) x.md"
            ledger.entries[path] = .init(path: path, lastReviewed: CalendarDate(iso: "2026-01-0\(index + 1)")!, reviewer: reviewer,
                                         fingerprint: ContentDigest(a: UInt64(index), b: 0xabcdef, c: 3, d: UInt64.max))
        }
        let asciiOnly = ReviewLedger(entries: ledger.entries.filter { $0.key != "Content/é.md" })
        #expect(ReviewLedger.parseAsWritten(asciiOnly.encoded) == asciiOnly)
        #expect(ReviewLedger.parseAsWritten(ReviewLedger().encoded) == ReviewLedger())
        let line = "  - path: Content/0 x.md\n"
        let variants = [
            asciiOnly.encoded, ledger.encoded, ReviewLedger().encoded, asciiOnly.encoded + "\n\n",
            asciiOnly.encoded.replacingOccurrences(of: "\n", with: "\r\n"),
            asciiOnly.encoded.replacingOccurrences(of: line, with: "  - path:  Content/0 x.md\n"),
            asciiOnly.encoded.replacingOccurrences(of: line, with: "  - path: Content/0 x.md \n"),
            asciiOnly.encoded.replacingOccurrences(of: line, with: "  - path: Content/0\tx.md\n"),
            asciiOnly.encoded.replacingOccurrences(of: line, with: "# note\n" + line),
            asciiOnly.encoded.replacingOccurrences(of: "version: 1\n", with: "version: 2\n"),
            asciiOnly.encoded.replacingOccurrences(of: "2026-01-01", with: "2026-13-01"),
            asciiOnly.encoded.replacingOccurrences(of: "sha256:0", with: "sha256:X"),
            asciiOnly.encoded.replacingOccurrences(of: "\"Dr A\"", with: "Dr A"),
            asciiOnly.encoded + line + "    last_reviewed: 2026-01-01\n    reviewer: \"Dr A\"\n    fingerprint: sha256:" + String(repeating: "0", count: 64) + "\n",
            asciiOnly.encoded + "  - path: Content/z.md\n    last_reviewed: 2026-01-01\n",
            "version: 1\npages: []\n" + line + "    last_reviewed: 2026-01-01\n    reviewer: \"Dr A\"\n    fingerprint: sha256:" + String(repeating: "a", count: 64),
            "pages:\nversion: 1\n", "", "version: 1\n", "<<<<<<< HEAD\n",
        ]
        for text in variants {
            let (lines, lineDiagnostics) = ReviewLedger.parseLines(text)
            let (parsed, diagnostics) = ReviewLedger.parse(text)
            #expect(parsed == lines, "\(text.debugDescription)")
            #expect(diagnostics.map(\.formatted) == lineDiagnostics.map(\.formatted), "\(text.debugDescription)")
            if let fast = ReviewLedger.parseAsWritten(text) { #expect(fast == lines, "\(text.debugDescription)") }
        }
    }

    @Test(arguments: [
        ("version: 1\npages:\n  - path: Content/a.md\n    last_reviewed: 2026-01-02\n    reviewer: \"Dr A\"\n    fingerprint: sha256:abc\n", 6, "fingerprint"),
        ("version: 1\npages:\n  - path: Content/a.md\n    last_reviewed: 2026-13-02\n    reviewer: \"Dr A\"\n    fingerprint: sha256:\(String(repeating: "0", count: 64))\n", 4, "date"),
        ("version: 1\npages:\n<<<<<<< HEAD\n  - path: Content/a.md\n", 3, "merge conflict"),
        ("version: 1\npages:\n  - path: Content/a.md\n    last_reviewed: 2026-01-02\n    fingerprint: sha256:\(String(repeating: "0", count: 64))\n", 3, "no 'reviewer'"),
        ("version: 1\npages:\n  - path: Content/a.md\n    colour: blue\n", 4, "unknown field 'colour'"),
        ("version: 3\npages: []\n", 1, "versions 1 and 2"),
        ("pages: []\n", 1, "must come first"),
        ("version: 1\npages:\n  - path: Content/a.md\n    last_reviewed: 2026-01-02\n    reviewer: Dr A\n    fingerprint: sha256:\(String(repeating: "0", count: 64))\n", 5, "double-quoted"),
    ])
    func malformedLedgerSaysWhereAndHowToFixIt(text: String, line: Int, words: String) throws {
        let (ledger, diagnostics) = ReviewLedger.parse(text)
        #expect(ledger == nil)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.rule == .reviewLedgerInvalid && diagnostic.severity == .error)
        #expect(diagnostic.file == ReviewLedger.fileName && diagnostic.position.line == line)
        #expect(diagnostic.message.contains(words), "\(diagnostic.message)")
        #expect(diagnostic.fix?.contains("git checkout") == true)
    }

    /// A Windows checkout (git's autocrlf) has CRLF line endings: "\r\n" is one Character, so a
    /// split on "\n" Characters saw one line and refused the ledger.
    @Test func aLedgerWithCRLFLineEndingsReads() throws {
        var ledger = ReviewLedger()
        ledger.entries["Content/a.md"] = .init(path: "Content/a.md", lastReviewed: CalendarDate(iso: "2026-01-02")!, reviewer: "Dr A",
                                               fingerprint: ContentDigest(a: 1, b: 2, c: 3, d: 4), protected: ContentDigest(a: 5, b: 6, c: 7, d: 8),
                                               minorChanges: [.init(date: CalendarDate(iso: "2026-01-03")!, summary: "Typo")])
        let (parsed, diagnostics) = ReviewLedger.parse(ledger.encoded.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
        #expect(parsed == ledger)
    }

    @Test func duplicateEntryIsReportedAtItsSecondPath() {
        let entry = "  - path: Content/a.md\n    last_reviewed: 2026-01-02\n    reviewer: \"\"\n    fingerprint: sha256:\(String(repeating: "0", count: 64))\n"
        let (ledger, diagnostics) = ReviewLedger.parse("version: 1\npages:\n" + entry + entry)
        #expect(ledger == nil && diagnostics.first?.position.line == 7 && diagnostics.first?.message.contains("two entries") == true)
    }

    // MARK: Fingerprint

    @Test func fingerprintCoversWhatPatientsReadAndIgnoresBookkeeping() throws {
        func fingerprint(_ text: String) throws -> ContentDigest {
            let file = SourceFile(relativePath: "Content/a.md", contentPath: "a.md", absolutePath: "/dev/null")
            let (article, _) = ArticlePipeline(settings: SiteSettings.parse(TestSite.settings).0!, today: CalendarDate(iso: "2026-11-23")!)
                .parse(file, bytes: Array(text.utf8))
            return ReviewFingerprint.of(try #require(article))
        }
        let base = try fingerprint(TestSite.article())
        #expect(try fingerprint(TestSite.article(lastReviewed: "2026-05-01")) == base)
        #expect(try fingerprint(TestSite.article(extra: "tags: [brain]\nauthors: [Sam]")) == base)
        #expect(try fingerprint(TestSite.article().replacingOccurrences(of: "\n", with: "\r\n")) == base)
        #expect(try fingerprint(TestSite.article(body: "## What causes it?\n\nThe BK virus.\n")) != base)
        #expect(try fingerprint(TestSite.article(title: "What is PML, really?")) != base)
        #expect(try fingerprint(TestSite.article().replacingOccurrences(of: "publisher: \"NINDS\"", with: "publisher: \"NIH\"")) != base)
        #expect(try fingerprint(TestSite.article(extra: "condition: {name: PML, icd10: A81.2}")) != base)
    }

    // MARK: Builds

    @Test func newSiteStartsItsLedgerSilently() throws {
        let site = try Self.site()
        let first = site.build()
        #expect(first.published && first.diagnostics.isEmpty)
        #expect(site.read(Self.ledgerName)?.contains("Content/page-1.md") == true)
    }

    @Test func draftsAreRecordedWhenPublished() throws {
        let site = try Self.site()
        try site.write("Content/page-1.md", TestSite.article(title: "Page 1", extra: "draft: true", body: Self.body(1)))
        _ = site.build()
        #expect(site.read(Self.ledgerName)?.contains("Content/page-1.md") == false)
        try site.write("Content/page-1.md", TestSite.article(title: "Page 1", body: Self.body(1, dose: "1 g")))
        #expect(site.build().published)
        #expect(site.read(Self.ledgerName)?.contains("Content/page-1.md") == true)
    }

    @Test func existingSiteWithoutLedgerStartsOneAndSaysSoOnce() throws {
        let site = try Self.site()
        _ = site.build()
        try FileManager.default.removeItem(atPath: site.root + "/" + Self.ledgerName)
        let first = site.build()
        #expect(first.published && Self.errors(first).isEmpty)
        let note = try #require(first.diagnostics.first { $0.rule == .reviewLedgerStarted })
        #expect(note.severity == .note && note.message.contains("2 pages") && note.fix?.contains("commit") == true)
        let text = try #require(site.read(Self.ledgerName))
        #expect(text.contains("  - path: Content/page-0.md\n    last_reviewed: 2026-04-07\n    reviewer: \"Dr Amelia Hart, MD FRCP\"\n    fingerprint: sha256:"))
        let second = site.build()
        #expect(second.published && !second.has("review-ledger-started"))
        #expect(site.read(Self.ledgerName) == text)
    }

    @Test func checkNeverWritesTheLedger() throws {
        let site = try Self.site()
        let report = site.check()
        #expect(Self.errors(report).isEmpty && !report.has("review-ledger-started"))
        #expect(site.read(Self.ledgerName) == nil)
        _ = site.build()
        let ledger = site.read(Self.ledgerName)
        try site.write("Content/page-0.md", TestSite.article(title: "Page 0", lastReviewed: "2026-10-01", body: Self.body(0, dose: "250 mg")))
        #expect(Self.errors(site.check()).isEmpty)
        #expect(site.read(Self.ledgerName) == ledger)
    }

    @Test func contentChangeWithoutReviewFailsTheBuildAndNamesTheReview() throws {
        let site = try Self.site()
        _ = site.build()
        let ledger = site.read(Self.ledgerName)
        let page = try #require(site.read("Output/page-0/index.html"))
        try site.write("Content/page-0.md", TestSite.article(title: "Page 0", body: Self.body(0, dose: "5000 mg")))
        let report = site.build()
        #expect(!report.published && report.exitStatus == 1)
        let diagnostic = try #require(report.diagnostics.first { $0.rule == .changedSinceReview })
        #expect(diagnostic.severity == .error && diagnostic.file == "Content/page-0.md" && diagnostic.position.line == 4)
        #expect(diagnostic.message.contains("2026-04-07") && diagnostic.message.contains("Dr Amelia Hart, MD FRCP"))
        #expect(diagnostic.fix?.contains("set last_reviewed to the day they did") == true)
        #expect(site.read("Output/page-0/index.html") == page)
        #expect(site.read(Self.ledgerName) == ledger)
        // Still flagged on the next run (the cache never hides it), and by `check`.
        #expect(site.build().has("changed-since-review") && site.check().has("changed-since-review"))
    }

    @Test func aNewReviewDateAcceptsTheChangeAndUpdatesOnlyThatEntry() throws {
        let site = try Self.site()
        _ = site.build()
        let before = try #require(site.read(Self.ledgerName))
        try site.write("Content/page-0.md", TestSite.article(title: "Page 0", lastReviewed: "2026-11-20", body: Self.body(0, dose: "250 mg")))
        let report = site.build()
        #expect(report.published && Self.errors(report).isEmpty && !report.has("review-date-bumped"))
        let after = try #require(site.read(Self.ledgerName))
        #expect(after.contains("Content/page-0.md\n    last_reviewed: 2026-11-20"))
        let otherEntry = { (text: String) in text.components(separatedBy: "  - path: Content/page-1.md")[1] }
        #expect(otherEntry(after) == otherEntry(before))
        #expect(site.build().diagnostics.filter { $0.severity != .note }.isEmpty)
    }

    @Test func movingTheDateWithoutAnyChangeIsReportedOnce() throws {
        let site = try Self.site()
        _ = site.build()
        try site.write("Content/page-1.md", TestSite.article(title: "Page 1", lastReviewed: "2026-11-01", body: Self.body(1)))
        let bumped = site.build()
        #expect(bumped.published)
        let diagnostic = try #require(bumped.diagnostics.first { $0.rule == .reviewDateBumped })
        #expect(diagnostic.severity == .warning && diagnostic.file == "Content/page-1.md" && diagnostic.position.line == 4)
        #expect(diagnostic.message.contains("2026-04-07") && diagnostic.message.contains("2026-11-01"))
        #expect(site.read(Self.ledgerName)?.contains("page-1.md\n    last_reviewed: 2026-11-01") == true)
        // The ledger now holds the new date; the next build (served from the cache) does not repeat it.
        let next = site.build()
        #expect(next.published && !next.has("review-date-bumped"))
    }

    /// CI: a fresh checkout has the committed ledger and no cache, no Output/.
    @Test func cleanCloneWithAChangeButNoReviewFailsTheBuild() throws {
        let site = try Self.site(3)
        _ = site.build()
        let clone = try TestSite(settings: try #require(site.read("medsite.yml")))
        for index in 0..<3 { try clone.write("Content/page-\(index).md", try #require(site.read("Content/page-\(index).md"))) }
        try clone.write(Self.ledgerName, try #require(site.read(Self.ledgerName)))
        #expect(!FileManager.default.fileExists(atPath: clone.root + "/" + BuildCache.folderName))
        try clone.write("Content/page-2.md", TestSite.article(title: "Page 2", body: Self.body(2, dose: "two tablets")))
        let report = clone.build()
        #expect(!report.published && report.exitStatus == 1)
        #expect(report.has("changed-since-review", line: 4, file: "Content/page-2.md"))
        #expect(report.diagnostics.filter { $0.rule == .changedSinceReview }.count == 1)
        #expect(!FileManager.default.fileExists(atPath: clone.output))
    }

    @Test func malformedLedgerStopsTheBuildWithSettingsStatus() throws {
        let site = try Self.site()
        _ = site.build()
        try site.write(Self.ledgerName, "version: 1\npages:\n  - path: Content/page-0.md\n    last_reviewed: soon\n    reviewer: \"Dr A\"\n    fingerprint: sha256:\(String(repeating: "0", count: 64))\n")
        let report = site.build()
        #expect(!report.published && report.exitStatus == 2)
        #expect(report.has("review-ledger-invalid", line: 4, file: Self.ledgerName))
        #expect(site.read(Self.ledgerName)?.contains("soon") == true)
    }

    // MARK: The cache and the one-edit rebuild

    @Test func oneEditRebuildSeesAChangeWithoutReviewAndRecordsANewReview() throws {
        let site = try Self.site(6)
        _ = site.build()
        #expect(site.build().published) // the cache now holds this ledger's build
        try site.write("Content/page-3.md", TestSite.article(title: "Page 3", body: Self.body(3, dose: "1 g")))
        let failed = site.build()
        #expect(failed.has("changed-since-review", file: "Content/page-3.md") && !failed.published)
        try site.write("Content/page-3.md", TestSite.article(title: "Page 3", lastReviewed: "2026-11-22", body: Self.body(3, dose: "1 g")))
        let reviewed = site.build()
        #expect(reviewed.published && Self.errors(reviewed).isEmpty)
        #expect(site.read(Self.ledgerName)?.contains("page-3.md\n    last_reviewed: 2026-11-22") == true)
        // A clean build of the same folder agrees with what the cache gave.
        var clean = site.options()
        clean.useCache = false
        #expect(SiteBuilder.build(clean).diagnostics == site.build().diagnostics)
    }

    @Test func aChangedLedgerIsSiteInputForTheCache() throws {
        let site = try Self.site()
        _ = site.build()
        #expect(site.build().published)
        // Someone else's review of page-0 (merged from another branch) moved its ledger entry's fingerprint.
        let ledger = try #require(site.read(Self.ledgerName))
        let lines = ledger.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = try #require(lines.firstIndex { $0.hasPrefix("    fingerprint:") })
        var edited = lines
        edited[index] = "    fingerprint: sha256:" + String(repeating: "a", count: 64)
        try site.write(Self.ledgerName, edited.joined(separator: "\n"))
        #expect(site.build().has("changed-since-review", file: "Content/page-0.md"))
        try site.write(Self.ledgerName, ledger)
        #expect(site.build().published)
    }

    // MARK: Preview and review

    @Test func previewShowsAChangeWithoutReviewAsAWarning() throws {
        let site = try Self.site()
        _ = site.build()
        try site.write("Content/page-0.md", TestSite.article(title: "Page 0", body: Self.body(0, dose: "5000 mg")))
        let preview = SiteBuilder.preview(site.options())
        let diagnostic = try #require(preview.report.diagnostics.first { $0.rule == .changedSinceReview })
        #expect(diagnostic.severity == .warning)
        #expect(preview.report.pages.contains { $0.path == "page-0/index.html" })
    }

    @Test func reviewListsPagesChangedSinceTheirReviewFirst() throws {
        let site = try Self.site(3)
        _ = site.build()
        try site.write("Content/page-2.md", TestSite.article(title: "Page 2", body: Self.body(2, dose: "5000 mg")))
        let (schedule, _) = ReviewSchedule.load(siteDirectory: site.root, today: CalendarDate(iso: "2026-11-23")!)
        let entries = try #require(schedule).entries
        #expect(entries.map(\.path).first == "Content/page-2.md")
        #expect(entries.map(\.changedSinceReview) == [true, false, false])
        #expect(try #require(schedule).within(days: 0).map(\.path) == ["Content/page-2.md"])
        let text = ReviewReport.format(try #require(schedule), entries: entries, as: .text)
        #expect(text.contains("changed since review") && text.contains("1 changed since review"))
        #expect(ReviewReport.format(try #require(schedule), entries: entries, as: .json).contains("\"changed_since_review\""))
    }
}
