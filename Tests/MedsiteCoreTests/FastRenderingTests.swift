import Testing
@testable import MedsiteCore

/// The speed-ups in parsing and rendering must not change what editors see or what pages contain.
@Suite struct FastRenderingTests {
    @Test func byteWiseEscapeMatchesTheLibrarysEntities() {
        #expect(HTML.escapeBytes(#"Tom & Jerry's <b>"fun"</b> é"#)
            == "Tom &amp; Jerry&#39;s &lt;b&gt;&quot;fun&quot;&lt;/b&gt; é")
        #expect(HTML.escapeBytes("plain text") == "plain text")
    }

    @Test func templateValuesAreEscapedInPages() throws {
        let site = try TestSite(files: ["Content/a.md": TestSite.article(title: "Risks & <side effects> it's")])
        let report = site.build()
        #expect(report.published)
        let page = try #require(site.read("Output/a/index.html"))
        #expect(page.contains("<h1>Risks &amp; &lt;side effects&gt; it&#39;s</h1>"))
    }

    @Test func templateErrorsKeepTheirLineNumbers() throws {
        let site = try TestSite(files: [
            "Content/a.md": TestSite.article(),
            "Templates/article.mustache": "{{<layout}}\n{{$content}}\n<h1>{{article.title}}</h1>\n{{#article.question}}\n{{/content}}\n{{/layout}}\n",
        ])
        let report = site.build()
        #expect(report.has("template-syntax", line: 5, file: "Templates/article.mustache"))
    }

    @Test func textFieldsStillRejectNumbersAndBooleans() throws {
        let site = try TestSite(files: [
            "Content/a.md": TestSite.article(title: "x").replacingOccurrences(of: #"title: "x""#, with: "title: 2026"),
            "Content/b.md": TestSite.article(title: "y").replacingOccurrences(of: #"title: "y""#, with: "title: yes"),
            "Content/c.md": TestSite.article(title: "z").replacingOccurrences(of: #"title: "z""#, with: "title: .5"),
            "Content/d.md": TestSite.article(title: "Plain words, not a number"),
        ])
        let report = site.check()
        #expect(report.has("invalid-field", file: "Content/a.md"))
        #expect(report.has("invalid-field", file: "Content/b.md"))
        #expect(report.has("invalid-field", file: "Content/c.md"))
        #expect(!report.has("invalid-field", file: "Content/d.md"))
    }

    @Test func duplicateFrontMatterKeysAreStillReported() throws {
        let site = try TestSite(files: ["Content/a.md": TestSite.article(extra: "title: \"Again\"")])
        #expect(site.check().has("frontmatter-syntax", file: "Content/a.md"))
    }

    @Test func byteSearchFindsAndMisses() {
        #expect("abc Next review due: 1 May".containsBytes("review due"))
        #expect(!"abc".containsBytes("abcd"))
        #expect("aaab".containsBytes("aab"))
        #expect("é–x".containsBytes("–x"))
    }
}
