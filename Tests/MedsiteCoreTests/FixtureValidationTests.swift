import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

/// The seed fixtures and the sample site, judged by the whole rule catalogue.
@Suite struct FixtureValidationTests {
    static let today = CalendarDate(iso: "2026-11-23")!

    func check(_ site: String) -> BuildReport {
        SiteBuilder.check(BuildOptions(siteDirectory: site, today: Self.today))
    }

    @Test func promotionalSeedFails() {
        let report = check(TestSite.fixture("promotional"))
        #expect(report.exitStatus == 1)
        for rule in ["promotional-language", "tracking-link", "raw-html", "required-field"] {
            #expect(report.has(rule), "\(rule)")
        }
        for field in ["last_reviewed", "reviewed_by", "sources"] {
            #expect(report.diagnostics.contains { $0.rule.id == "required-field" && $0.message.contains("'\(field)'") })
        }
        #expect(report.has("promotional-language", line: 12))
        #expect(report.has("tracking-link", line: 12))
        #expect(report.has("raw-html", line: 34))
    }

    @Test func seedsAsExtractedLostTheirListsAndRepeatThemselves() {
        let report = check(TestSite.fixture("seeds-as-extracted"))
        let cure = "Content/is-there-a-cure-for-pml.md", treatment = "Content/pml-first-line-treatment.md"
        #expect(report.has("duplicate-paragraph", line: 21, file: cure))
        #expect(report.has("dangling-list-intro", line: 25, file: cure))
        #expect(report.has("dangling-list-intro", line: 29, file: cure))
        #expect(report.has("duplicate-paragraph", line: 21, file: treatment))
        #expect(report.has("dangling-list-intro", line: 25, file: treatment))
    }

    @Test func sampleSitePassesWithNoWarnings() {
        let report = check(TestSite.repositoryRoot)
        let problems = report.diagnostics.filter { $0.severity != .note }
        #expect(problems.isEmpty, "\(problems.map(\.formatted))")
        #expect(report.exitStatus == 0)
        #expect(report.articles.count == 7)
        #expect(report.articles.allSatisfy { $0.wordCount > 200 && $0.readabilityGrade != nil })
    }
}
