import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

/// The change log (`changes:`): shown on the page, in the feed, the sitemap and JSON-LD; a clinical
/// change needs a review; a minor one lets a build accept a change to the text without a review.
struct ChangeLogTests {
    static let ledgerName = ReviewLedger.fileName

    /// An article whose body has a dose, a "not", a link and an emergency card, so each kind of
    /// protected content can be changed on its own.
    static func body(_ typo: String = "Take", dose: String = "2 puffs", not: String = "do not", card: String = "you cannot speak") -> String {
        """
        ## How to use your inhaler

        \(typo) \(dose) of your reliever inhaler when you need it, and \(not) use it more than the [leaflet](https://www.nhs.uk/medicines/salbutamol-inhaler/) says.

        > [!EMERGENCY]
        > - \(card)

        """
    }

    static func page(changes: String = "", lastReviewed: String = "2026-04-07", body: String = ChangeLogTests.body()) -> String {
        TestSite.article(title: "Using a reliever inhaler", extra: changes, lastReviewed: lastReviewed, body: body)
    }

    static func site(_ text: String = ChangeLogTests.page()) throws -> TestSite {
        try TestSite(files: ["Content/reliever.md": text])
    }

    static func minor(_ date: String, _ summary: String, kind: String = "minor") -> String {
        "  - date: \(date)\n    summary: \"\(summary)\"\n    kind: \(kind)\n"
    }

    static func errors(_ report: BuildReport) -> [Diagnostic] { report.diagnostics.filter { $0.severity == .error } }

    // MARK: Reading the change log

    @Test func changesAreReadWithTheirPositions() throws {
        let site = try Self.site(Self.page(changes: "changes:\n" + Self.minor("2026-05-02", "Corrected a typo")
                                           + Self.minor("2026-03-01", "Added the emergency card", kind: "clinical")))
        let report = site.build()
        #expect(report.published, "\(report.diagnostics.map(\.formatted))")
        let file = SourceFile(relativePath: "Content/reliever.md", contentPath: "reliever.md", absolutePath: site.root + "/Content/reliever.md")
        let (article, _) = ArticlePipeline(settings: SiteSettings.parse(TestSite.settings).0!, today: CalendarDate(iso: "2026-11-23")!).load(file)
        let changes = try #require(article).frontMatter.changes
        #expect(changes.map(\.summary) == ["Corrected a typo", "Added the emergency card"])
        #expect(changes.map(\.kind) == [.minor, .clinical])
        #expect(changes.map(\.position.line) == [11, 14])
    }

    @Test(arguments: [
        ("changes: yesterday", "invalid-field", 10, "must be a list"),
        ("changes:\n  - date: 2026-05-02\n    summary: \"Typo\"\n", "required-field", 11, "changes[1] needs a 'kind'"),
        ("changes:\n  - date: 2026-05-02\n    summary: \"Typo\"\n    kind: typo\n", "invalid-field", 13, "must be one of minor, clinical"),
        ("changes:\n  - date: 2026-02-30\n    summary: \"Typo\"\n    kind: minor\n", "invalid-date", 11, "changes[1].date"),
        ("changes:\n  - date: 2026-05-02\n    summry: \"Typo\"\n    kind: minor\n", "unknown-field", 12, "did you mean 'summary'"),
        ("changes:\n  - date: 2026-05-02\n    summary:\n    kind: minor\n", "required-field", 12, "'changes[1].summary' is required"),
        ("chnages: []", "unknown-field", 10, "did you mean 'changes'"),
    ])
    func malformedChangeLogSaysWhereAndHowToFixIt(yaml: String, rule: String, line: Int, words: String) throws {
        let site = try Self.site(Self.page(changes: yaml))
        let report = site.build()
        #expect(!report.published)
        let diagnostic = try #require(report.diagnostics.first { $0.rule.id == rule }, "\(report.diagnostics.map(\.formatted))")
        #expect(diagnostic.file == "Content/reliever.md" && diagnostic.position.line == line, "\(diagnostic.formatted)")
        #expect(diagnostic.message.contains(words), "\(diagnostic.message)")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.rule.rule?.isMandatory == true)
    }

    @Test func aClinicalChangeNeedsAReviewOnOrAfterIt() throws {
        let after = try Self.site(Self.page(changes: "changes:\n" + Self.minor("2026-05-02", "Changed the dose", kind: "clinical")))
        let report = after.build()
        #expect(!report.published && report.exitStatus == 1)
        let diagnostic = try #require(report.diagnostics.first { $0.rule == .clinicalChangeUnreviewed })
        #expect(diagnostic.position.line == 11 && diagnostic.message.contains("2026-05-02") && diagnostic.message.contains("2026-04-07"))
        #expect(diagnostic.fix?.contains("set last_reviewed") == true && diagnostic.fix?.contains("kind: minor") == true)
        // A waiver or medsite.yml cannot turn it off.
        let waived = try Self.site(Self.page(changes: "changes:\n" + Self.minor("2026-05-02", "Changed the dose", kind: "clinical")
                                             + "waive: {clinical-change-unreviewed: \"trust me\"}"))
        #expect(!waived.build().published)
        for reviewed in ["2026-05-02", "2026-06-01"] {
            let site = try Self.site(Self.page(changes: "changes:\n" + Self.minor("2026-05-02", "Changed the dose", kind: "clinical"),
                                               lastReviewed: reviewed))
            let built = site.build()
            #expect(built.published && !built.has("clinical-change-unreviewed"), "\(built.diagnostics.map(\.formatted))")
        }
    }

    @Test func aChangeDatedAfterTodayIsRefused() throws {
        let site = try Self.site(Self.page(changes: "changes:\n" + Self.minor("2026-12-01", "Corrected a typo")))
        let report = site.build()
        #expect(!report.published)
        #expect(report.has("review-in-future", line: 11, file: "Content/reliever.md"))
    }

    // MARK: Where patients and machines see it

    @Test func theChangeLogIsShownBesideTheReviewAndInTheFeedSitemapAndJSONLD() throws {
        let site = try Self.site(Self.page(changes: "changes:\n" + Self.minor("2026-03-01", "Added the emergency card", kind: "clinical")
                                           + Self.minor("2026-05-02", "Corrected <the> spelling of salbutamol")))
        let report = site.build()
        #expect(report.published, "\(report.diagnostics.map(\.formatted))")
        let page = try #require(site.read("Output/reliever/index.html"))
        let block = try #require(page.components(separatedBy: "<section class=\"page-changes\"").dropFirst().first)
        #expect(block.contains("<h2 id=\"changes\">What changed</h2>"))
        // Newest first, escaped, each with its kind in words.
        let minor = try #require(block.range(of: "<time datetime=\"2026-05-02\">2 May 2026</time>: Corrected &lt;the&gt; spelling of salbutamol <span class=\"change-kind change-kind--minor\">(minor correction)</span>"))
        let clinical = try #require(block.range(of: "<time datetime=\"2026-03-01\">1 March 2026</time>: Added the emergency card <span class=\"change-kind change-kind--clinical\">(medical advice updated)</span>"))
        #expect(minor.lowerBound < clinical.lowerBound)
        // After the review block, before the disclaimer.
        let review = try #require(page.range(of: "data-medsite=\"review\"")), changes = try #require(page.range(of: "class=\"page-changes\""))
        let disclaimer = try #require(page.range(of: "data-medsite=\"disclaimer\""))
        #expect(review.lowerBound < changes.lowerBound && changes.lowerBound < disclaimer.lowerBound)
        #expect(page.contains("\"lastReviewed\":\"2026-04-07\",\"dateModified\":\"2026-05-02\""))

        let sitemap = try #require(site.read("Output/sitemap.xml"))
        #expect(sitemap.contains("<loc>https://health.example.org/reliever/</loc><lastmod>2026-05-02</lastmod>"))
        let feed = try #require(site.read("Output/feed.xml"))
        #expect(feed.contains("<updated>2026-05-02T00:00:00Z</updated>\n<author>"), "the feed's newest update")
        #expect(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://health.example.org/reliever/\"/>\n<updated>2026-05-02T00:00:00Z</updated>"))
        #expect(feed.contains("<summary>Minor correction on 2 May 2026: Corrected &lt;the&gt; spelling of salbutamol. A rare infection of the brain."))
    }

    @Test func aPageWithoutChangesShowsNoChangeBlock() throws {
        let site = try Self.site()
        _ = site.build()
        let page = try #require(site.read("Output/reliever/index.html"))
        #expect(!page.contains("page-changes") && page.contains("\"dateModified\":\"2026-04-07\""))
    }

    // MARK: Minor changes and the review ledger

    @Test func aMinorChangeIsAcceptedWithoutAReviewAndRecorded() throws {
        let site = try Self.site()
        #expect(site.build().published)
        // A typo fixed in the text with no change-log entry: a change since the review.
        try site.write("Content/reliever.md", Self.page(body: Self.body("Tkae")))
        let failed = site.build()
        let changed = try #require(failed.diagnostics.first { $0.rule == .changedSinceReview })
        #expect(changed.fix?.contains("kind: minor") == true, "\(changed.formatted)")
        // Recorded as a minor change in the change log: accepted, with a note, and recorded.
        try site.write("Content/reliever.md", Self.page(changes: "changes:\n" + Self.minor("2026-11-20", "Corrected a typo"),
                                                        body: Self.body("Tkae")))
        let accepted = site.build()
        #expect(accepted.published && Self.errors(accepted).isEmpty, "\(accepted.diagnostics.map(\.formatted))")
        let note = try #require(accepted.diagnostics.first { $0.rule == .minorChangeRecorded })
        #expect(note.severity == .note && note.position.line == 11 && note.message.contains("2026-11-20: 'Corrected a typo'"))
        let ledger = try #require(site.read(Self.ledgerName))
        #expect(ledger.contains("    last_reviewed: 2026-04-07\n"))
        #expect(ledger.contains("    minor: 2026-11-20 \"Corrected a typo\"\n"))
        #expect(site.read("Output/reliever/index.html")?.contains("Corrected a typo <span class=\"change-kind change-kind--minor\">") == true)
        // The next build (from the cache) does not repeat the note, and a clean build agrees.
        let next = site.build()
        #expect(next.published && !next.has("minor-change-recorded"))
        var clean = site.options()
        clean.useCache = false
        #expect(SiteBuilder.build(clean).diagnostics == next.diagnostics)
        // A second typo needs an entry of its own.
        try site.write("Content/reliever.md", Self.page(changes: "changes:\n" + Self.minor("2026-11-20", "Corrected a typo"),
                                                        body: Self.body("Tkae").replacingOccurrences(of: "leaflet", with: "leafelt")))
        #expect(site.build().has("changed-since-review"))
    }

    @Test(arguments: [
        ("a dose", ChangeLogTests.body(dose: "4 puffs")),
        ("a 'not'", ChangeLogTests.body(not: "")),
        ("a care card", ChangeLogTests.body(card: "you can not speak")),
        ("a link", ChangeLogTests.body().replacingOccurrences(of: "salbutamol-inhaler/", with: "salbutamol-inhaler/side-effects/")),
        ("an included snippet", ChangeLogTests.body() + "> [!SNIPPET] call-999\n"),
    ])
    func aMinorEntryCannotCoverAClinicalChange(what: String, body: String) throws {
        let site = try Self.site()
        try site.write("Snippets/call-999.md", "---\ntitle: \"When to call 999\"\nlast_reviewed: 2026-01-10\nreviewed_by: \"Dr Amelia Hart, MD FRCP\"\n---\n> [!EMERGENCY]\n> - you have chest pain\n")
        #expect(site.build().published)
        let ledger = site.read(Self.ledgerName)
        try site.write("Content/reliever.md", Self.page(changes: "changes:\n" + Self.minor("2026-11-20", "Corrected a typo"), body: body))
        let report = site.build()
        #expect(!report.published, "\(what)")
        let diagnostic = try #require(report.diagnostics.first { $0.rule == .changedSinceReview }, "\(what)")
        #expect(diagnostic.message.contains("the change log calls it minor ('Corrected a typo'), but it changes what only a review can accept"), "\(diagnostic.message)")
        #expect(!report.has("minor-change-recorded"))
        #expect(site.read(Self.ledgerName) == ledger)
    }

    @Test func aMinorEntryCannotCoverAChangedTitleOrSource() throws {
        let site = try Self.site()
        #expect(site.build().published)
        let changes = "changes:\n" + Self.minor("2026-11-20", "Corrected a typo")
        try site.write("Content/reliever.md", Self.page(changes: changes).replacingOccurrences(of: "publisher: \"NINDS\"", with: "publisher: \"NIH\""))
        #expect(site.build().has("changed-since-review"))
        try site.write("Content/reliever.md", Self.page(changes: changes).replacingOccurrences(of: "Using a reliever", with: "Using your reliever"))
        #expect(site.build().has("changed-since-review"))
    }

    @Test func aMinorEntryDatedBeforeTheReviewDoesNotCount() throws {
        let site = try Self.site()
        _ = site.build()
        try site.write("Content/reliever.md", Self.page(changes: "changes:\n" + Self.minor("2026-04-06", "Corrected a typo"), body: Self.body("Tkae")))
        #expect(site.build().has("changed-since-review"))
    }

    @Test func aRecordedMinorChangeStaysInTheChangeLogUntilTheNextReview() throws {
        let site = try Self.site()
        _ = site.build()
        try site.write("Content/reliever.md", Self.page(changes: "changes:\n" + Self.minor("2026-11-20", "Corrected a typo"), body: Self.body("Tkae")))
        #expect(site.build().published)
        // Removed, or reworded, after the build recorded it: refused.
        for changes in ["", "changes:\n" + Self.minor("2026-11-20", "Improved the wording")] {
            try site.write("Content/reliever.md", Self.page(changes: changes, body: Self.body("Tkae")))
            let report = site.build()
            #expect(!report.published)
            let diagnostic = try #require(report.diagnostics.first { $0.rule == .changeLogEdited })
            #expect(diagnostic.message.contains("2026-11-20 ('Corrected a typo')") && diagnostic.fix?.contains("kind: minor") == true)
        }
        // A new review clears the ledger's minor changes: the entry may then go.
        try site.write("Content/reliever.md", Self.page(lastReviewed: "2026-11-22", body: Self.body("Tkae")))
        let reviewed = site.build()
        #expect(reviewed.published && Self.errors(reviewed).isEmpty, "\(reviewed.diagnostics.map(\.formatted))")
        #expect(site.read(Self.ledgerName)?.contains("minor:") == false)
    }

    @Test func aVersionOneLedgerIsReadAndItsEntriesLearnWhatAMinorChangeMayNotTouch() throws {
        let site = try Self.site()
        _ = site.build()
        // The ledger as the first version of review integrity wrote it.
        let current = try #require(site.read(Self.ledgerName))
        let version1 = current.replacingOccurrences(of: "version: 2", with: "version: 1")
            .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("    protected:") }.joined(separator: "\n")
        try site.write(Self.ledgerName, version1)
        // A change called minor against an entry without the second fingerprint: refused.
        try site.write("Content/reliever.md", Self.page(changes: "changes:\n" + Self.minor("2026-11-20", "Corrected a typo"), body: Self.body("Tkae")))
        let refused = site.build()
        let diagnostic = try #require(refused.diagnostics.first { $0.rule == .changedSinceReview })
        #expect(diagnostic.message.contains("written by an older medsite"))
        // The unchanged page: the build writes the ledger as version 2, with the second fingerprint.
        try site.write("Content/reliever.md", Self.page())
        #expect(site.build().published)
        #expect(site.read(Self.ledgerName) == current)
    }

    @Test func theProtectedFingerprintIgnoresWordingButNotNumbersDenialsLinksOrCards() throws {
        func protected(_ body: String) throws -> ContentDigest {
            let file = SourceFile(relativePath: "Content/a.md", contentPath: "a.md", absolutePath: "/dev/null")
            let (article, _) = ArticlePipeline(settings: SiteSettings.parse(TestSite.settings).0!, today: CalendarDate(iso: "2026-11-23")!)
                .parse(file, bytes: Array(Self.page(body: body).utf8))
            return ReviewFingerprint.protected(try #require(article))
        }
        let base = try protected(Self.body())
        // Spelling, punctuation, curly or straight apostrophes, a quoted "not'": wording.
        #expect(try protected(Self.body("Tkae")) == base)
        #expect(try protected(Self.body().replacingOccurrences(of: "when you need it,", with: "whenever you need it;")) == base)
        #expect(try protected(Self.body(not: "don't")) == protected(Self.body(not: "don’t")))
        // What changes advice.
        for changed in [Self.body(dose: "2.5 puffs"), Self.body(dose: "two puffs"), Self.body(not: "never"), Self.body(not: "do"),
                        Self.body(card: "you cannot speak or walk"), Self.body().replacingOccurrences(of: "https://www.nhs.uk", with: "https://example.org")] {
            #expect(try protected(changed) != base, "\(changed)")
        }
        #expect(try protected(Self.body(dose: "2 puffs, 3 times a day")) != protected(Self.body(dose: "2 puffs, 4 times a day")))
        #expect(try protected(Self.body(dose: "1.5 puffs")) != protected(Self.body(dose: "15 puffs")))
    }

    @Test func theLedgerRoundTripsMinorChangesAndRejectsMalformedOnes() throws {
        let digest = "sha256:" + String(repeating: "0", count: 64)
        let text = "version: 2\npages:\n  - path: Content/a.md\n    last_reviewed: 2026-01-02\n    reviewer: \"Dr A\"\n    fingerprint: \(digest)\n    protected: \(digest)\n    minor: 2026-02-03 \"Fixed \\\"a\\\" typo\"\n    minor: 2026-02-04 \"Another\"\n"
        let (ledger, diagnostics) = ReviewLedger.parse(text)
        #expect(diagnostics.isEmpty)
        let entry = try #require(ledger?.entries["Content/a.md"])
        #expect(entry.minorChanges.map(\.summary) == ["Fixed \"a\" typo", "Another"])
        #expect(ledger?.encoded.hasSuffix(text.dropFirst("version: 2\n".count)) == true)
        for (bad, line) in [(text.replacingOccurrences(of: "minor: 2026-02-03", with: "minor: 2026-02-30"), 8),
                            (text.replacingOccurrences(of: "\"Another\"", with: "Another"), 9),
                            (text.replacingOccurrences(of: "protected: sha256:", with: "protected: md5:"), 7),
                            (text.replacingOccurrences(of: "version: 2", with: "version: 1"), 7)] {
            let (parsed, problems) = ReviewLedger.parse(bad)
            #expect(parsed == nil)
            #expect(problems.first?.rule == .reviewLedgerInvalid && problems.first?.position.line == line, "\(problems.map(\.formatted))")
        }
    }
}
