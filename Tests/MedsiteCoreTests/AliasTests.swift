import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteRender

/// `aliases:`: old addresses get a redirect page and a `_redirects` line; taken ones are errors.
@Suite struct AliasTests {
    @Test func writtenAliasesBecomeSiteRelativePaths() throws {
        let base = "https://health.example.org/"
        #expect(try PageAlias.normalize("/old-name/", baseURL: base).get() == "old-name/")
        #expect(try PageAlias.normalize("old-name", baseURL: base).get() == "old-name/")
        #expect(try PageAlias.normalize("https://health.example.org/leaflets/pml.html", baseURL: base).get() == "leaflets/pml.html")
        #expect(try PageAlias.normalize("/f%C3%BCr-kinder/", baseURL: base).get() == "für-kinder/")
        for bad in ["https://other.example.com/x/", "/x/?page=2", "/x/#top", "/", "/../x/", "/%zz/"] {
            #expect((try? PageAlias.normalize(bad, baseURL: base).get()) == nil, "\(bad)")
        }
    }

    @Test func anAliasGetsARedirectPageAndARedirectsLine() throws {
        let site = try TestSite(files: [
            "Content/pml.md": TestSite.article(extra: "aliases:\n  - /pml-old/\n  - /leaflets/pml.html\n  - /für-kinder/"),
        ])
        let report = site.build()
        #expect(report.published, "\(report.diagnostics)")
        let page = try #require(site.read("Output/pml-old/index.html"))
        #expect(page.contains("<meta http-equiv=\"refresh\" content=\"0; url=../pml/\">"))
        #expect(page.contains("<link rel=\"canonical\" href=\"https://health.example.org/pml/\">"))
        #expect(page.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(page.contains("<a href=\"../pml/\">What is PML?</a>"))
        #expect(site.read("Output/leaflets/pml.html")?.contains("url=../pml/") == true)
        #expect(site.read("Output/für-kinder/index.html") != nil)
        let rules = try #require(site.read("Output/_redirects"))
        #expect(rules.contains("/pml-old/ /pml/ 301\n"))
        #expect(rules.contains("/leaflets/pml.html /pml/ 301\n"))
        #expect(rules.contains("/f%C3%BCr-kinder/ /pml/ 301\n"))
        // Old addresses are not pages: not in the sitemap.
        #expect(site.read("Output/sitemap.xml")?.contains("pml-old") == false)
    }

    @Test func underABasePathTheRedirectsCarryIt() throws {
        let settings = TestSite.settings.replacingOccurrences(of: "https://health.example.org/", with: "https://example.org/health/")
        let site = try TestSite(settings: settings, files: ["Content/pml.md": TestSite.article(extra: "aliases: [/pml-old/]")])
        #expect(site.build().published)
        #expect(site.read("Output/_redirects")?.contains("/health/pml-old/ /health/pml/ 301\n") == true)
    }

    @Test func aSiteWithoutAliasesHasNoRedirectsFile() throws {
        let site = try TestSite(files: ["Content/pml.md": TestSite.article()])
        #expect(site.build().published)
        #expect(site.read("Output/_redirects") == nil)
    }

    @Test func anAliasThatIsAnotherPageIsAnError() throws {
        let site = try TestSite(files: [
            "Content/pml.md": TestSite.article(extra: "condition:\n  name: PML\naliases: [/other/, /conditions/pml/, /search/, /assets/x/]"),
            "Content/other.md": TestSite.article(title: "Other"),
        ])
        let report = site.build()
        #expect(!report.published)
        let taken = report.diagnostics.filter { $0.rule.id == "alias-taken" }
        #expect(taken.count == 4)
        #expect(taken.contains { $0.message.contains("/other/") && $0.message.contains("Content/other.md") })
        #expect(taken.contains { $0.message.contains("condition page 'PML'") })
    }

    @Test func twoPagesClaimingOneAliasAreAnErrorNamingBoth() throws {
        let site = try TestSite(files: [
            "Content/a.md": TestSite.article(title: "A", extra: "aliases: [/old/]"),
            "Content/b.md": TestSite.article(title: "B", extra: "aliases: [/Old/]"),
        ])
        let taken = site.check().diagnostics.filter { $0.rule.id == "alias-taken" }
        #expect(taken.count == 2)
        #expect(taken.contains { $0.file == "Content/a.md" && $0.message.contains("Content/b.md") })
        #expect(taken.contains { $0.file == "Content/b.md" && $0.message.contains("Content/a.md") })
    }

    @Test func aBadAliasIsReportedAtItsField() throws {
        let site = try TestSite(files: ["Content/pml.md": TestSite.article(extra: "aliases: [\"https://other.example.com/pml/\"]")])
        let report = site.check()
        let problem = try #require(report.diagnostics.first { $0.rule.id == "invalid-field" })
        #expect(problem.message.contains("another site"))
        #expect(problem.position.line == 10) // the aliases: line
    }

    @Test func addingAnAliasReachesTheIncrementalBuild() throws {
        let site = try TestSite(files: ["Content/pml.md": TestSite.article(), "Content/other.md": TestSite.article(title: "Other")])
        #expect(site.build().published)
        try site.write("Content/pml.md", TestSite.article(extra: "aliases: [/pml-old/]"))
        #expect(site.build().published)
        #expect(site.read("Output/pml-old/index.html")?.contains("url=../pml/") == true)
        // Replacing the alias would lose /pml-old/, which readers may have bookmarked.
        try site.write("Content/pml.md", TestSite.article(extra: "aliases: [/pml-older/]"))
        let lost = site.build()
        #expect(!lost.published)
        let vanished = try #require(lost.diagnostics.first { $0.rule.id == "address-vanished" })
        #expect(vanished.file == "Content/pml.md" && vanished.position.line == 10 && vanished.severity == .error)
        #expect(vanished.message.contains("/pml-old/") && vanished.fix?.contains("'aliases:'") == true && vanished.fix?.contains("retired:") == true)
        // Retiring it in medsite.yml is the editor's decision to let it go.
        try site.write("medsite.yml", TestSite.settings + "\nretired: [/pml-old/]\n")
        #expect(site.build().published)
        #expect(site.read("Output/pml-older/index.html") != nil)
        #expect(site.read("Output/pml-old/index.html") == nil)
        #expect(site.read("Output/_redirects") == "# Old addresses (aliases: in the articles), for Netlify and Cloudflare Pages.\n/pml-older/ /pml/ 301\n")
    }
}
