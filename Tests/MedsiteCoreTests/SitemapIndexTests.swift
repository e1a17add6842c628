import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteRender

/// sitemaps.org allows 50,000 addresses a file: past that, sitemap.xml indexes sitemap-N.xml files.
@Suite struct SitemapIndexTests {
    static func articles(_ count: Int, settings: SiteSettings) throws -> [Article] {
        try (0..<count).map { index in
            let file = SourceFile(relativePath: "Content/a\(index).md", contentPath: "a\(index).md", absolutePath: "")
            let text = TestSite.article(title: "Article \(index)", slug: "a\(index)", lastReviewed: "2026-0\(1 + index % 9)-01")
            return try #require(ArticleParser.parse(file, bytes: Array(text.utf8), settings: settings).0)
        }
    }

    @Test func pastTheLimitSitemapXMLIsAnIndexOfParts() throws {
        let settings = try #require(SiteSettings.parse(TestSite.settings).0)
        let articles = try Self.articles(7, settings: settings)
        let navigation = SiteNavigation(articles: articles)
        // 7 articles + home, one condition page (General health), topics and search: 11 addresses.
        let all = Feeds.sitemapEntries(articles: articles, navigation: navigation)
        #expect(all.count == 11)
        let pages = Feeds.sitemaps(articles: articles, navigation: navigation, settings: settings, limit: 4)
        #expect(pages.map(\.path) == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"])
        let index = pages[0].html
        #expect(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
        #expect(index.contains("<sitemap><loc>https://health.example.org/sitemap-3.xml</loc>"))
        #expect(!index.contains("<urlset"))
        let counts = pages.dropFirst().map { $0.html.components(separatedBy: "<url>").count - 1 }
        #expect(counts == [4, 4, 3])
        // Every address once, in the order a single sitemap lists them.
        let single = Feeds.sitemaps(articles: articles, navigation: navigation, settings: settings, limit: 11)
        #expect(single.map(\.path) == ["sitemap.xml"])
        let locs = { (html: String) in html.components(separatedBy: "<loc>").dropFirst().map { $0.components(separatedBy: "</loc>")[0] } }
        #expect(pages.dropFirst().flatMap { locs($0.html) } == locs(single[0].html))
        // Each part's lastmod in the index is its newest review date.
        #expect(index.contains("<lastmod>"))
    }

    @Test func aBuildUnderTheLimitWritesOneSitemap() throws {
        let site = try TestSite(files: ["Content/pml.md": TestSite.article()])
        #expect(site.build().published)
        #expect(site.read("Output/sitemap.xml")?.contains("<urlset") == true)
        #expect(site.read("Output/sitemap-1.xml") == nil)
    }

    @Test func aBaseURLWithAPathWarnsWhereRobotsTxtMustGo() throws {
        let settings = TestSite.settings.replacingOccurrences(of: "https://health.example.org/", with: "https://example.org/health/")
        let site = try TestSite(settings: settings, files: ["Content/pml.md": TestSite.article()])
        let report = site.build()
        #expect(report.published)
        let warning = try #require(report.diagnostics.first { $0.rule.id == "robots-not-at-root" })
        #expect(warning.severity == .warning && warning.file == "medsite.yml" && warning.position.line == 2)
        #expect(warning.fix?.contains("https://example.org/robots.txt") == true)
        #expect(warning.fix?.contains("Sitemap: https://example.org/health/sitemap.xml") == true)
        let atRoot = try TestSite(files: ["Content/pml.md": TestSite.article()])
        #expect(!atRoot.build().has("robots-not-at-root"))
    }
}
