import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

/// No script from content can run. Known XSS vectors (OWASP filter-evasion style) go into every
/// front-matter field that takes text (a source's `date` only takes dates) and the body; every page is
/// then scanned as a browser would tokenize it.
/// With MEDSITE_XSS_EXPORT=DIR the pages are also written to DIR for the headless-Chromium check
/// (`make xss-browser`, Tests/e2e/xss_browser.py).
@Suite struct XSSCorpusTests {
    static let vectors: [String] = [
        "<script>alert('xss-1')</script>",
        "\"><script>alert('xss-2')</script>",
        "'><img src=x onerror=alert('xss-3')>",
        "<img src=x onerror=alert('xss-4')//",
        "<svg/onload=alert('xss-5')>",
        "\" onmouseover=\"alert('xss-6')\" x=\"",
        "' autofocus onfocus='alert(`xss-7`)' x='",
        "</title><script>alert('xss-8')</script>",
        "</script><script>alert('xss-9')</script>",
        "<!--<script>alert('xss-10')//-->",
        "<iframe src=\"javascript:alert('xss-11')\"></iframe>",
        "<body onload=alert('xss-12')>",
        "<a href=\"javascript:alert('xss-13')\">click</a>",
        "javascript:alert('xss-14')",
        "JaVaScRiPt:alert('xss-15')",
        "&#106;avascript:alert('xss-16')",
        "<IMG SRC=JaVaScRiPt:alert('xss-17')>",
        "<IMG \"\"\"><SCRIPT>alert('xss-18')</SCRIPT>\">",
        "<scr<script>ipt>alert('xss-19')</script>",
        "<details open ontoggle=alert('xss-20')>",
        "<input autofocus onfocus=alert('xss-21')>",
        "<math><mi xlink:href=\"javascript:alert('xss-22')\">x</mi></math>",
        "<style>@import 'javascript:alert(\"xss-23\")';</style>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('xss-24')\">",
        "<object data=\"javascript:alert('xss-25')\"></object>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzLTI2Jyk8L3NjcmlwdD4=",
        "\";alert('xss-27');//",
        "{{site.title}}{{{article.body}}}{{> partials/disclaimer}}",
        "]]></script><!--<script>alert('xss-29')</script>",
        "\u{2028}\u{2029}</ScRiPt ><svg onload=alert('xss-30')>",
        "<video><source onerror=\"alert('xss-31')\"></video>",
        "<form><button formaction=javascript:alert('xss-32')>x</button></form>",
        "<base href=\"javascript:alert('xss-33')//\">",
        "%3Cscript%3Ealert('xss-34')%3C/script%3E",
        "<a href=\"&#x6A;&#x61;vascript:alert('xss-35')\">x</a>",
        "<img src=\"x` `<script>alert('xss-36')</script>\"` `>",
    ]

    static func yamlString(_ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed])
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast()) // a JSON string is a YAML double-quoted one
    }

    /// An article with `text` in every free-text field, and benign-but-strange web addresses.
    static func fieldsArticle(_ text: String, slug: String, body: String) -> String {
        let value = yamlString(text)
        let url = yamlString("https://www.nhs.uk/?q=" + text)
        return """
        ---
        title: \(value)
        description: \(value)
        slug: \(slug)
        type: short-answer
        question: \(value)
        condition:
          name: \(value)
        last_reviewed: 2026-04-07
        reviewed_by:
          - name: \(value)
            credentials: \(value)
        authors: [\(value)]
        tags: [\(value)]
        sources:
          - title: \(value)
            url: \(url)
            publisher: \(value)
            date: "March 2021"
        ---
        \(body)
        """
    }

    /// The body with the vector as text, code, link text, link title and inside an address; no raw HTML.
    static func textBody(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "`", with: "\\`")
            .replacingOccurrences(of: "*", with: "\\*").replacingOccurrences(of: "_", with: "\\_")
            .replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
            .replacingOccurrences(of: "<", with: "\\<").replacingOccurrences(of: "&", with: "\\&")
        let title = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let percent = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return """
        ## \(escaped)

        \(escaped)

        ```
        \(text.replacingOccurrences(of: "```", with: ""))
        ```

        [\(escaped)](https://example.org/?q=\(percent) "\(title)") and <https://example.org/?q=\(percent)>.
        """
    }

    /// Vectors only the cmark safe mode stands between: raw HTML and unsafe link schemes in the body.
    static func hostileBody(_ text: String) -> String {
        """
        \(text)

        <div>\(text)</div>

        Inline \(text) here, [link](javascript:alert('xss-body-1')), ![img](javascript:alert('xss-body-2')),
        [entity](&#106;avascript:alert('xss-body-3')), [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==),
        [vb](vbscript:msgbox("xss-body-4")), <javascript:alert('xss-body-5')>, [ref][r].

        [r]: javascript:alert('xss-body-6')
        """
    }

    static let exportDirectory = ProcessInfo.processInfo.environment["MEDSITE_XSS_EXPORT"]

    // MARK: Tests

    @Test func vectorsInEveryFieldAndTheBodyTextAreEscaped() throws {
        var files: [String: String] = [:]
        for (index, vector) in Self.vectors.enumerated() {
            files["Content/x\(index).md"] = Self.fieldsArticle(vector, slug: "xss-\(index)", body: Self.textBody(vector))
        }
        files["Content/benign.md"] = Self.fieldsArticle("Benign text", slug: "benign", body: Self.textBody("Benign text"))
        let settings = TestSite.settings.replacingOccurrences(of: "title: Test Health", with: "title: \(Self.yamlString(Self.vectors[1]))")
        let site = try TestSite(settings: settings, files: files)
        let report = site.build()
        #expect(report.exitStatus == 0, "\(report.diagnostics.filter { $0.severity == .error }.prefix(5).map(\.formatted))")
        let pages = try HTMLPages(folder: site.output)
        // Every vector page and the benign page, plus the site pages (home, conditions, topics, search, 404).
        #expect(pages.all.keys.filter { $0.hasPrefix("xss-") || $0.hasPrefix("benign/") }.count == Self.vectors.count + 1)
        pages.expectNothingExecutable()
        // Text in a field can never add an element: each vector page has the benign page's tags.
        let benign = try #require(pages.all["benign/index.html"]).tagNames(excludingBody: true)
        for index in Self.vectors.indices {
            let tags = try #require(pages.all["xss-\(index)/index.html"]).tagNames(excludingBody: true)
            #expect(tags == benign, "vector \(index) changed the page structure")
        }
        // …and the text survives, escaped, for the reader to see.
        let page = try #require(pages.all["xss-0/index.html"])
        #expect(page.html.contains("<h1>&lt;script&gt;alert(&#39;xss-1&#39;)&lt;/script&gt;</h1>"))
        try export(site.output, as: "pipeline")
    }

    @Test func rawHTMLAndUnsafeLinksInTheBodyAreStripped() throws {
        // Rendered without the validation gate, so this holds even for a rule set to "off".
        let site = try TestSite()
        let settings = try #require(SiteSettings.parse(TestSite.settings).0)
        let theme = try #require(Theme.load(siteDirectory: site.root).0)
        var articles: [Article] = []
        for (index, vector) in Self.vectors.enumerated() {
            let file = SourceFile(relativePath: "Content/h\(index).md", contentPath: "h\(index).md", absolutePath: "")
            let text = Self.fieldsArticle(vector, slug: "hostile-\(index)", body: Self.hostileBody(vector))
            let (article, _) = ArticleParser.parse(file, bytes: Array(text.utf8), settings: settings)
            articles.append(try #require(article))
        }
        let renderer = PageRenderer(theme: theme, settings: settings, articles: articles, today: CalendarDate(iso: "2100-01-01"))
        let rendered = articles.map(renderer.renderArticle) + [renderer.renderHome(articles)]
        let folder = site.root + "/Rendered"
        try OutputWriter.publish(rendered.map { OutputFile(path: $0.path, content: .text($0.html)) }, to: folder)
        let pages = try HTMLPages(folder: folder)
        pages.expectNothingExecutable()
        let page = try #require(pages.all["hostile-0/index.html"])
        #expect(page.html.contains("<!-- raw HTML omitted -->"))
        // cmark keeps the link but drops its destination: `<a href="">link</a>`.
        #expect(page.html.contains("<a href=\"\">link</a>"))
        try export(folder, as: "unvalidated")
    }

    @Test func rawHTMLIsReportedWhenTheRuleExists() throws {
        // The raw-html rule belongs to the validation engine; once it exists it must flag this line.
        guard RuleCatalogue.byID["raw-html"] != nil else { return }
        let site = try TestSite(files: ["Content/pml.md": TestSite.article(body: "Text.\n\n<script>alert(1)</script>\n")])
        #expect(site.build().has("raw-html", line: 14))
    }

    @Test func onlyWebAndMailAddressesSurviveInSources() throws {
        let refused = ["javascript:alert(1)", " javascript:alert(1)", "JAVASCRIPT:alert(1)", "vbscript:msgbox(1)",
                       "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "file:///etc/passwd",
                       "//evil.example/x", "https:javascript:alert(1)", "/relative/path", "ftp://example.org/x",
                       "java\tscript:alert(1)", "\u{01}javascript:alert(1)", "https://"]
        var files: [String: String] = [:]
        for (index, url) in refused.enumerated() {
            files["Content/u\(index).md"] = TestSite.article(slug: "u\(index)").replacingOccurrences(
                of: "\"https://www.ninds.nih.gov/health-information/disorders/progressive-multifocal-leukoencephalopathy\"",
                with: Self.yamlString(url))
        }
        files["Content/ok.md"] = TestSite.article(slug: "ok").replacingOccurrences(
            of: "sources:\n", with: "sources:\n  - title: Ask us\n    url: \"mailto:editor@example.org\"\n  - title: Plain\n    url: \"http://www.nhs.uk/x\"\n")
        let site = try TestSite(files: files)
        let report = site.build()
        #expect(!report.published)
        for index in refused.indices {
            #expect(report.has("invalid-field", line: 9, file: "Content/u\(index).md"),
                    "\(refused[index]): \(report.diagnostics.filter { $0.file == "Content/u\(index).md" }.map(\.formatted))")
        }
        #expect(!report.diagnostics.contains { $0.file == "Content/ok.md" && $0.severity == .error })
    }

    @Test func unsafeSourceAddressesAreDroppedEvenWithoutValidation() throws {
        let settings = try #require(SiteSettings.parse(TestSite.settings).0)
        let text = TestSite.article().replacingOccurrences(of: "\"https://www.ninds.nih.gov/health-information/disorders/progressive-multifocal-leukoencephalopathy\"",
                                                           with: "\"javascript:alert(1)\"")
        let file = SourceFile(relativePath: "Content/a.md", contentPath: "a.md", absolutePath: "")
        let article = try #require(ArticleParser.parse(file, bytes: Array(text.utf8), settings: settings).0)
        let (theme, _) = Theme.load(siteDirectory: "/nonexistent")
        let page = PageRenderer(theme: try #require(theme), settings: settings, articles: [article], today: nil).renderArticle(article)
        #expect(!page.html.lowercased().contains("javascript:"))
        #expect(page.html.contains(">PML</a>") || page.html.contains("PML"))
    }

    /// The scanner itself must see what it is looking for, or the tests above prove nothing.
    @Test func scannerCatchesEachWayAScriptCouldRun() {
        let cases = [
            "<p><img src=x onerror=alert(1)></p>", "<a href=\"JaVa&#x09;Script&colon;alert(1)\">x</a>",
            "<a href=' javascript:alert(1)'>", "<script>alert('xss')</script>", "<iframe src=x></iframe>",
            "<script type=\"application/ld+json\">{\"a\": \"</script><script>alert(1)</script>\"}</script>",
            "<script type=\"application/ld+json\">{\"a\": </script>", "<meta http-equiv=refresh content=0>",
            "<form><button formaction=\"data:text/html,x\">", "<div style=\"background:url(javascript:alert(1))\">",
        ]
        for html in cases {
            #expect(!HTMLPage(html: html).executableContent().isEmpty, "not caught: \(html)")
        }
        let safe = "<p title=\"&lt;script&gt;\">&lt;img onerror=alert(1)&gt;</p><a href=\"https://x.org/?a=javascript:1\">x</a>"
            + "<!-- <script>alert(1)</script> --><script type=\"application/ld+json\">{\"a\": \"\\u003c/script>\"}</script>"
        #expect(HTMLPage(html: safe).executableContent().isEmpty, "\(HTMLPage(html: safe).executableContent())")
    }

    func export(_ folder: String, as name: String) throws {
        guard let root = Self.exportDirectory else { return }
        let target = root + "/" + name
        try? FileManager.default.removeItem(atPath: target)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: folder, toPath: target)
    }
}

/// Every .html page under a folder, scanned the way an HTML tokenizer sees it.
struct HTMLPages {
    let all: [String: HTMLPage]

    init(folder: String) throws {
        var pages: [String: HTMLPage] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".html") else { continue }
            pages[path] = HTMLPage(html: try String(contentsOfFile: folder + "/" + path, encoding: .utf8))
        }
        all = pages
    }

    func expectNothingExecutable(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!all.isEmpty, sourceLocation: sourceLocation)
        for (path, page) in all.sorted(by: { $0.key < $1.key }) {
            for problem in page.executableContent() {
                Issue.record("\(path): \(problem)", sourceLocation: sourceLocation)
            }
        }
    }
}

struct HTMLTag {
    let name: String
    let attributes: [(name: String, value: String)]
    /// For <script> and <style>: the raw text up to the closing tag.
    var rawText: String?
}

struct HTMLPage {
    let html: String
    let tags: [HTMLTag]

    init(html: String) {
        self.html = html
        tags = Self.tokenize(html)
    }

    /// Tag names in order; with `excludingBody`, those inside `<div class="article-body">` are left out.
    func tagNames(excludingBody: Bool) -> [String] {
        var names: [String] = []
        var depth = 0
        for tag in tags {
            if depth > 0 {
                if tag.name == "div" { depth += 1 } else if tag.name == "/div" { depth -= 1 }
                continue
            }
            if excludingBody, tag.name == "div", tag.attributes.contains(where: { $0.name == "class" && $0.value == "article-body" }) {
                depth = 1
            }
            names.append(tag.name)
        }
        return names
    }

    static let urlAttributes: Set<String> = ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset", "cite"]
    static let forbiddenElements: Set<String> = ["iframe", "object", "embed", "base", "frame", "frameset", "applet"]

    /// Everything through which a script could run.
    func executableContent() -> [String] {
        var problems: [String] = []
        for tag in tags {
            if Self.forbiddenElements.contains(tag.name) { problems.append("<\(tag.name)> element") }
            if tag.name == "meta", tag.attributes.contains(where: { $0.name == "http-equiv" }) { problems.append("<meta http-equiv>") }
            for attribute in tag.attributes {
                if attribute.name.hasPrefix("on") { problems.append("event handler \(attribute.name)=\"\(attribute.value)\" on <\(tag.name)>") }
                if attribute.name == "style", attribute.value.lowercased().contains("javascript") { problems.append("script in style attribute") }
                if Self.urlAttributes.contains(attribute.name), let scheme = Self.scheme(of: attribute.value),
                   !["http", "https", "mailto"].contains(scheme) {
                    problems.append("\(scheme): URL in \(attribute.name) of <\(tag.name)>")
                }
            }
            if tag.name == "script" {
                let type = tag.attributes.first { $0.name == "type" }?.value.lowercased()
                let text = tag.rawText ?? ""
                if type == "application/ld+json" || type == "application/json" {
                    // JSON-LD and the search index are data, never run: each must stay one JSON document
                    // that cannot close the element early.
                    let lower = text.lowercased()
                    if lower.contains("</script") || lower.contains("<!--") || lower.contains("<script") {
                        problems.append("JSON-LD block can break out of <script>")
                    }
                    if (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) == nil {
                        problems.append("JSON-LD block is not valid JSON")
                    }
                } else if text.contains("xss") || text.contains("alert(") {
                    problems.append("content inside an inline <script>")
                } else if let src = tag.attributes.first(where: { $0.name == "src" })?.value, Self.scheme(of: src) != nil {
                    problems.append("external script \(src)")
                }
            }
            if tag.name == "style", let text = tag.rawText, text.contains("xss") || text.lowercased().contains("javascript") {
                problems.append("content inside <style>")
            }
        }
        return problems
    }

    /// The scheme a browser would see: entities decoded, control characters and spaces dropped.
    static func scheme(of value: String) -> String? {
        var decoded = decodeEntities(value)
        decoded.unicodeScalars.removeAll { $0.value <= 0x20 || $0.value == 0x7F }
        guard let colon = decoded.firstIndex(of: ":") else { return nil }
        let candidate = decoded[..<colon]
        guard !candidate.contains(where: { "/?#".contains($0) }), !candidate.isEmpty else { return nil }
        return candidate.lowercased()
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "&", let semicolon = text[index...].prefix(12).firstIndex(of: ";") {
                let entity = text[text.index(after: index)..<semicolon]
                var scalar: Unicode.Scalar?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") { scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
                else if entity.hasPrefix("#") { scalar = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init) }
                else { scalar = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "Tab": "\t", "NewLine": "\n"][String(entity)] }
                if let scalar {
                    result.unicodeScalars.append(scalar)
                    index = text.index(after: semicolon)
                    continue
                }
            }
            result.append(text[index])
            index = text.index(after: index)
        }
        return result
    }

    /// A small HTML tokenizer: tags with attributes (quoted or not), comments, raw-text elements.
    static func tokenize(_ html: String) -> [HTMLTag] {
        let bytes = Array(html.utf8)
        var tags: [HTMLTag] = []
        var index = 0
        func isNameByte(_ byte: UInt8) -> Bool { !(byte == 32 || byte == 9 || byte == 10 || byte == 12 || byte == 13 || byte == 47 || byte == 62 || byte == 61) }
        func lowerString(_ slice: ArraySlice<UInt8>) -> String { String(decoding: slice, as: UTF8.self).lowercased() }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            if bytes[index...].starts(with: Array("<!--".utf8)) {
                var end = index + 4
                while end + 2 < bytes.count, !(bytes[end] == 45 && bytes[end + 1] == 45 && bytes[end + 2] == 62) { end += 1 }
                index = end + 3
                continue
            }
            var cursor = index + 1
            let closing = cursor < bytes.count && bytes[cursor] == UInt8(ascii: "/")
            if closing { cursor += 1 }
            guard cursor < bytes.count, (bytes[cursor] | 0x20) >= 97, (bytes[cursor] | 0x20) <= 122 else {
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "!") || bytes[cursor] == UInt8(ascii: "?") {
                    while cursor < bytes.count, bytes[cursor] != 62 { cursor += 1 } // <!DOCTYPE …>
                }
                index = cursor
                continue
            }
            let nameStart = cursor
            while cursor < bytes.count, isNameByte(bytes[cursor]) { cursor += 1 }
            let name = lowerString(bytes[nameStart..<cursor])
            var attributes: [(String, String)] = []
            while cursor < bytes.count, bytes[cursor] != 62 {
                if !isNameByte(bytes[cursor]) { cursor += 1; continue }
                let attributeStart = cursor
                while cursor < bytes.count, isNameByte(bytes[cursor]) { cursor += 1 }
                let attributeName = lowerString(bytes[attributeStart..<cursor])
                var value = ""
                var look = cursor
                while look < bytes.count, bytes[look] == 32 || bytes[look] == 10 || bytes[look] == 9 { look += 1 }
                if look < bytes.count, bytes[look] == 61 {
                    look += 1
                    while look < bytes.count, bytes[look] == 32 || bytes[look] == 10 || bytes[look] == 9 { look += 1 }
                    if look < bytes.count, bytes[look] == 34 || bytes[look] == 39 {
                        let quote = bytes[look]
                        var end = look + 1
                        while end < bytes.count, bytes[end] != quote { end += 1 }
                        value = String(decoding: bytes[(look + 1)..<min(end, bytes.count)], as: UTF8.self)
                        cursor = end + 1
                    } else {
                        var end = look
                        while end < bytes.count, !(bytes[end] == 32 || bytes[end] == 10 || bytes[end] == 9 || bytes[end] == 62) { end += 1 }
                        value = String(decoding: bytes[look..<end], as: UTF8.self)
                        cursor = end
                    }
                }
                attributes.append((attributeName, value))
            }
            var tag = HTMLTag(name: closing ? "/" + name : name, attributes: attributes)
            index = cursor + 1
            if !closing, name == "script" || name == "style" {
                let terminator = Array("</\(name)".utf8)
                var end = index
                while end < bytes.count, !(bytes[end] == 60 && bytes[end...].prefix(terminator.count).map { $0 | (($0 >= 65 && $0 <= 90) ? 0x20 : 0) } == terminator) { end += 1 }
                tag.rawText = String(decoding: bytes[min(index, bytes.count)..<min(end, bytes.count)], as: UTF8.self)
                index = end
            }
            tags.append(tag)
        }
        return tags
    }
}
