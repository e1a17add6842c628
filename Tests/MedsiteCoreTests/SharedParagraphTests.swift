import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

/// `duplicate-paragraph` across pages: a long paragraph several pages share suggests a snippet; the
/// build cache and one-edit rebuilds give what a clean build gives.
struct SharedParagraphTests {
    static let shared = "If you are pregnant or breastfeeding, talk to a pharmacist or your GP before you take this medicine, because it may not be right for you."
    static let short = "Ask a pharmacist if you are not sure what to do."

    static func body(_ index: Int, extra: String = "") -> String {
        "## About it\n\nPage \(index) explains one thing in its own words and nothing else at all here.\n\n\(extra)"
    }

    /// Edits without a review are the point here: the ledger is tested on its own.
    static let settings = TestSite.settings + "\nrules:\n  changed-since-review: off\n"

    static func site(_ count: Int = 6, sharing: Set<Int> = [1, 4]) throws -> TestSite {
        var files: [String: String] = [:]
        for index in 0..<count {
            files["Content/page-\(index).md"] = TestSite.article(title: "Page \(index)",
                                                                 body: body(index, extra: sharing.contains(index) ? shared + "\n" : ""))
        }
        return try TestSite(settings: settings, files: files)
    }

    static func shared(_ report: BuildReport) -> [Diagnostic] {
        report.diagnostics.filter { $0.rule == .duplicateParagraph }
    }

    /// A clean build of the same folder: no cache, another output folder.
    static func clean(_ site: TestSite) -> BuildReport {
        var options = site.options()
        options.useCache = false
        options.outputDirectory = NSTemporaryDirectory() + "medsite-clean-" + UUID().uuidString
        return SiteBuilder.build(options)
    }

    @Test func pagesSharingALongParagraphAreToldAndSentToSnippets() throws {
        let site = try Self.site()
        let report = site.build()
        #expect(report.published)
        let found = Self.shared(report)
        #expect(found.map(\.file) == ["Content/page-1.md", "Content/page-4.md"])
        let first = try #require(found.first)
        #expect(first.severity == .warning && first.position.line == 16)
        #expect(first.message == "this paragraph is also on Content/page-4.md: text that pages share can be written, and reviewed, once, as a snippet")
        #expect(first.fix?.contains("`> [!SNIPPET] name`") == true)
    }

    @Test func manyPagesAreCountedAndShortParagraphsAreLeftAlone() throws {
        let site = try Self.site(6, sharing: [0, 1, 2, 3, 5])
        let found = Self.shared(site.build())
        #expect(found.count == 5)
        #expect(found.first?.message.hasPrefix("this paragraph is also on Content/page-1.md and Content/page-2.md and 2 other pages:") == true)
        let short = try TestSite(settings: Self.settings, files: [
            "Content/a.md": TestSite.article(title: "A", body: Self.body(0, extra: Self.short + "\n")),
            "Content/b.md": TestSite.article(title: "B", body: Self.body(1, extra: Self.short + "\n")),
        ])
        #expect(Self.shared(short.build()).isEmpty)
    }

    @Test func aPageMayWaiveItWithAReason() throws {
        let site = try Self.site()
        try site.write("Content/page-4.md", TestSite.article(title: "Page 4", extra: "waive: {duplicate-paragraph: \"the leaflet text, word for word\"}",
                                                             body: Self.body(4, extra: Self.shared + "\n")))
        let report = site.build()
        #expect(Self.shared(report).map { "\($0.file) \($0.severity)" } == ["Content/page-1.md warning", "Content/page-4.md note"])
    }

    @Test(arguments: ["untouched", "added", "removed", "reworded"])
    func oneEditRebuildsAgreeWithACleanBuild(edit: String) throws {
        let site = try Self.site(8)
        #expect(site.build().published)
        #expect(site.build().published) // the cache now holds the site
        let text: String
        switch edit {
        case "untouched": text = Self.body(1, extra: Self.shared + "\n\nA new short line.\n")   // the one-edit path
        case "added": text = Self.body(2, extra: Self.shared + "\n")                             // page-2 joins
        case "removed": text = Self.body(4)                                                     // page-4 leaves
        default: text = Self.body(1, extra: Self.shared.replacingOccurrences(of: "medicine", with: "tablet") + "\n")
        }
        let page = ["untouched": 1, "added": 2, "removed": 4, "reworded": 1][edit]!
        try site.write("Content/page-\(page).md", TestSite.article(title: "Page \(page)", body: text))
        let rebuilt = site.build()
        #expect(rebuilt.published)
        #expect(rebuilt.diagnostics == Self.clean(site).diagnostics, "\(edit)")
        let expected = ["untouched": ["page-1", "page-4"], "added": ["page-1", "page-2", "page-4"], "removed": [], "reworded": []][edit]!
        #expect(Self.shared(rebuilt).map { $0.file.replacingOccurrences(of: "Content/", with: "").replacingOccurrences(of: ".md", with: "") } == expected)
        // And the next edit, from what this one stored, still agrees.
        try site.write("Content/page-7.md", TestSite.article(title: "Page 7", body: Self.body(7, extra: Self.shared + "\n")))
        let next = site.build()
        #expect(next.diagnostics == Self.clean(site).diagnostics, "\(edit), then page-7")
    }

    /// Whether the next build of `site` would take the one-edit path (checked without writing).
    static func takesTheOneEditPath(_ site: TestSite) throws -> Bool {
        let options = site.options()
        var report = BuildReport()
        let inputs = try #require(SiteBuilder.loadInputs(options, publishing: false, into: &report))
        let cache = try #require(BuildCache(options: options, settingsText: inputs.settingsText, inventory: inputs.inventory, records: inputs.records,
                                            loading: inputs.cacheLoad))
        return IncrementalBuild(cache: cache, options: options, pipeline: inputs.pipeline, theme: try #require(inputs.theme),
                                inventory: inputs.inventory, write: false)?.run(base: report.diagnostics) != nil
    }

    @Test func theOneEditPathIsTakenWhenTheSharingStaysTheSame() throws {
        let site = try Self.site(8)
        _ = site.build()
        _ = site.build()
        try site.write("Content/page-1.md", TestSite.article(title: "Page 1", body: Self.body(1, extra: Self.shared + "\n\nA new line.\n")))
        #expect(try Self.takesTheOneEditPath(site))
        try site.write("Content/page-1.md", TestSite.article(title: "Page 1", body: Self.body(1)))
        #expect(try !Self.takesTheOneEditPath(site), "page-4 loses its warning: a full build")
        try site.write("Content/page-1.md", TestSite.article(title: "Page 1", body: Self.body(1, extra: Self.shared + "\n")))
        try site.write("Content/page-6.md", TestSite.article(title: "Page 6", body: Self.body(6, extra: Self.shared + "\n")))
        #expect(try !Self.takesTheOneEditPath(site), "page-1 and page-4 gain a page to name: a full build")
    }

    @Test func aDamagedIndexOnlyCostsTheShortcut() throws {
        let site = try Self.site(8)
        _ = site.build()
        _ = site.build()
        let path = site.root + "/" + BuildCache.folderName + "/" + SharedParagraphIndex.fileName
        try Data("medsite-paragraphs 1\nnot a key\n".utf8).write(to: URL(fileURLWithPath: path))
        try site.write("Content/page-2.md", TestSite.article(title: "Page 2", body: Self.body(2, extra: Self.shared + "\n")))
        let report = site.build()
        #expect(report.diagnostics == Self.clean(site).diagnostics)
        #expect(Self.shared(report).count == 3)
    }

    @Test func theIndexRoundTrips() throws {
        let keys: [[ParagraphKey]] = [[.init(hash: 1, line: 3), .init(hash: UInt64.max, line: 9)], [], [.init(hash: 7, line: 4)]]
        var index = SharedParagraphIndex(key: "k", identity: ContentDigest(a: 1, b: 2, c: 3, d: 4), paragraphs: keys)
        #expect(SharedParagraphIndex.decode(index.encoded()) == index)
        #expect(index.holders(of: [7, UInt64.max, 5], except: []) == [7: [2], UInt64.max: [0]])
        index.replace(0, with: [8])
        #expect(Array(index.hashes(of: 0)) == [8] && Array(index.hashes(of: 2)) == [7])
        #expect(SharedParagraphIndex.decode(Array(index.encoded().dropLast())) == nil)
    }
}
