import Foundation
import Testing
@testable import MedsiteCore

/// The validator and the renderer read an article link through one resolver, so a link that passes
/// the broken-link check is always the page address the reader gets.
struct LinkResolutionTests {
    @Test func everyArticleLinkTheCheckAcceptsIsRewrittenToThePage() throws {
        let other = TestSite.article(title: "Other", slug: "other", body: "## Reducing the risk\n\nText.\n")
        let links = ["dir/other.md", "./dir/other.md", "dir/./other.md", "dir/other.md#reducing-the-risk",
                     "dir/other.md?print=1", "dir/other.md?print=1#reducing-the-risk"]
        let body = "## Causes\n\n" + links.map { "See [the other page](\($0)).\n" }.joined(separator: "\n")
        let site = try TestSite(files: ["Content/pml.md": TestSite.article(body: body), "Content/dir/other.md": other])
        let report = site.build()
        #expect(!report.diagnostics.contains { $0.rule.id == "broken-link" }, "\(report.diagnostics.map(\.formatted))")
        let page = try #require(site.read("Output/pml/index.html"))
        let hrefs = page.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            .filter { $0.contains("other") }
        for href in hrefs {
            #expect(href == "../other/" || href == "../other/#reducing-the-risk",
                    "published '\(href)', which is not the page's address")
        }
        #expect(hrefs.count == links.count, "\(hrefs)")
    }
}
