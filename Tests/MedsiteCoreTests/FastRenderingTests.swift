import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

/// The speed-ups in parsing and rendering must not change what editors see or what pages contain.
@Suite struct FastRenderingTests {
    @Test func byteWiseEscapeMatchesTheLibrarysEntities() {
        #expect(HTML.escape(#"Tom & Jerry's <b>"fun"</b> é"#)
            == "Tom &amp; Jerry&#39;s &lt;b&gt;&quot;fun&quot;&lt;/b&gt; é")
        #expect(HTML.escape("plain text") == "plain text")
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

    @Test func byteWiseSourceLinksResolveAsByCharacter() {
        let slugs = ["diabetes/diet.md": "diet", "pml.md": "pml", "a/b/c.md": "c", "x.md": "x"]
        let urls = ["diet.md", "diet.md#part", "diet.md#", "../pml.md", "./diet.md#a#b", "../../pml.md", "b/c.md", "/pml.md",
                    "#top", "https://x.org/a.md", "mailto:a.md", "diet.MD", "diet.md.txt", "", ".md", "..//pml.md", "b//./c.md",
                    "di\u{e9}t.md", "diet.md#\u{e9}", "x.md\u{301}", "../x.md", "diet.md?print=1#part", "diet.md?#",
                    "nope.md", "../../../x.md", "diet.md#a:b", "x:diet.md", "//host/diet.md", " diet.md", "?x.md", "diet.md/"]
        for directory in ["diabetes", "", "a", "a//b", "diab\u{e9}tes"] {
            for url in urls {
                let fast = SiteLinks.articleLink(url, from: directory, slugs: slugs)
                let reference = SiteLinks.articleLinkByCharacter(url, from: directory, slugs: slugs)
                #expect(fast == reference, "\(url) from \(directory)")
            }
        }
        for path in ["a.md", "diabetes/diet.md", "a//b/c.md", "/a/b.md", "d\u{e9}/x.md", ""] {
            #expect(SiteLinks.folder(of: path) == path.split(separator: "/").dropLast().joined(separator: "/"))
        }
    }

    @Test func headingAnchorsFollowEveryClosedHeading() {
        let html = "<h2 id=\"a\">A &lt;b&gt;</h2>\n<p>x</p><h3 id=\"b-c\">B</h3><h7 id=\"n\">n</h7><h2>no id</h2>"
        let anchor = { (id: String) in
            "&#160;<a class=\"heading-anchor\" href=\"#\(id)\" aria-hidden=\"true\" tabindex=\"-1\">#</a>"
        }
        #expect(HeadingAnchors.add(to: html) == "<h2 id=\"a\">A &lt;b&gt;\(anchor("a"))</h2>\n<p>x</p><h3 id=\"b-c\">B\(anchor("b-c"))</h3><h7 id=\"n\">n</h7><h2>no id</h2>")
        #expect(HeadingAnchors.add(to: "<p>none</p>") == "<p>none</p>")
        #expect(HeadingAnchors.add(to: "") == "")
    }

    @Test func jsonBytesEscapeLikeTheScalarWriter() {
        var text = JSONBytes()
        text.string("<\u{7f}>&\u{2028}\u{2027}\u{e2}\t\r")
        #expect(text.string == #""\u003c\u007f\u003e\u0026\u2028\#u{2027}\#u{e2}\t\r""#)
        var nested = JSONBytes()
        nested.openArray()
        nested.openObject()
        nested.member("n", -12)
        nested.openArray("a")
        nested.closeArray()
        nested.closeObject()
        nested.element("x")
        nested.closeArray()
        #expect(nested.string == #"[{"n":-12,"a":[]},"x"]"#)
    }
}
