import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

/// Superseded guidance: medsite.yml lists withdrawn or replaced sources; every page citing one is
/// due for review from that day, in `build`, `review` and the preview.
struct SupersededSourceTests {
    static let superseded = """

    superseded_sources:
      - url: https://www.nice.org.uk/guidance/ng80
        replaced_by: https://www.nice.org.uk/guidance/ng245
        date: 2024-11-27
        note: "one joint BTS, NICE and SIGN guideline"
    """

    /// A page citing NG80 (its second source, the address on line 11).
    static func page(lastReviewed: String = "2024-05-20", url: String = "https://www.nice.org.uk/guidance/ng80", extra: String = "") -> String {
        TestSite.article(title: "Preventer inhalers", extra: "  - title: \"Asthma (NG80)\"\n    url: \"\(url)\"\n" + extra,
                         lastReviewed: lastReviewed)
    }

    static func site(_ page: String = SupersededSourceTests.page(), settings: String = TestSite.settings + SupersededSourceTests.superseded) throws -> TestSite {
        try TestSite(settings: settings, files: ["Content/preventers.md": page, "Content/other.md": TestSite.article(title: "Other page")])
    }

    @Test(arguments: [
        ("https://www.nice.org.uk/guidance/ng80", true),
        ("http://WWW.NICE.org.uk/guidance/ng80/", true),
        ("https://www.nice.org.uk/guidance/ng80#recommendations", true),
        ("https://www.nice.org.uk/guidance/ng80/chapter/1-Recommendations", true),
        ("https://www.nice.org.uk/guidance/ng80?tab=evidence", true),
        ("https://www.nice.org.uk/guidance/ng805", false),
        ("https://www.nice.org.uk/guidance", false),
        ("https://nice.org.uk/guidance/ng80", false),
        ("mailto:someone@nice.org.uk", false),
    ])
    func anAddressIsCoveredBelowItAndWhateverItsSpelling(address: String, covered: Bool) {
        let source = SupersededSource(url: "https://www.nice.org.uk/guidance/ng80/", date: CalendarDate(iso: "2024-11-27")!)
        #expect(source.covers(address) == covered, "\(address)")
    }

    @Test func aPageReviewedBeforeTheDayIsDueFromItAndTheSourceIsNamed() throws {
        let site = try Self.site()
        let report = site.build()
        #expect(report.published)
        let superseded = try #require(report.diagnostics.first { $0.rule == .sourceSuperseded })
        #expect(superseded.severity == .warning && superseded.file == "Content/preventers.md" && superseded.position.line == 11)
        #expect(superseded.message == "sources[2] 'Asthma (NG80)' (https://www.nice.org.uk/guidance/ng80) was replaced on 2024-11-27 by https://www.nice.org.uk/guidance/ng245 (one joint BTS, NICE and SIGN guideline); the page was last reviewed on 2024-05-20, before that, so it is due for review")
        #expect(superseded.fix?.hasPrefix("have a clinician check the page against https://www.nice.org.uk/guidance/ng245 and replace sources[2] with it") == true)
        let overdue = try #require(report.diagnostics.first { $0.rule == .reviewOverdue })
        #expect(overdue.position.line == 11 && overdue.message.contains("the next review was due on 2024-11-27, because sources[2] (https://www.nice.org.uk/guidance/ng80) was withdrawn on 2024-11-27 and replaced by https://www.nice.org.uk/guidance/ng245"))
        let page = try #require(site.read("Output/preventers/index.html"))
        #expect(page.contains("Next review due: 27 November 2024") && page.contains("data-medsite=\"overdue\""))
        #expect(!report.diagnostics.contains { $0.file == "Content/other.md" })
    }

    @Test func thePreviewShowsTheSame() throws {
        let site = try Self.site()
        let preview = SiteBuilder.preview(site.options())
        #expect(preview.report.has("source-superseded", line: 11, file: "Content/preventers.md"))
        #expect(preview.report.has("review-overdue", line: 11, file: "Content/preventers.md"))
        let page = try #require(preview.report.pages.first { $0.path == "preventers/index.html" })
        #expect(page.html.contains("Next review due: 27 November 2024") && page.html.contains("data-medsite=\"overdue\""))
    }

    @Test func medsiteReviewListsThePageWithTheReason() throws {
        let site = try Self.site()
        let (schedule, _) = ReviewSchedule.load(siteDirectory: site.root, today: CalendarDate(iso: "2026-11-23")!)
        let entries = try #require(schedule).entries
        let entry = try #require(entries.first)
        #expect(entry.path == "Content/preventers.md" && entry.status == .overdue && entry.nextReview == CalendarDate(iso: "2024-11-27"))
        #expect(entry.dueBecause?.contains("sources[2] (https://www.nice.org.uk/guidance/ng80) was withdrawn on 2024-11-27") == true)
        #expect(entries.first { $0.path == "Content/other.md" }?.dueBecause == nil)
        let csv = ReviewReport.format(try #require(schedule), entries: entries, as: .csv)
        #expect(csv.hasPrefix("path,slug,title,status,last_reviewed,next_review,days_left,reviewers,draft,changed_since_review,due_because,kind\r\n"))
        #expect(csv.contains(",2024-11-27,-726,") && csv.contains("was withdrawn on 2024-11-27 and replaced by"))
        let json = ReviewReport.format(try #require(schedule), entries: entries, as: .json)
        #expect(json.contains("\"due_because\":\"sources[2]") || json.contains("\"due_because\": \"sources[2]"), "\(json)")
    }

    @Test func aPageReviewedSinceIsNotDueButStillTold() throws {
        let site = try Self.site(Self.page(lastReviewed: "2025-01-15"))
        let report = site.build()
        #expect(!report.has("review-overdue"))
        let superseded = try #require(report.diagnostics.first { $0.rule == .sourceSuperseded })
        #expect(superseded.message.hasSuffix("the page was reviewed since (2025-01-15) but still cites it"))
        #expect(site.read("Output/preventers/index.html")?.contains("Next review due: 15 January 2028") == true)
        // Citing it on purpose: waived, with the reason reported.
        let waived = try Self.site(Self.page(lastReviewed: "2025-01-15", extra: "waive: {source-superseded: \"explains what changed in 2024\"}"))
        let quiet = waived.build()
        #expect(!quiet.diagnostics.contains { $0.rule == .sourceSuperseded && $0.severity != .note })
    }

    @Test func aReplacementAnnouncedForLaterMakesThePageDueThen() throws {
        let settings = TestSite.settings + Self.superseded.replacingOccurrences(of: "2024-11-27", with: "2026-12-10")
        let site = try Self.site(Self.page(lastReviewed: "2026-01-05"), settings: settings)
        let report = site.build()
        #expect(!report.has("source-superseded") && !report.has("review-overdue"))
        let soon = try #require(report.diagnostics.first { $0.rule == .reviewDueSoon })
        #expect(soon.message.contains("(2026-12-10), because sources[2]") && soon.position.line == 11)
    }

    @Test(arguments: [
        ("superseded_sources: https://x.org", 8, "must be a list"),
        ("superseded_sources:\n  - url: https://www.nice.org.uk/guidance/ng80\n", 9, "needs a 'date'"),
        ("superseded_sources:\n  - url: www.nice.org.uk/ng80\n    date: 2024-11-27\n", 9, "is not a web address"),
        ("superseded_sources:\n  - url: https://a.org/x\n    date: 2024-13-27\n", 10, "superseded_sources[1].date"),
        ("superseded_sources:\n  - url: https://a.org/x\n    replaced_by: https://a.org/x/v2\n    date: 2024-11-27\n", 9, "replaced by an address it covers itself"),
        ("superseded_sources:\n  - url: https://a.org/x\n    date: 2024-11-27\n  - url: http://a.org/x/\n    date: 2025-01-01\n", 11, "lists http://a.org/x/ again (first at line 9)"),
        ("superseded_sources:\n  - url: https://a.org/x\n    date: 2024-11-27\n    replace_by: https://a.org/y\n", 11, "did you mean 'replaced_by'"),
    ])
    func aMalformedListStopsTheBuildWithTheLine(yaml: String, line: Int, words: String) throws {
        let site = try Self.site(settings: TestSite.settings + "\n" + yaml)
        let report = site.build()
        #expect(!report.published && report.exitStatus == 2)
        let diagnostic = try #require(report.diagnostics.first { $0.rule == .invalidSettings }, "\(report.diagnostics.map(\.formatted))")
        #expect(diagnostic.file == "medsite.yml" && diagnostic.position.line == line, "\(diagnostic.formatted)")
        #expect(diagnostic.message.contains(words), "\(diagnostic.message)")
    }
}
