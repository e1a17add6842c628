import Foundation
import Testing
import MedsiteCore
@testable import MedsitePreview

/// A temporary site made from two of the repository's sample articles.
struct PreviewTestSite {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let today = CalendarDate(iso: "2026-11-23")!

    let root: String

    init(extraFiles: [String: String] = [:]) throws {
        root = NSTemporaryDirectory() + "medsite-preview-" + UUID().uuidString
        let manager = FileManager.default
        try manager.createDirectory(atPath: root, withIntermediateDirectories: true)
        // The whole sample site: its articles link to one another, and a partial copy has broken links.
        for name in ["medsite.yml", "Content", "Snippets"] {
            try manager.copyItem(atPath: Self.repository.appendingPathComponent(name).path, toPath: root + "/" + name)
        }
        for (path, text) in extraFiles { try write(path, text) }
    }

    func path(_ relative: String) -> String { root + "/" + relative }
    func read(_ relative: String) throws -> String { try String(contentsOfFile: path(relative), encoding: .utf8) }

    /// Saves as most editors do: write a temporary file beside it, then rename it over the original.
    func write(_ relative: String, _ text: String) throws {
        let target = URL(fileURLWithPath: path(relative))
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).tmp-\(UUID().uuidString)")
        try Data(text.utf8).write(to: temporary)
        guard rename(temporary.path, target.path) == 0 else { throw RawHTTP.Failure(description: "rename failed") }
    }

    func edit(_ relative: String, _ transform: (String) -> String) throws {
        try write(relative, transform(try read(relative)))
    }

    var options: BuildOptions {
        BuildOptions(siteDirectory: root, today: Self.today, includeDrafts: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

/// Runs `body` against a server on a free port and always stops it.
/// `debounceMilliseconds` far above a test's length keeps the watcher from rebuilding during it.
func withPreview(_ site: PreviewTestSite, maxEventStreams: Int = 64, debounceMilliseconds: Int32 = 30,
                 log lines: LogLines = LogLines(), _ body: (PreviewServer) async throws -> Void) async throws {
    let server = try await PreviewServer.start(
        PreviewConfiguration(build: site.options, port: 0, maxEventStreams: maxEventStreams,
                             debounceMilliseconds: debounceMilliseconds), log: { lines.append($0) })
    do {
        try await body(server)
    } catch {
        await server.stop()
        site.remove()
        throw error
    }
    await server.stop()
    site.remove()
    if ProcessInfo.processInfo.environment["MEDSITE_DEBUG_LOG"] != nil { print(lines.all.joined(separator: "\n")) }
}

final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

/// Polls until `condition` holds (a loaded 2-core machine can be slow; no fixed sleeps).
func eventually(timeout: Double = 30, _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try await condition() { return true }
        try await Task.sleep(nanoseconds: 50_000_000)
    }
    return try await condition()
}

@Suite(.serialized) struct PreviewServerTests {
    @Test func servesPagesWithTheReloadScriptAndCorrectTypes() async throws {
        try await withPreview(try PreviewTestSite()) { server in
            let home = try await RawHTTP.fetch(port: server.port, "/")
            #expect(home.status == 200)
            #expect(home.headers["content-type"] == "text/html; charset=utf-8")
            #expect(home.body.contains("Clear Health Answers"))
            #expect(home.body.contains("id=\"medsite-live-reload\""))
            #expect(home.body.contains("new EventSource(\"/__medsite/events\")"))

            let article = try await RawHTTP.fetch(port: server.port, "/pml-first-line-treatment/")
            #expect(article.status == 200)
            #expect(article.body.contains("Page last reviewed: 7 April 2026"))
            #expect(!article.body.contains("id=\"medsite-overlay\""))

            let css = try await RawHTTP.fetch(port: server.port, "/assets/style.css")
            #expect(css.status == 200)
            #expect(css.headers["content-type"] == "text/css; charset=utf-8")
            #expect(!css.body.contains("medsite-live-reload"))

            let redirect = try await RawHTTP.fetch(port: server.port, "/pml-first-line-treatment")
            #expect(redirect.status == 301)
            #expect(redirect.headers["location"] == "/pml-first-line-treatment/")

            let missing = try await RawHTTP.fetch(port: server.port, "/no-such-page/")
            #expect(missing.status == 404)
            #expect(missing.body.contains("Page not found"))
            #expect(missing.body.contains("medsite-live-reload"))

            let head = try await RawHTTP.fetch(port: server.port, "/", method: "HEAD")
            #expect(head.status == 200)
            #expect(head.body.isEmpty)

            let post = try await RawHTTP.fetch(port: server.port, "/", method: "POST", headers: ["Content-Length: 0"])
            #expect(post.status == 405)

            let explain = try await RawHTTP.fetch(port: server.port, "/__medsite/explain/required-field")
            #expect(explain.status == 200)
            #expect(explain.body.contains(RuleCatalogue.byID["required-field"]!.explanation.prefix(40)))
        }
    }

    @Test func buildOutputNeverCarriesPreviewAdditions() throws {
        let site = try PreviewTestSite(extraFiles: ["Content/draft-page.md": try Self.draftArticle()])
        defer { site.remove() }
        var options = site.options
        options.outputDirectory = site.path("Output")
        let report = SiteBuilder.build(options)
        #expect(report.published)
        for page in report.pages {
            #expect(!page.html.contains("medsite-live-reload"))
            #expect(!page.html.contains("EventSource"))
            #expect(!page.html.contains("medsite-draft-banner"))
            #expect(!page.html.contains("medsite-overlay"))
        }
    }

    static func draftArticle() throws -> String {
        let text = try String(contentsOfFile: PreviewTestSite.repository.appendingPathComponent("Content/is-there-a-cure-for-pml.md").path,
                              encoding: .utf8)
        return text.replacingOccurrences(of: "\ntitle: ", with: "\ndraft: true\nslug: draft-page\ntitle: ")
    }

    @Test func draftsAreShownWithABanner() async throws {
        let site = try PreviewTestSite(extraFiles: ["Content/draft-page.md": try Self.draftArticle()])
        try await withPreview(site) { server in
            let draft = try await RawHTTP.fetch(port: server.port, "/draft-page/")
            #expect(draft.status == 200)
            #expect(draft.body.contains("id=\"medsite-draft-banner\""))
            let published = try await RawHTTP.fetch(port: server.port, "/is-there-a-cure-for-pml/")
            #expect(!published.body.contains("medsite-draft-banner"))
        }
    }

    @Test func noPathEscapesTheSite() async throws {
        try await withPreview(try PreviewTestSite()) { server in
            let attempts = [
                "/../medsite.yml", "/../../../../etc/passwd", "/%2e%2e/medsite.yml", "/%2E%2E/%2E%2E/etc/passwd",
                "/..%2fmedsite.yml", "/assets/..%2f..%2fmedsite.yml", "/assets%2f..%2f..%2fmedsite.yml",
                "/..\\medsite.yml", "/assets\\..\\..\\medsite.yml", "/%5c..%5cmedsite.yml", "//etc/passwd",
                "/./medsite.yml", "/pml-first-line-treatment/%00", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "/medsite.yml", "/Content/pml-first-line-treatment.md", "/etc/passwd", "/%zz",
                "http://127.0.0.1/../medsite.yml", "*",
            ]
            for target in attempts {
                let response = try await RawHTTP.fetch(port: server.port, target)
                #expect([400, 404].contains(response.status), "\(target) → \(response.status)")
                #expect(!response.body.contains("default_disclaimer"), "\(target) leaked medsite.yml")
                #expect(!response.body.contains("root:x:0:0"), "\(target) leaked /etc/passwd")
                #expect(!response.body.contains("reviewed_by:"), "\(target) leaked an article source")
            }
            #expect(try await RawHTTP.fetch(port: server.port, "/" + String(repeating: "a", count: 5000)).status == 414)
            let huge = try await RawHTTP.fetch(port: server.port, "/", headers: ["X-Big: " + String(repeating: "b", count: 40_000)])
            #expect(huge.status >= 400)
            // The server keeps serving after all of that.
            #expect(try await RawHTTP.fetch(port: server.port, "/").status == 200)
        }
    }

    @Test func editingAnArticleReloadsOpenPagesWithTheNewContent() async throws {
        let site = try PreviewTestSite()
        try await withPreview(site) { server in
            let events = try await EventStream.open(port: server.port)
            #expect(events.status == 200)
            let first = server.generation
            #expect(try await events.nextEvent("hello") == String(first))
            try site.edit("Content/pml-first-line-treatment.md") { $0 + "\nA new paragraph about rehabilitation XYZZY.\n" }
            let generation = try #require(try await events.nextEvent("reload"))
            #expect(Int(generation)! > first)
            let page = try await RawHTTP.fetch(port: server.port, "/pml-first-line-treatment/")
            #expect(page.body.contains("A new paragraph about rehabilitation XYZZY."))
            #expect(page.body.contains("var generation = \(server.generation);"))
        }
    }

    @Test func brokenFrontMatterShowsTheOverlayAndFixingItClearsIt() async throws {
        let site = try PreviewTestSite()
        let file = "Content/pml-first-line-treatment.md"
        let original = try site.read(file)
        try await withPreview(site) { server in
            let events = try await EventStream.open(port: server.port)
            _ = try await events.nextEvent("hello")

            // A misspelt field: the page still renders, with the overlay.
            try site.write(file, original.replacingOccurrences(of: "\nreviewed_by:", with: "\nreveiwed_by:"))
            #expect(try await events.nextEvent("reload") != nil)
            var page = try await RawHTTP.fetch(port: server.port, "/pml-first-line-treatment/")
            #expect(page.status == 200)
            #expect(page.body.contains("id=\"medsite-overlay\""))
            #expect(page.body.contains("data-rule=\"unknown-field\""))
            #expect(page.body.contains("Content/pml-first-line-treatment.md, line 11"))
            #expect(page.body.contains("did you mean &#39;reviewed_by&#39;?"))
            #expect(page.body.contains("How to fix:"))
            #expect(page.body.contains("/__medsite/explain/unknown-field"))
            #expect(page.body.contains(HTML.escape(RuleCatalogue.byID["unknown-field"]!.explanation)))
            // Another page names the file with errors.
            let other = try await RawHTTP.fetch(port: server.port, "/is-there-a-cure-for-pml/")
            #expect(other.body.contains("Other files with errors"))
            #expect(other.body.contains("Content/pml-first-line-treatment.md"))

            // YAML that does not parse: the page cannot render; its address shows why, and every page shows it.
            try site.write(file, original.replacingOccurrences(of: "\naudience: patient", with: "\naudience: \"patient"))
            #expect(try await events.nextEvent("reload") != nil)
            page = try await RawHTTP.fetch(port: server.port, "/pml-first-line-treatment/")
            #expect(page.status == 500)
            #expect(page.body.contains("data-rule=\"frontmatter-syntax\""))
            // In an editor's words, with the line and a caret under the quote that is never closed.
            #expect(page.body.contains("the quote &quot; that starts here is never closed"), "\(page.body)")
            #expect(page.body.contains("<pre class=\"medsite-source\""))
            #expect(page.body.contains("audience: &quot;patient\n"))
            #expect(page.body.contains("9 | audience: &quot;patient\n  |           ^</pre>"), "\(page.body)")
            let elsewhere = try await RawHTTP.fetch(port: server.port, "/is-there-a-cure-for-pml/")
            #expect(elsewhere.status == 200)
            #expect(elsewhere.body.contains("Site-wide"))
            #expect(elsewhere.body.contains("data-rule=\"frontmatter-syntax\""))

            // Fixed: the overlay is gone on the next reload.
            try site.write(file, original)
            #expect(try await events.nextEvent("reload") != nil)
            page = try await RawHTTP.fetch(port: server.port, "/pml-first-line-treatment/")
            #expect(page.status == 200)
            #expect(!page.body.contains("id=\"medsite-overlay\""))
            #expect(!(try await RawHTTP.fetch(port: server.port, "/is-there-a-cure-for-pml/").body.contains("id=\"medsite-overlay\"")))
        }
    }

    @Test func settingsAndTemplateErrorsShowOnEveryPage() async throws {
        let site = try PreviewTestSite()
        let settings = try site.read("medsite.yml")
        try await withPreview(site) { server in
            let events = try await EventStream.open(port: server.port)
            _ = try await events.nextEvent("hello")
            try site.write("medsite.yml", settings + "\ntitel: Oops\n")
            #expect(try await events.nextEvent("reload") != nil)
            for path in ["/", "/pml-first-line-treatment/", "/type-2-diabetes-diet/"] {
                let page = try await RawHTTP.fetch(port: server.port, path)
                #expect(page.body.contains("data-rule=\"invalid-settings\""), "\(path)")
            }
            try site.write("medsite.yml", settings)
            #expect(try await events.nextEvent("reload") != nil)

            try site.write("Templates/article.mustache", "{{<layout}}{{$content}}{{#article}}<h1>{{title}}</h1>{{/content}}{{/layout}}")
            #expect(try await events.nextEvent("reload") != nil)
            let page = try await RawHTTP.fetch(port: server.port, "/pml-first-line-treatment/")
            #expect(page.body.contains("data-rule=\"template-syntax\""))
            #expect(page.body.contains("Templates/article.mustache"))
            try FileManager.default.removeItem(atPath: site.path("Templates/article.mustache"))
            #expect(try await events.nextEvent("reload") != nil)
            #expect(try await eventually { !(try await RawHTTP.fetch(port: server.port, "/").body.contains("id=\"medsite-overlay\"")) })
        }
    }

    @Test func newArticlesAndNewFoldersAreWatched() async throws {
        let site = try PreviewTestSite()
        try await withPreview(site) { server in
            let events = try await EventStream.open(port: server.port)
            _ = try await events.nextEvent("hello")
            let article = try Self.draftArticle().replacingOccurrences(of: "draft: true\nslug: draft-page\n", with: "slug: brand-new\n")
            try site.write("Content/new-folder/deeper/brand-new.md", article)
            #expect(try await events.nextEvent("reload") != nil)
            #expect(try await eventually { try await RawHTTP.fetch(port: server.port, "/brand-new/").status == 200 })
            // An article saved later inside the new folder is seen too.
            try site.edit("Content/new-folder/deeper/brand-new.md") { $0 + "\nSecond save PLUGH.\n" }
            #expect(try await eventually { try await RawHTTP.fetch(port: server.port, "/brand-new/").body.contains("PLUGH") })
            try FileManager.default.removeItem(atPath: site.path("Content/new-folder"))
            #expect(try await eventually { try await RawHTTP.fetch(port: server.port, "/brand-new/").status == 404 })
        }
    }

    @Test func eventStreamsAreCapped() async throws {
        try await withPreview(try PreviewTestSite(), maxEventStreams: 3) { server in
            let open = try await { var streams: [EventStream] = []
                for _ in 0..<3 { streams.append(try await EventStream.open(port: server.port)) }
                return streams }()
            for stream in open { #expect(stream.status == 200) }
            // A fourth is let in and the oldest closed (PreviewHardeningTests has the editor's side).
            let fourth = try await EventStream.open(port: server.port)
            #expect(fourth.status == 200)
            #expect(try await open[0].ends(within: 30))
            #expect(try await RawHTTP.fetch(port: server.port, "/__medsite/status").body.contains("\"event_streams\":3"))
            #expect(try await RawHTTP.fetch(port: server.port, "/").status == 200)
        }
    }

    @Test func aTakenPortIsReportedClearly() async throws {
        let site = try PreviewTestSite()
        try await withPreview(site) { server in
            await #expect(throws: PreviewServerError.self) {
                let second = try await PreviewServer.start(PreviewConfiguration(build: site.options, port: server.port), log: { _ in })
                await second.stop()
            }
            do {
                let second = try await PreviewServer.start(PreviewConfiguration(build: site.options, port: server.port), log: { _ in })
                await second.stop()
            } catch let error as PreviewServerError {
                #expect(error.description.contains("already in use"))
            }
        }
    }
}
