import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

@Suite struct ReviewScheduleTests {
    static let unpublish = TestSite.settings + "\nreview:\n  overdue: unpublish\n"

    @Test func unpublishLeavesTheOverduePageOutAndSaysSo() throws {
        let site = try TestSite(settings: Self.unpublish, files: [
            "Content/old.md": TestSite.article(title: "Old page", lastReviewed: "2023-01-10"),
            "Content/fresh.md": TestSite.article(title: "Fresh page", body: "See [the old page](old.md).\n"),
        ])
        let report = site.build()
        #expect(report.exitStatus == 0)
        let notice = try #require(report.diagnostics.first { $0.rule.id == "review-overdue" })
        #expect(notice.severity == .warning && notice.file == "Content/old.md" && notice.message.contains("NOT published"))
        #expect(report.has("broken-link", file: "Content/fresh.md"))
        #expect(report.withheld == ["Content/old.md"])
        #expect(site.read("Output/fresh/index.html") != nil)
        // Its address says the page is being reviewed, and shows nothing of it.
        let held = try #require(site.read("Output/old/index.html"))
        #expect(held.contains("This page is being reviewed") && held.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(!held.contains("Old page") && !held.contains("The JC virus") && !held.contains("rel=\"canonical\""))
        let home = try #require(site.read("Output/index.html"))
        #expect(home.contains("Fresh page") && !home.contains("Old page"))
        #expect(site.read("Output/sitemap.xml")?.contains("/old/") == false)
    }

    /// `medsite review` reads articles through the same limits as a build (issue 13: it skipped the 64 MB guard).
    @Test func reviewDoesNotReadArticlesOverTheInputLimit() throws {
        let site = try TestSite(files: ["Content/ok.md": TestSite.article(title: "A valid page")])
        let path = site.root + "/Content/giant.md"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(TestSite.article().utf8)))
        #expect(truncate(path, off_t(InputLimits.maximumArticleBytes + 1)) == 0) // sparse: no real disk used
        let (schedule, diagnostics) = ReviewSchedule.load(siteDirectory: site.root, today: CalendarDate(iso: "2026-11-23")!)
        #expect(schedule?.entries.map(\.path) == ["Content/ok.md"])
        let refused = try #require(diagnostics.first { $0.file == "Content/giant.md" })
        #expect(refused.rule.id == "unreadable-file" && refused.message.contains("not read"))
        #expect(refused == SiteBuilder.check(site.options()).diagnostics.first { $0.file == "Content/giant.md" },
                "review reports the file as the build does")
    }

    @Test func aWaivedOverduePageStaysPublished() throws {
        let site = try TestSite(settings: Self.unpublish, files: [
            "Content/old.md": TestSite.article(title: "Old page", extra: "waive:\n  review-overdue: \"extension approved by the clinical lead\"",
                                               lastReviewed: "2023-01-10"),
        ])
        let report = site.build()
        #expect(site.read("Output/old/index.html") != nil)
        #expect(report.diagnostics.contains { $0.rule.id == "review-overdue" && $0.severity == .note })
    }

    @Test func scheduleIsSoonestFirstWithTheNextChange() throws {
        let settings = try #require(SiteSettings.parse(TestSite.settings).0)
        func summary(_ path: String, _ next: String?) -> ArticleSummary {
            ArticleSummary(path: path, slug: path, title: path, lastReviewed: nil, nextReview: next.flatMap { CalendarDate(iso: $0) },
                           reviewers: [], draft: false, wordCount: 0, readabilityGrade: nil)
        }
        let schedule = ReviewSchedule(summaries: [summary("late", "2027-06-01"), summary("soon", "2026-12-01"),
                                                  summary("over", "2026-11-01"), summary("none", nil)],
                                      today: CalendarDate(iso: "2026-11-23")!, settings: settings)
        #expect(schedule.entries.map(\.path) == ["none", "over", "soon", "late"])
        #expect(schedule.entries.map(\.status) == [.unscheduled, .overdue, .dueSoon, .ok])
        // "soon" turns overdue on 2 December; "late" turns due soon on 2 May 2027.
        #expect(schedule.nextChange?.date.iso == "2026-12-02")
        #expect(schedule.nextChange?.changes.first?.path == "soon")
        #expect(schedule.within(days: 10).map(\.path) == ["none", "over", "soon"])
    }
}

@Suite struct RuleDocumentationTests {
    @Test func docsRulesMarkdownIsCurrent() throws {
        let written = try String(contentsOfFile: TestSite.repositoryRoot + "/docs/rules.md", encoding: .utf8)
        #expect(written == RuleDocumentation.markdown(), "docs/rules.md is stale: run `make rules-doc`")
    }

    @Test func everyRuleIsDocumentedWithAFix() {
        let ids = RuleCatalogue.all.map(\.id.id)
        #expect(Set(ids).count == ids.count)
        for rule in RuleCatalogue.all {
            #expect(rule.explanation.contains("Fix:"), "\(rule.id)")
            #expect(RuleDocumentation.markdown().contains("## \(rule.id.id)\n"))
        }
    }
}
