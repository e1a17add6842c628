import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

/// The bad-input corpus (docs/safety.md): every hostile or broken input gets a diagnostic with
/// file:line and a rule id, never a crash, a hang or a partial Output/.
///
/// Each site also holds a valid article, so articles are parsed on worker threads (parallelMap only
/// goes parallel from two items) whose stacks are smaller than the main thread's.
@Suite struct BadInputTests {
    static let companion = ["Content/ok.md": TestSite.article(title: "A valid page", slug: "valid-page")]

    /// Builds a site with `files` plus the companion; expects no Output/ and returns the report.
    func buildRejected(_ files: [String: String], bytes: [String: [UInt8]] = [:],
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> BuildReport {
        let site = try TestSite(files: files.merging(Self.companion) { a, _ in a })
        for (path, content) in bytes { try site.write(path, bytes: content) }
        let report = site.build()
        #expect(report.exitStatus != 0, "expected the build to fail", sourceLocation: sourceLocation)
        #expect(!report.published, sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: site.output), "Output/ must not be written", sourceLocation: sourceLocation)
        for diagnostic in report.diagnostics {
            #expect(!diagnostic.message.isEmpty && diagnostic.position.line >= 1, sourceLocation: sourceLocation)
        }
        return report
    }

    func expectOnly(_ report: BuildReport, _ rule: String, file: String, line: Int? = nil,
                    sourceLocation: SourceLocation = #_sourceLocation) {
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors.contains { $0.rule.id == rule && $0.file == file && (line == nil || $0.position.line == line) },
                "expected \(file):\(line.map(String.init) ?? "*") [\(rule)], got \(report.diagnostics.map(\.formatted))",
                sourceLocation: sourceLocation)
        #expect(errors.allSatisfy { $0.file == file }, "the companion article must stay clean: \(errors.map(\.formatted))",
                sourceLocation: sourceLocation)
    }

    // MARK: Encoding and framing

    @Test func invalidUTF8IsReportedAtItsLineAndColumn() throws {
        let bytes = Array("---\ntitle: Caf".utf8) + [0xE9] + Array(" au lait\n---\n".utf8) // Windows-1252 é
        let report = try buildRejected([:], bytes: ["Content/bad.md": bytes])
        expectOnly(report, "invalid-encoding", file: "Content/bad.md", line: 2)
        #expect(report.diagnostics.first { $0.rule.id == "invalid-encoding" }?.position.column == 11)
    }

    @Test func nulBytesAndUTF16AreNotText() throws {
        var nul = Array(TestSite.article().utf8)
        nul.insert(0, at: nul.firstIndex(of: UInt8(ascii: "A"))!) // inside "description: A rare…" on line 3
        let utf16: [UInt8] = [0xFF, 0xFE] + Array(TestSite.article().utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let report = try buildRejected([:], bytes: ["Content/nul.md": nul, "Content/utf16.md": utf16])
        #expect(report.has("invalid-encoding", line: 3, file: "Content/nul.md"))
        #expect(report.has("invalid-encoding", line: 1, file: "Content/utf16.md"))
    }

    @Test func emptyAndBlankFilesHaveNoFrontMatter() throws {
        let report = try buildRejected(["Content/empty.md": "", "Content/blank.md": "\n\n  \n"],
                                       bytes: ["Content/bom.md": [0xEF, 0xBB, 0xBF]])
        for file in ["Content/empty.md", "Content/blank.md", "Content/bom.md"] {
            #expect(report.has("frontmatter-missing", line: 1, file: file), "\(file)")
        }
    }

    @Test func frontMatterNeverClosed() throws {
        let report = try buildRejected(["Content/open.md": "---\ntitle: Open\ndescription: never closed\n\n# Body\n"])
        expectOnly(report, "frontmatter-syntax", file: "Content/open.md", line: 1)
        #expect(report.diagnostics.contains { $0.message.contains("never closed") && $0.fix != nil })
    }

    @Test func yamlSyntaxErrorsPointAtTheirLine() throws {
        let report = try buildRejected([
            "Content/quote.md": "---\ntitle: \"unclosed\ndescription: x\n---\nbody\n",
            "Content/tab.md": "---\ntitle: T\n\tdescription: tab\n---\nbody\n",
            "Content/colon.md": "---\ntitle: T\ndescription: a: b: c\n---\nbody\n",
            "Content/dup.md": "---\ntitle: T\ntitle: U\n---\nbody\n",
            "Content/flow.md": "---\ntitle: [unclosed\n---\nbody\n",
        ])
        for (file, lines) in [("Content/quote.md", 2...4), ("Content/tab.md", 3...3), ("Content/colon.md", 3...3),
                              ("Content/dup.md", 2...3), ("Content/flow.md", 2...3)] {
            let found = report.diagnostics.first { $0.file == file && $0.rule.id == "frontmatter-syntax" }
            #expect(found.map { lines.contains($0.position.line) } == true, "\(file): \(report.diagnostics.map(\.formatted))")
        }
    }

    // MARK: YAML bombs and nesting

    /// Billion laughs, deepened: twelve levels of nine aliases, 9¹² strings once expanded. As a mapping
    /// key it made Yams hash the whole expansion (9⁹ already ran past a minute); aliases are now
    /// refused up front. Time limits are generous because the suite runs in parallel on shared cores.
    static let billionLaughs: String = {
        var yaml = "---\ntitle: Laughs\nlol0: &lol0 \"lol\"\n"
        for level in 1...12 {
            yaml += "lol\(level): &lol\(level) [" + Array(repeating: "*lol\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        yaml += "? *lol12\n: boom\n? [*lol12, *lol12]\n: boom\n---\nbody\n"
        return yaml
    }()

    @Test(.timeLimit(.minutes(5))) func billionLaughsIsRefusedQuickly() throws {
        let report = try buildRejected(["Content/lol.md": Self.billionLaughs])
        expectOnly(report, "frontmatter-syntax", file: "Content/lol.md", line: 4) // the first alias
        #expect(report.diagnostics.contains { $0.message.contains("a copy of another value") })
    }

    @Test(.timeLimit(.minutes(5))) func aliasBombInSettingsIsRefused() throws {
        let bomb = Self.billionLaughs.split(separator: "\n").dropFirst(2).prefix(13).joined(separator: "\n")
        let site = try TestSite(settings: TestSite.settings + "\n" + bomb + "\n? *lol12\n: x\n", files: Self.companion)
        let report = site.build()
        #expect(report.exitStatus == 2)
        #expect(report.has("invalid-settings", file: "medsite.yml"), "\(report.diagnostics.map(\.formatted))")
    }

    @Test func deeplyNestedYAMLIsRefusedNotRecursedInto() throws {
        let depth = 100_000
        let report = try buildRejected([
            "Content/flow.md": "---\ntitle: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n---\nbody\n",
            "Content/block.md": "---\ntitle:\n  " + String(repeating: "- ", count: 200) + "x\n---\nbody\n",
            "Content/broken.md": "---\ntags: " + String(repeating: "{a: [", count: depth) + "\n---\nbody\n",
        ])
        for file in ["Content/flow.md", "Content/block.md", "Content/broken.md"] {
            #expect(report.has("frontmatter-syntax", file: file), "\(file): \(report.diagnostics.map(\.formatted))")
        }
        #expect(report.diagnostics.contains { $0.file == "Content/block.md" && $0.message.contains("nested more than") }, "\(report.diagnostics.map(\.formatted))")
    }

    @Test func anchorsWithoutAliasesAreHarmless() throws {
        let site = try TestSite(files: ["Content/pml.md": TestSite.article(extra: "tags: &t [rare]")])
        #expect(site.build().exitStatus == 0)
    }

    // MARK: Markdown bombs and size

    @Test(.timeLimit(.minutes(5))) func thousandsOfNestedListsAndQuotesBuild() throws {
        let depth = 10_000
        let site = try TestSite(files: Self.companion.merging([
            "Content/lists.md": TestSite.article(slug: "lists", body: String(repeating: "- ", count: depth) + "deep\n"),
            "Content/ordered.md": TestSite.article(slug: "ordered", body: String(repeating: "1. ", count: depth) + "deep\n"),
            "Content/quotes.md": TestSite.article(slug: "quotes", body: String(repeating: ">", count: depth) + " deep\n"),
            "Content/brackets.md": TestSite.article(slug: "brackets", body: String(repeating: "[", count: depth) + "x" + String(repeating: "](#short-answer)", count: depth) + "\n"),
            "Content/emphasis.md": TestSite.article(slug: "emphasis", body: String(repeating: "*a **", count: depth) + "\n"),
            "Content/headings.md": TestSite.article(slug: "headings", body: String(repeating: "## Same\n\n", count: depth)),
        ]) { a, _ in a })
        let report = site.build()
        #expect(report.exitStatus == 0, "\(report.diagnostics.filter { $0.severity == .error }.prefix(5).map(\.formatted))")
        let lists = try #require(site.read("Output/lists/index.html"))
        #expect(lists.components(separatedBy: "<ul>").count - 1 >= depth) // the theme may add lists of its own
        let quotes = try #require(site.read("Output/quotes/index.html"))
        #expect(quotes.components(separatedBy: "<blockquote>").count - 1 >= depth)
        let headings = try #require(site.read("Output/headings/index.html"))
        #expect(headings.contains("id=\"same-\(depth)\""))
    }

    @Test(.timeLimit(.minutes(5))) func twentyMegabyteArticleBuildsWithAWarning() throws {
        let paragraph = "PML is a rare infection of the brain caused by the JC virus, in people whose immune system is weak.\n\n"
        let body = String(repeating: paragraph, count: 20 * 1_048_576 / paragraph.utf8.count)
        let site = try TestSite(files: Self.companion.merging(["Content/huge.md": TestSite.article(slug: "huge", body: body)]) { a, _ in a })
        let report = site.build()
        #expect(report.exitStatus == 0)
        let warning = try #require(report.diagnostics.first { $0.rule.id == "article-too-large" })
        #expect(warning.file == "Content/huge.md" && warning.severity == .warning && warning.message.contains("20.0 MB"))
        let page = try #require(site.read("Output/huge/index.html"))
        #expect(page.utf8.count > 20_000_000 && page.contains("data-medsite=\"disclaimer\""))
        #expect(SiteBuilder.build(site.options(strict: true)).exitStatus == 1, "--strict turns the warning into an error")
    }

    @Test func articlesOverTheHardLimitAreNotRead() throws {
        let site = try TestSite(files: Self.companion)
        let path = site.root + "/Content/giant.md"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(TestSite.article().utf8)))
        #expect(truncate(path, off_t(InputLimits.maximumArticleBytes + 1)) == 0) // sparse: no real disk used
        let report = site.build()
        #expect(report.exitStatus == 1)
        #expect(report.diagnostics.contains { $0.rule.id == "unreadable-file" && $0.file == "Content/giant.md" && $0.message.contains("not read") })
    }

    // MARK: Field types

    @Test func impossibleDatesAreRejected() throws {
        var files: [String: String] = [:]
        let dates = ["2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "0000-01-01", "2026-4-7", "07/04/2026",
                     "2026-04-07T10:00:00Z", "tomorrow", "\"\"", "[2026-04-07]", "99999-01-01"]
        for (index, date) in dates.enumerated() {
            files["Content/date\(index).md"] = TestSite.article(slug: "date-\(index)", lastReviewed: date)
        }
        let report = try buildRejected(files)
        for (index, date) in dates.enumerated() {
            let found = report.diagnostics.first { $0.file == "Content/date\(index).md" }
            #expect(found?.position.line == 5 && ["invalid-date", "required-field"].contains(found?.rule.id ?? ""),
                    "\(date): \(report.diagnostics.filter { $0.file == "Content/date\(index).md" }.map(\.formatted))")
        }
    }

    @Test func titleMustBeText() throws {
        let values = ["42", "3.14", "true", "null", "[a, b]", "{a: b}", "\n  - a\n  - b", "0x1F", ".inf"]
        var files: [String: String] = [:]
        for (index, value) in values.enumerated() {
            files["Content/t\(index).md"] = "---\ntitle: \(value)\ndescription: d\nlast_reviewed: 2026-04-07\nreviewed_by: Dr A\nsources:\n  - title: S\n    url: https://example.org/\n---\nbody\n"
        }
        let report = try buildRejected(files)
        for (index, value) in values.enumerated() {
            let file = "Content/t\(index).md"
            #expect(report.diagnostics.contains { $0.file == file && (2...3).contains($0.position.line) && ["invalid-field", "required-field"].contains($0.rule.id) },
                    "title \(value): \(report.diagnostics.filter { $0.file == file }.map(\.formatted))")
        }
    }

    // MARK: Addresses

    @Test func slugsThatAreNotSafeAddressesAreRejected() throws {
        let slugs = ["..", "../../etc", "a/b", "/etc/passwd", "C:\\\\x", "%2e%2e", ".", "index", "assets", "404",
                     "\"\"", "a--b", "-a", "Upper", "Café", "a b"] // "café" is a valid slug (letters of any script)
        var files: [String: String] = [:]
        for (index, slug) in slugs.enumerated() {
            files["Content/s\(index).md"] = TestSite.article(slug: slug)
        }
        let report = try buildRejected(files)
        for (index, slug) in slugs.enumerated() {
            #expect(report.diagnostics.contains { $0.file == "Content/s\(index).md" && $0.position.line == 4 && ["invalid-slug", "required-field", "invalid-field", "frontmatter-syntax"].contains($0.rule.id) },
                    "slug \(slug): \(report.diagnostics.filter { $0.file == "Content/s\(index).md" }.map(\.formatted))")
        }
    }

    @Test func fileNamesThatAreNotSafeAddressesAreRejected() throws {
        let report = try buildRejected(["Content/index.md": TestSite.article(), "Content/My Page.md": TestSite.article(),
                                        "Content/sub/assets.md": TestSite.article()])
        for file in ["Content/index.md", "Content/My Page.md", "Content/sub/assets.md"] {
            #expect(report.has("invalid-slug", line: 1, file: file), "\(file)")
        }
    }

    @Test func twoArticlesWithOneSlugAreBothNamed() throws {
        let report = try buildRejected(["Content/a.md": TestSite.article(slug: "valid-page"),
                                        "Content/pml.md": TestSite.article(), "Content/sub/pml.md": TestSite.article()])
        #expect(report.has("duplicate-slug", line: 4, file: "Content/a.md"))
        #expect(report.has("duplicate-slug", line: 4, file: "Content/ok.md"))
        #expect(report.diagnostics.contains { $0.file == "Content/a.md" && $0.message.contains("Content/ok.md") })
        #expect(report.has("duplicate-slug", line: 1, file: "Content/pml.md"))
        #expect(report.diagnostics.contains { $0.file == "Content/sub/pml.md" && $0.message.contains("Content/pml.md") })
    }

    // MARK: Files

    @Test func symbolicLinksOutsideContentAreNotFollowed() throws {
        let site = try TestSite(files: Self.companion)
        let outside = site.root + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try TestSite.article(title: "SECRET-OUTSIDE").write(toFile: outside + "/secret.md", atomically: false, encoding: .utf8)
        let links = ["passwd.md": "/etc/passwd", "secret.md": outside + "/secret.md", "relative.md": "../outside/secret.md",
                     "folder": outside, "dangling.md": site.root + "/nowhere.md", "loop.md": site.root + "/Content/loop.md",
                     "image.png": "/etc/hostname"]
        for (name, target) in links {
            try FileManager.default.createSymbolicLink(atPath: site.root + "/Content/" + name, withDestinationPath: target)
        }
        let report = site.build()
        #expect(report.exitStatus == 1)
        for name in links.keys {
            #expect(report.has("unreadable-file", file: "Content/" + name), "\(name): \(report.diagnostics.map(\.formatted))")
        }
        #expect(!report.diagnostics.contains { $0.message.contains("root:") || $0.message.contains("SECRET") })
        #expect(!FileManager.default.fileExists(atPath: site.output))
    }

    @Test(.timeLimit(.minutes(5))) func fifosAndLinksToFifosDoNotHang() throws {
        let site = try TestSite(files: Self.companion)
        #expect(mkfifo(site.root + "/Content/pipe.md", 0o644) == 0)
        #expect(mkfifo(site.root + "/Content/.hidden-pipe", 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: site.root + "/Content/via-link.md", withDestinationPath: site.root + "/Content/.hidden-pipe")
        let report = site.build()
        #expect(report.exitStatus == 1)
        #expect(report.has("unreadable-file", file: "Content/pipe.md"))
        #expect(report.has("unreadable-file", file: "Content/via-link.md"), "\(report.diagnostics.map(\.formatted))")
    }

    @Test func unreadableFolderIsReported() throws {
        let site = try TestSite(files: Self.companion.merging(["Content/locked/a.md": TestSite.article(slug: "a")]) { a, _ in a })
        defer { chmod(site.root + "/Content/locked", 0o755) }
        #expect(chmod(site.root + "/Content/locked", 0) == 0)
        let report = site.build()
        if geteuid() == 0 {
            // root reads anything; the real check runs as `nobody` in MedsiteCLITests.UnreadableFileTests.
            #expect(report.exitStatus == 0)
        } else {
            #expect(report.has("unreadable-file", file: "Content/locked"))
            #expect(report.exitStatus == 1)
        }
    }

    /// Files deleted while a build runs, at two moments: right after Content/ is listed (the scanner
    /// is still looking at each entry) and after the scan, before the file is read. An inotify watch
    /// deletes the victim, sorted last, at that moment while 1,500 other files are still to be handled.
    /// (The scanner takes file kinds from readdir, so both moments surface when the file is read.)
    @Test(.timeLimit(.minutes(5)), arguments: [(nil, "No such file"), ("a0000.md", "No such file")] as [(String?, String)])
    func fileVanishingMidBuildIsReported(trigger: String?, expected: String) throws {
        var files = Self.companion
        for index in 0..<1500 { files[String(format: "Content/a%04d.md", index)] = TestSite.article(slug: "a\(index)") }
        files["Content/zz-vanishes.md"] = TestSite.article(slug: "zz-vanishes")
        let site = try TestSite(files: files)
        let watcher = try VanishingFile(folder: site.root + "/Content", trigger: trigger, victim: site.root + "/Content/zz-vanishes.md")
        var options = site.options()
        options.serial = true // files are handled in sorted order, so the victim comes last
        let report = SiteBuilder.build(options)
        #expect(watcher.waitUntilDeleted())
        #expect(report.exitStatus == 1)
        let diagnostic = report.diagnostics.first { $0.file == "Content/zz-vanishes.md" }
        #expect(diagnostic?.rule.id == "unreadable-file" && diagnostic?.message.contains(expected) == true,
                "\(report.diagnostics.map(\.formatted))")
        #expect(report.diagnostics.filter { $0.severity == .error }.count == 1)
        #expect(!FileManager.default.fileExists(atPath: site.output))
    }

    @Test func assetVanishingBeforeTheWriteKeepsThePreviousOutput() throws {
        let site = try TestSite(files: Self.companion.merging(["Content/leaflet.pdf": "%PDF-1.4"]) { a, _ in a })
        #expect(site.build().exitStatus == 0)
        let before = try TreeSnapshot(site.output)
        // The write phase reads assets: one that is gone by then fails the whole publish.
        let files = [OutputFile(path: "new/index.html", content: .text("new")),
                     OutputFile(path: "leaflet.pdf", content: .copy(fromPath: site.root + "/Content/gone.pdf"))]
        #expect(throws: OutputError.self) { try OutputWriter.publish(files, to: site.output) }
        #expect(try TreeSnapshot(site.output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root).filter { $0.contains("staging") }.isEmpty)
    }

    // MARK: Templates

    @Test func templateSyntaxErrorsNameTheTemplateAndLine() throws {
        let cases: [(path: String, text: String, line: Int)] = [
            ("Templates/article.mustache", "{{<layout}}\n{{$content}}\n<h1>{{article.title}}</h1>\n{{#article.sources}}\n<p>x</p>\n{{/content}}\n{{/layout}}\n", 6),
            ("Templates/home.mustache", "<p>\n{{site.title</p>\n", 2),
            ("Templates/partials/sources.mustache", "<ol>\n{{#article.sources}}\n<li>{{title}}</li>\n{{/article.source}}\n</ol>\n", 4),
        ]
        for template in cases {
            let site = try TestSite(files: Self.companion.merging([template.path: template.text]) { a, _ in a })
            let report = site.build()
            #expect(report.exitStatus == 2)
            let diagnostic = report.diagnostics.first { $0.rule.id == "template-syntax" }
            #expect(diagnostic?.file == template.path && diagnostic?.position.line == template.line,
                    "\(template.path): \(report.diagnostics.map(\.formatted))")
            #expect(!FileManager.default.fileExists(atPath: site.output))
        }
    }
}

/// Deletes `victim` when `folder` is closed after a listing (`trigger` nil) or when the file named
/// `trigger` in it is opened (inotify).
final class VanishingFile: @unchecked Sendable {
    private let descriptor: Int32
    private let done = DispatchSemaphore(value: 0)
    private var deleted = false

    init(folder: String, trigger: String?, victim: String) throws {
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        let mask = trigger == nil ? UInt32(IN_CLOSE_NOWRITE) : UInt32(IN_OPEN)
        guard descriptor >= 0, inotify_add_watch(descriptor, folder, mask) >= 0 else {
            throw CocoaError(.fileReadUnknown)
        }
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            reading: while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                var offset = 0
                while offset + 16 <= count { // struct inotify_event: wd, mask, cookie, len, name[len]
                    let length = Int(buffer.withUnsafeBytes { $0.load(fromByteOffset: offset + 12, as: UInt32.self) })
                    let name = String(decoding: buffer[(offset + 16)..<(offset + 16 + length)].prefix { $0 != 0 }, as: UTF8.self)
                    // Events on the folder itself carry no name: that is the listing closing.
                    if trigger.map({ $0 == name }) ?? (length == 0) {
                        deleted = unlink(victim) == 0
                        break reading
                    }
                    offset += 16 + length
                }
            }
            close(descriptor)
            done.signal()
        }
    }

    func waitUntilDeleted() -> Bool {
        done.wait()
        return deleted
    }
}

/// Every file under a folder with its bytes, for byte-for-byte comparisons of whole trees.
struct TreeSnapshot: Equatable, CustomStringConvertible {
    let files: [String: Data]

    init(_ root: String) throws {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + path))
            }
        }
        self.files = files
    }

    var description: String { "\(files.count) files, \(files.values.reduce(0) { $0 + $1.count }) bytes" }

    /// Paths whose bytes differ, for readable failures.
    func differences(from other: TreeSnapshot) -> [String] {
        Set(files.keys).union(other.files.keys).filter { files[$0] != other.files[$0] }.sorted()
    }
}
