import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

/// The compiled renderer against swift-mustache, the renderer it replaced: every page of the
/// default theme (article, home, condition, tag, tags, search, 404) and of custom themes, rendered
/// through both, must be the same bytes. (Debug builds also check every page any test renders,
/// in `Theme.render`.)
@Suite struct DifferentialRenderingTests {
    /// Every page of the site in `folder` (its Content/ and Templates/), through both renderers.
    static func expectIdenticalPages(in folder: String, today: String = "2026-11-23",
                                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        let settingsText = try String(contentsOfFile: folder + "/medsite.yml", encoding: .utf8)
        let settings = try #require(SiteSettings.parse(settingsText).0, sourceLocation: sourceLocation)
        let (loaded, diagnostics) = Theme.load(siteDirectory: folder)
        let theme = try #require(loaded, "\(diagnostics.map(\.formatted))", sourceLocation: sourceLocation)
        #expect(theme.compiled != nil && Theme.builtInTemplates.compiled != nil, "the theme was not compiled", sourceLocation: sourceLocation)
        var articles: [Article] = []
        let content = folder + "/Content"
        for case let path as String in FileManager.default.enumerator(atPath: content)! where path.hasSuffix(".md") {
            let file = SourceFile(relativePath: "Content/" + path, contentPath: path, absolutePath: content + "/" + path)
            let bytes = try #require(FileManager.default.contents(atPath: content + "/" + path))
            if let article = ArticleParser.parse(file, bytes: Array(bytes), settings: settings).0 { articles.append(article) }
        }
        articles.sort { $0.source.contentPath < $1.source.contentPath }
        #expect(!articles.isEmpty, sourceLocation: sourceLocation)
        let day = CalendarDate(iso: today)
        func pages(_ theme: Theme) -> [RenderedPage] {
            // Parsed again for each renderer: rendering rewrites source links in the cmark tree.
            let fresh = articles.compactMap { ArticleParser.reparse($0, settings: settings) }
            let renderer = PageRenderer(theme: theme, settings: settings, articles: fresh, today: day)
            return fresh.map(renderer.renderArticle) + renderer.siteJobs.flatMap(renderer.render)
        }
        let compiled = pages(theme)
        let oracle = pages(theme.renderedBySwiftMustache)
        #expect(compiled.count == oracle.count, sourceLocation: sourceLocation)
        var kinds = Set<String>()
        for (page, expected) in zip(compiled, oracle) {
            #expect(page.path == expected.path, sourceLocation: sourceLocation)
            #expect(page.html == expected.html, "\(page.path): \(Theme.firstDifference(page.html, expected.html))",
                    sourceLocation: sourceLocation)
            #expect(page.inserted == expected.inserted, sourceLocation: sourceLocation)
            kinds.insert(page.path.split(separator: "/").first.map(String.init) ?? page.path)
        }
        for kind in ["index.html", "404.html", "search", "tags", "conditions"] {
            #expect(kinds.contains(kind), "no \(kind) page rendered", sourceLocation: sourceLocation)
        }
    }

    @Test func sampleSite() throws {
        try Self.expectIdenticalPages(in: TestSite.repositoryRoot)
        // A day after every review date: every article carries its due-for-review notice.
        try Self.expectIdenticalPages(in: TestSite.repositoryRoot, today: "2099-01-01")
    }

    @Test func fixtures() throws {
        try Self.expectIdenticalPages(in: TestSite.fixture("seeds-as-extracted"))
        try Self.expectIdenticalPages(in: TestSite.fixture("promotional"))
    }

    @Test func testSitesAndGeneratedArticles() throws {
        let site = try TestSite(files: SitePagesTests.files.merging([
            "Content/short.md": SitePagesTests.shortAnswer(title: "Can it <b>&</b> \"be\" 'cured'?"),
        ]) { a, _ in a })
        try Self.expectIdenticalPages(in: site.root)
        let generated = try TestSite()
        let script = TestSite.repositoryRoot + "/scripts/generate-workload.py"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--count", "60", "--out", generated.root + "/generated"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        try Self.expectIdenticalPages(in: generated.root + "/generated")
    }

    /// Custom themes (a site's own Templates/): the templates the other tests write, and ones using
    /// every kind of tag.
    @Test(arguments: [
        ["article.mustache": RenderAndWriteTests.bareArticleTemplate],
        ["layout.mustache": "<!DOCTYPE html><html><body>{{$content}}{{/content}}</body></html>",
         "article.mustache": RenderAndWriteTests.bareArticleTemplate],
        ["layout.mustache": """
            <html>
              {{! a comment }}
              {{$head}}
                <meta name="x" content="{{page.title}}">
              {{/head}}
            <body>
              {{> partials/breadcrumbs}}
              {{$content}}{{/content}}
            {{=<% %>=}}
              <footer><%site.title%> <%& root%><%={{ }}=%></footer>
            </body></html>
            """,
         "partials/extra.mustache": "  <p>{{.}}</p>\n  {{#items}}\n    <i>{{name}}</i>\n  {{/items}}\n",
         "article.mustache": """
            {{<layout}}
              {{$head}}  <meta name="robots" content="{{^article.draft}}index{{/article.draft}}">
              {{/head}}
              {{$content}}
                <h1>{{ article.title }}</h1>
                {{#breadcrumbs}}
                  {{> partials/extra}}
                {{/breadcrumbs}}
                {{#article.authors}}{{name}}{{separator}}{{/article.authors}}
                {{^article.authors}}[{{.}}]{{/article.authors}}
                {{#article}}{{#condition}}{{name}} {{.icd10}}{{/condition}} {{has_tags}}{{/article}}
                {{article.missing.deeper}}{{{article.body}}}
              {{/content}}
            {{/layout}}
            """],
    ])
    func customThemes(_ templates: [String: String]) throws {
        var files = SitePagesTests.files
        for (path, text) in templates { files["Templates/" + path] = text }
        let site = try TestSite(files: files)
        try Self.expectIdenticalPages(in: site.root)
    }

    /// A theme using what only swift-mustache renders (transforms) is rendered by swift-mustache.
    @Test func themesWithTransformsFallBackToSwiftMustache() throws {
        let site = try TestSite(files: SitePagesTests.files.merging([
            "Templates/article.mustache": """
            {{<layout}}{{$content}}<h1>{{article.title}}</h1><p>{{count(article.sources)}} sources</p>
            {{#article.sources}}{{#first()}}first: {{/first()}}{{title}}{{/article.sources}}
            {{> partials/review}}{{> partials/disclaimer}}{{/content}}{{/layout}}
            """,
        ]) { a, _ in a })
        let theme = try #require(Theme.load(siteDirectory: site.root).0)
        #expect(theme.compiled == nil)
        #expect(Theme.builtInTemplates.compiled != nil)
        let report = site.build()
        #expect(report.exitStatus == 0, "\(report.diagnostics.map(\.formatted))")
        let page = try #require(site.read("Output/pml/index.html"))
        #expect(page.contains("<p>1 sources</p>"))
        #expect(page.contains("first: PML"))
    }
}
