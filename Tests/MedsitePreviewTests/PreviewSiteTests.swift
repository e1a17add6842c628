import Foundation
import Testing
import MedsiteCore
@testable import MedsitePreview

/// The fast path (one article re-parsed, re-validated, re-rendered) must give exactly what a full
/// check of the changed site gives, and must hand anything wider to a full build.
@Suite struct PreviewSiteTests {
    func expectSameAsFullCheck(_ site: PreviewSite, _ options: BuildOptions) {
        let report = SiteBuilder.preview(options).report
        #expect(site.allDiagnostics == report.diagnostics)
        #expect(site.pages.count == report.pages.count)
        for page in report.pages { #expect(site.pages[page.path]?.html == page.html, "\(page.path)") }
    }

    @Test func bodyEditTakesTheFastPathAndMatchesAFullCheck() throws {
        let test = try PreviewTestSite()
        defer { test.remove() }
        var site = PreviewSite.build(test.options)
        let file = "Content/pml-first-line-treatment.md"
        try test.edit(file) { $0 + "\nA new paragraph.\n\nAnother one with [a link](is-there-a-cure-for-pml.md).\n" }
        #expect(site.update(article: file) == .updated(pages: ["pml-first-line-treatment/index.html"]))
        #expect(site.pages["pml-first-line-treatment/index.html"]?.html.contains("../is-there-a-cure-for-pml/") == true)
        expectSameAsFullCheck(site, test.options)

        // Any front-matter edit is a change of what other pages may see (`SiteFacts`, as for the build
        // cache), so it takes a full build, which reports the problem.
        try test.edit(file) { $0.replacingOccurrences(of: "\nreviewed_by:", with: "\nreveiwed_note: x\nreviewed_by:") }
        if case .needsFullBuild = site.update(article: file) {} else { Issue.record("a front-matter edit took the fast path") }
        site = PreviewSite.build(test.options, previous: site)
        #expect(site.diagnosticsByFile[file]?.contains { $0.rule.id == "unknown-field" } == true)
        expectSameAsFullCheck(site, test.options)
    }

    @Test func changesThatReachOtherPagesAskForAFullBuild() throws {
        let test = try PreviewTestSite()
        defer { test.remove() }
        var site = PreviewSite.build(test.options)
        let file = "Content/pml-first-line-treatment.md"
        let original = try test.read(file)
        for (label, edited) in [
            ("title", original.replacingOccurrences(of: "\ntitle: \"What", with: "\ntitle: \"So what")),
            ("heading", original.replacingOccurrences(of: "## Why treatment", with: "## How treatment")),
            ("slug", original.replacingOccurrences(of: "\ntitle:", with: "\nslug: other-address\ntitle:")),
            ("broken YAML", original.replacingOccurrences(of: "\naudience: patient", with: "\naudience: \"patient")),
            ("waiver", original.replacingOccurrences(of: "\ntitle:", with: "\nwaive:\n  long-sentence: \"quoted guideline\"\ntitle:")),
        ] {
            try test.write(file, edited)
            if case .needsFullBuild = site.update(article: file) {} else { Issue.record("\(label) took the fast path") }
        }
    }

    @Test func brokenArticleKeepsItsAddress() throws {
        let test = try PreviewTestSite()
        defer { test.remove() }
        let first = PreviewSite.build(test.options)
        try test.edit("Content/diabetes/type-2-diabetes-diet.md") { "---\ntitle: [unclosed\n" + $0.dropFirst(4) }
        let second = PreviewSite.build(test.options, previous: first)
        #expect(second.unrenderable["type-2-diabetes-diet/index.html"] == "Content/diabetes/type-2-diabetes-diet.md")
        #expect(second.siteWideFiles.contains("Content/diabetes/type-2-diabetes-diet.md"))
        #expect(second.pages["type-2-diabetes-diet/index.html"] == nil)
        #expect(second.pages["pml-first-line-treatment/index.html"] != nil)
    }

    @Test func requestPathsAreDecodedStrictly() {
        #expect(RequestPath.resolve("/") == .success(""))
        #expect(RequestPath.resolve("/pml/?x=1#y") == .success("pml/"))
        #expect(RequestPath.resolve("/images/caf%C3%A9%20menu.png") == .success("images/café menu.png"))
        for bad in ["/../x", "/%2e%2e/x", "/a/%2E%2e/b", "/a%2fb", "/a%5cb", "/a\\b", "//x", "/a//b", "/%00", "/%zz", "x", "/%ff"] {
            if case .success(let path) = RequestPath.resolve(bad) { Issue.record("\(bad) resolved to \(path)") }
        }
        #expect(RequestPath.contentType(for: "a/b.css") == "text/css; charset=utf-8")
        #expect(RequestPath.contentType(for: "x.PNG") == "image/png")
        #expect(RequestPath.contentType(for: "noext") == "application/octet-stream")
    }

    /// A page that includes a snippet: an edit of its own text takes the fast path and still shows
    /// the snippet; an edit of the snippet rebuilds the site.
    @Test func pagesWithSnippetsTakeTheFastPathAndSnippetEditsRebuildTheSite() throws {
        let test = try PreviewTestSite()
        defer { test.remove() }
        var site = PreviewSite.build(test.options)
        let file = "Content/preventer-inhalers-explained.md"
        let page = "preventer-inhalers-explained/index.html"
        #expect(site.pages[page]?.html.contains("data-snippet=\"asthma-attack-999\"") == true)
        try test.edit(file) { $0.replacingOccurrences(of: "Most people with asthma", with: "Nearly everyone with asthma") }
        #expect(site.update(article: file) == .updated(pages: [page]))
        let html = try #require(site.pages[page]?.html)
        #expect(html.contains("Nearly everyone with asthma") && html.contains("<li>your reliever inhaler is not helping</li>"))
        // No review ledger in the copy, so nothing is flagged; the fast path matches a full check.
        expectSameAsFullCheck(site, test.options)

        var batch = ContentWatcher.Batch()
        batch.changes.insert(ContentWatcher.Change(path: "Snippets/asthma-attack-999.md", isDirectory: false))
        #expect(Rebuilder.plan(batch, site: site, siteDirectory: test.root) == .full(reason: "Snippets/asthma-attack-999.md changed"))
        try test.edit("Snippets/asthma-attack-999.md") { $0.replacingOccurrences(of: "you are worried at any time", with: "you are worried at any time, day or night") }
        site = PreviewSite.build(test.options, previous: site)
        #expect(site.pages["what-to-do-during-an-asthma-attack/index.html"]?.html.contains("day or night") == true)
        #expect(site.pages[page]?.html.contains("day or night") == true)
    }
}
