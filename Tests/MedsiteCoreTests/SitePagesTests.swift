import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

@Suite struct SitePagesTests {
    static let threeSections = "## Causes\n\nText.\n\n## Symptoms\n\nText.\n\n## Treatment\n\nText.\n"

    static func shortAnswer(title: String = "Is there a cure for PML?") -> String {
        TestSite.article(title: title, slug: "pml-cure", extra: """
        type: short-answer
        question: "Can PML be cured?"
        condition:
          name: Progressive multifocal leukoencephalopathy
          icd10: A81.2
        tags: [rare disease, Brain infection]
        """, lastReviewed: "2026-05-01", body: threeSections)
    }

    static let files = [
        "Content/pml.md": TestSite.article(extra: "tags: [brain infection]"),
        "Content/cure.md": shortAnswer(),
        "Content/draft.md": TestSite.article(title: "Unfinished", slug: "unfinished", extra: "draft: true"),
    ]

    @Test func generatesConditionTopicSearchAnd404PagesAndMachineFiles() throws {
        let site = try TestSite(files: Self.files)
        let report = site.build()
        #expect(report.exitStatus == 0, "\(report.diagnostics.map(\.formatted))")
        for path in ["conditions/progressive-multifocal-leukoencephalopathy/index.html", "conditions/general-health/index.html",
                     "tags/index.html", "tags/brain-infection/index.html", "tags/rare-disease/index.html",
                     "search/index.html", "404.html", "sitemap.xml", "robots.txt", "feed.xml", "assets/search.js"] {
            #expect(site.read("Output/" + path) != nil, "missing \(path)")
        }
        // "brain infection" and "Brain infection" are one topic.
        let topic = try #require(site.read("Output/tags/brain-infection/index.html"))
        #expect(topic.contains("href=\"../../pml/\"") && topic.contains("href=\"../../pml-cure/\""))
        let condition = try #require(site.read("Output/conditions/progressive-multifocal-leukoencephalopathy/index.html"))
        #expect(condition.contains("ICD-10 code: A81.2"))
        #expect(condition.contains("<link rel=\"canonical\" href=\"https://health.example.org/conditions/progressive-multifocal-leukoencephalopathy/\">"))
    }

    @Test func draftsStayOutOfEveryListing() throws {
        let site = try TestSite(files: Self.files)
        #expect(site.build().exitStatus == 0)
        for path in ["index.html", "sitemap.xml", "feed.xml", "search/index.html", "tags/index.html"] {
            let text = try #require(site.read("Output/" + path))
            #expect(!text.contains("unfinished") && !text.contains("Unfinished"), "draft listed in \(path)")
        }
    }

    @Test func articlesWithThreeSectionsGetContentsAndEveryHeadingAnAnchor() throws {
        let site = try TestSite(files: Self.files)
        #expect(site.build().exitStatus == 0)
        let long = try #require(site.read("Output/pml-cure/index.html"))
        #expect(long.contains("<nav class=\"toc\" aria-labelledby=\"contents\">"))
        #expect(long.contains("<li><a href=\"#symptoms\">Symptoms</a></li>"))
        #expect(long.contains("<h2 id=\"symptoms\">Symptoms&#160;<a class=\"heading-anchor\" href=\"#symptoms\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h2>"))
        let short = try #require(site.read("Output/pml/index.html"))
        #expect(!short.contains("class=\"toc\""))
        #expect(short.contains("<h2 id=\"what-causes-it\">What causes it?&#160;<a class=\"heading-anchor\" href=\"#what-causes-it\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h2>"))
        // Breadcrumbs: home, then the condition (here the catch-all group).
        #expect(short.contains("<a href=\"../conditions/general-health/\">General health</a>"))
    }

    @Test func structuredDataDescribesTheReviewAndTheQuestion() throws {
        let site = try TestSite(files: Self.files)
        #expect(site.build().exitStatus == 0)
        let page = try #require(site.read("Output/pml-cure/index.html"))
        #expect(page.contains(#""lastReviewed":"2026-05-01""#))
        #expect(page.contains(#""reviewedBy":[{"@type":"Person","name":"Dr Amelia Hart","honorificSuffix":"MD FRCP""#))
        #expect(page.contains(#""about":{"@type":"MedicalCondition","name":"Progressive multifocal leukoencephalopathy","code":{"@type":"MedicalCode","codeValue":"A81.2","codingSystem":"ICD-10"}}"#))
        #expect(page.contains(#""@type":"FAQPage""#) && page.contains(#""name":"Can PML be cured?""#))
        let article = try #require(site.read("Output/pml/index.html"))
        #expect(!article.contains("FAQPage"))
        #expect(article.contains("<meta property=\"og:type\" content=\"article\">"))
    }

    @Test func frontMatterTextCannotCloseTheScriptElement() throws {
        let hostile = #"Cure? </script><script>alert(1)</script> <!-- & \u2028 end"#
        let site = try TestSite(files: ["Content/cure.md": Self.shortAnswer(title: hostile)])
        #expect(site.build().exitStatus == 0)
        let page = try #require(site.read("Output/pml-cure/index.html"))
        let start = try #require(page.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
        let json = page[start.upperBound..<end.lowerBound]
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("&") && !json.contains("\u{2028}"))
        #expect(json.contains(#"Cure? \u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e \u003c!-- \u0026 \u2028 end"#))
        #expect(page.components(separatedBy: "<script").count == 2)
    }

    @Test func byteSearchFindsTextLikeFoundation() {
        #expect("Page last reviewed: 7 April 2026".containsBytes("reviewed: 7 April"))
        #expect(!"Page last reviewed: 7 April 2026".containsBytes("8 April"))
        #expect("Ménière’s disease".containsBytes("ière’s"))
        #expect(!"short".containsBytes("shorter") && "x".containsBytes(""))
    }

    @Test func jsonEscapesControlAndLineSeparatorCharacters() {
        var text = JSONBytes()
        text.string("a\"b\\c\n\u{1}\u{2029}")
        #expect(text.string == #""a\"b\\c\n\u0001\u2029""#)
        var object = JSONBytes()
        object.openObject()
        object.member("k", nil as String?)
        object.member("n", 3)
        object.closeObject()
        #expect(object.string == #"{"n":3}"#, "a nil member is left out")
    }

    @Test func sitemapAndFeedDateFromReviewsNotTheClock() throws {
        let site = try TestSite(files: Self.files)
        #expect(site.build(today: "2026-11-23").exitStatus == 0)
        let feed = try #require(site.read("Output/feed.xml"))
        #expect(feed.contains("<updated>2026-05-01T00:00:00Z</updated>\n<author>"))
        #expect(feed.range(of: "pml-cure/</id>")!.lowerBound < feed.range(of: "/pml/</id>")!.lowerBound, "newest review first")
        let sitemap = try #require(site.read("Output/sitemap.xml"))
        #expect(sitemap.contains("<url><loc>https://health.example.org/pml/</loc><lastmod>2026-04-07</lastmod></url>"))
        #expect(!sitemap.contains("404.html"))
        #expect(site.read("Output/robots.txt") == "User-agent: *\nAllow: /\n\nSitemap: https://health.example.org/sitemap.xml\n")
        let first = feed + sitemap
        #expect(site.build(today: "2027-01-01").exitStatus == 0)
        #expect(try #require(site.read("Output/feed.xml")) + (site.read("Output/sitemap.xml") ?? "") == first)
    }

    @Test func notFoundPageLinksFromTheSitePathBecauseServersShowItAtAnyDepth() throws {
        let settings = TestSite.settings.replacingOccurrences(of: "base_url: https://health.example.org/",
                                                              with: "base_url: https://example.org/health")
        let site = try TestSite(settings: settings, files: Self.files)
        #expect(site.build().exitStatus == 0)
        let page = try #require(site.read("Output/404.html"))
        #expect(page.contains("href=\"/health/assets/style.css\"") && page.contains("href=\"/health/search/\""))
        #expect(page.contains("<meta name=\"robots\" content=\"noindex\">") && !page.contains("rel=\"canonical\""))
        #expect(SitePages.basePath("https://example.org") == "/")
    }

    @Test func searchIndexHoldsWhatReadersSearchFor() throws {
        let site = try TestSite(files: Self.files)
        #expect(site.build().exitStatus == 0)
        let page = try #require(site.read("Output/search/index.html"))
        #expect(!page.contains("application/json"), "the index is no longer embedded in the page")
        #expect(site.read("Output/search/manifest.json")?.contains(#"["seizure"]"#) == true)
        // Inventory order: cure.md is 0, draft.md (never indexed) 1, pml.md 2.
        let result = try #require(site.read("Output/search/doc/0.json"))
        #expect(result.hasPrefix(#"{"t":"Is there a cure for PML?","u":"pml-cure/","d":"A rare infection of the brain.","c":"Progressive multifocal leukoencephalopathy","x":"#))
        #expect(site.read("Output/search/doc/1.json") == nil)
        let shard = try #require(site.read("Output/search/index/cu.json"))
        #expect(shard.contains(#""cure":[1,0,100]"#), "\(shard)") // in its title
        #expect(site.read("Output/search/index/a8.json")?.contains(#""a812":[1,0,50]"#) == true) // ICD-10 A81.2
    }

    @Test func bigListingsArePagedAndTheHomePageNamesConditionsOnly() throws {
        var files: [String: String] = [:]
        for index in 0..<(ListingPages.homeArticleLimit + 1) {
            files["Content/a\(index).md"] = TestSite.article(title: "Asthma page \(index)", slug: "a\(index)",
                                                           extra: "condition:\n  name: Asthma\ntags: [breathing]")
        }
        let site = try TestSite(files: files)
        #expect(site.build().exitStatus == 0)
        let first = try #require(site.read("Output/conditions/asthma/index.html"))
        #expect(first.components(separatedBy: "<li><a href=\"../../a").count - 1 == ListingPages.pageSize)
        #expect(first.contains(#"<a href="../../conditions/asthma/page/4/">4</a>"#) && first.contains(#"<span aria-current="page">1</span>"#))
        let last = try #require(site.read("Output/conditions/asthma/page/4/index.html"))
        #expect(last.components(separatedBy: "<li><a href=\"../../../../a").count - 1 == 1)
        #expect(site.read("Output/conditions/asthma/page/5/index.html") == nil)
        #expect(site.read("Output/tags/breathing/page/2/index.html") != nil)
        let home = try #require(site.read("Output/index.html"))
        #expect(home.contains("301 pages") && !home.contains("href=\"a0/\""))
    }
}
