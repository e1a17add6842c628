import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

/// The repository root is itself a site: it must build cleanly, and the seed-000 fixture must not.
@Suite struct SampleSiteTests {
    @Test func sampleSiteBuildsWithEveryPageCarryingDisclaimerAndReviewDates() throws {
        let output = NSTemporaryDirectory() + "medsite-sample-" + UUID().uuidString
        let options = BuildOptions(siteDirectory: TestSite.repositoryRoot, outputDirectory: output,
                                   today: CalendarDate(iso: "2026-11-23")!)
        let report = SiteBuilder.build(options)
        #expect(report.exitStatus == 0, "\(report.diagnostics.map(\.formatted))")
        #expect(report.diagnostics.filter { $0.severity != .note }.isEmpty, "\(report.diagnostics.map(\.formatted))")
        #expect(report.articles.count >= 7)
        let settings = try #require(SiteSettings.parse(try String(contentsOfFile: TestSite.repositoryRoot + "/medsite.yml", encoding: .utf8)).0)
        for article in report.articles where !article.draft {
            let page = try String(contentsOfFile: "\(output)/\(article.slug)/index.html", encoding: .utf8)
            let last = try #require(article.lastReviewed), next = try #require(article.nextReview)
            #expect(page.contains("Page last reviewed: \(last.long)"), "\(article.slug)")
            #expect(page.contains("Next review due: \(next.long)"), "\(article.slug)")
            #expect(settings.disclaimers.contains { page.contains(HTML.escape($0.text)) }, "\(article.slug) has no disclaimer")
        }
    }

    @Test func promotionalSeedFailsWithRequiredFieldsAtTheFrontMatter() throws {
        let options = BuildOptions(siteDirectory: TestSite.fixture("promotional"),
                                   outputDirectory: NSTemporaryDirectory() + "medsite-promo-" + UUID().uuidString,
                                   today: CalendarDate(iso: "2026-11-23")!)
        let report = SiteBuilder.build(options)
        #expect(report.exitStatus == 1)
        #expect(!report.published)
        let file = "Content/pml-treatment-market-report.md"
        // Reported at the closing '---', where the fields are to be added.
        let text = try String(contentsOfFile: TestSite.fixture("promotional") + "/" + file, encoding: .utf8)
        let closing = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().firstIndex(of: "---")) + 1
        for field in ["last_reviewed", "reviewed_by", "sources"] {
            #expect(report.diagnostics.contains { $0.file == file && $0.rule.id == "required-field" && $0.position.line == closing
                && $0.message == "'\(field)' is required" }, "\(field)")
        }
    }
}
