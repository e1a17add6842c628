import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

@Suite struct SmokeTests {
    @Test func validArticleBuildsWithDisclaimerAndReviewLabels() throws {
        let site = try TestSite(files: ["Content/pml.md": TestSite.article()])
        let report = site.build()
        #expect(report.exitStatus == 0, "\(report.diagnostics.map(\.formatted))")
        let page = try #require(site.read("Output/pml/index.html"))
        #expect(page.contains("Page last reviewed: 7 April 2026"))
        #expect(page.contains("Next review due: 7 April 2029"))
        #expect(page.contains("This information does not replace advice from your doctor."))
    }
}
