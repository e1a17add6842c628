import Foundation
import Testing
@testable import MedsiteCore

/// Parallel, cached and incremental builds must publish exactly what a clean serial build does.
@Suite struct IncrementalBuildTests {
    /// A small site whose articles link to each other (and to a heading), like the benchmark's.
    static func site(count: Int = 24) throws -> TestSite {
        var files: [String: String] = [:]
        for index in 0..<count {
            let next = (index + 1) % count
            files["Content/topic-\(index).md"] = TestSite.article(
                title: "Topic \(index) & <care>", slug: "topic-\(index)",
                extra: "condition:\n  name: Condition \(index % 3)",
                body: "Intro for topic \(index).\n\n## Part \(index)\n\nSee [the next one](topic-\(next).md#part-\(next)).\n")
        }
        return try TestSite(files: files)
    }

    static func tree(_ root: String) -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        for path in BuildCache.files(under: root) {
            if case .success(let bytes) = FileSystem.read(root + "/" + path) { result[path] = bytes }
        }
        return result
    }

    static func stamp(_ path: String) -> [Int]? { BuildCache.stamp(path) }

    @Test func parallelOutputIsByteIdenticalToSerial() throws {
        let site = try Self.site()
        var serial = site.options(serial: true)
        serial.outputDirectory = site.root + "/Serial"
        serial.useCache = false
        var parallel = site.options()
        parallel.outputDirectory = site.root + "/Parallel"
        parallel.useCache = false
        let serialReport = SiteBuilder.build(serial)
        let parallelReport = SiteBuilder.build(parallel)
        #expect(serialReport.published && parallelReport.published)
        #expect(serialReport.diagnostics == parallelReport.diagnostics)
        let serialTree = Self.tree(site.root + "/Serial")
        #expect(serialTree.count >= 24 + 3) // pages, home, stylesheet, marker
        #expect(serialTree == Self.tree(site.root + "/Parallel"))
    }

    @Test func noOpRebuildReusesTheReportAndTouchesNothing() throws {
        let site = try Self.site()
        let first = site.build()
        #expect(first.published)
        #expect(FileSystem.exists(site.root + "/.medsite-cache/build.tsv"))
        let page = site.output + "/topic-3/index.html"
        let before = Self.stamp(page)
        let second = site.build()
        #expect(second.published)
        #expect(second.diagnostics == first.diagnostics)
        #expect(second.articles == first.articles)
        #expect(second.pages.map(\.path) == first.pages.map(\.path))
        #expect(Self.stamp(page) == before)
    }

    @Test func oneEditRebuildMatchesACleanBuildAndKeepsUnchangedFiles() throws {
        let site = try Self.site()
        #expect(site.build().published)
        let untouched = site.output + "/topic-9/index.html"
        let untouchedBefore = Self.stamp(untouched)
        // Renaming a heading changes this page and the anchor another page links to.
        try site.write("Content/topic-4.md", TestSite.article(
            title: "Topic 4 & <care>", slug: "topic-4", extra: "condition:\n  name: Condition 1",
            body: "Intro changed.\n\n## Part 4\n\nNew text.\n"))
        let incremental = site.build()
        #expect(incremental.published)
        var clean = site.options()
        clean.outputDirectory = site.root + "/Clean"
        clean.useCache = false
        let cleanReport = SiteBuilder.build(clean)
        #expect(incremental.diagnostics == cleanReport.diagnostics)
        #expect(Self.tree(site.output) == Self.tree(site.root + "/Clean"))
        #expect(site.read("Output/topic-4/index.html")?.contains("New text.") == true)
        #expect(Self.stamp(untouched) == untouchedBefore, "an unchanged page keeps its inode and mtime")
    }

    @Test func cacheIsIgnoredWhenOutputWasTouchedOrSettingsChanged() throws {
        let site = try Self.site()
        #expect(site.build().published)
        try site.write("Output/topic-2/index.html", "tampered")
        #expect(site.build().published)
        #expect(site.read("Output/topic-2/index.html")?.contains("Topic 2") == true)
        try site.write("medsite.yml", TestSite.settings.replacingOccurrences(of: "Test Health", with: "Other Health"))
        #expect(site.build().published)
        #expect(site.read("Output/index.html")?.contains("Other Health") == true)
        try site.write("Templates/assets/style.css", "body { color: #123456; }\n")
        #expect(site.build().published)
        #expect(site.read("Output/assets/style.css") == "body { color: #123456; }\n")
    }

    @Test func failingBuildIsNeverServedFromTheCache() throws {
        let site = try Self.site()
        #expect(site.build().published)
        try site.write("Content/topic-1.md", "---\ntitle: Broken\n---\nNo review date.\n")
        let broken = site.build()
        #expect(!broken.published && broken.exitStatus == 1)
        #expect(site.build().exitStatus == 1, "the error is reported again, not hidden by the cache")
    }

    /// The cache stores these fields; a new field in the report must be stored too (update StoredBuild).
    @Test func cachedReportCoversEveryReportField() {
        let report = Mirror(reflecting: BuildReport()).children.compactMap(\.label)
        // `withheld` builds are never cached (always empty in a cached report); `parsedArticles` is
        // preview-only, and the preview checks without the cache.
        #expect(report == ["diagnostics", "articles", "pages", "published", "draftsSkipped", "withheld", "parsedArticles"])
        let summary = ArticleSummary(path: "", slug: "", title: "", lastReviewed: nil, nextReview: nil, reviewers: [],
                                     draft: false, wordCount: 0, readabilityGrade: nil)
        #expect(Mirror(reflecting: summary).children.compactMap(\.label)
            == ["path", "slug", "title", "lastReviewed", "nextReview", "reviewers", "draft", "wordCount", "readabilityGrade"])
    }

    @Test func cacheFileRoundTripsAwkwardText() throws {
        var report = BuildReport()
        report.diagnostics = [
            Diagnostic(file: "Content/a\tb.md", position: SourcePosition(line: 3, column: 7), severity: .warning,
                       rule: "x-rule", message: "line\nbreak \\ back\\slash\ttab", fix: nil),
            Diagnostic(file: "Content/c.md", position: .start, severity: .note, rule: "y", message: "", fix: ""),
        ]
        report.articles = [ArticleSummary(path: "Content/a.md", slug: "a", title: "Été – “quotes”", lastReviewed: CalendarDate(iso: "2026-01-02"),
                                          nextReview: nil, reviewers: ["Dr A, MD", "Dr B"], draft: true, wordCount: 12,
                                          readabilityGrade: 6.25)]
        report.pages = [RenderedPage(path: "a/index.html", html: "", inserted: ["disclaimer", "review"])]
        report.draftsSkipped = 1
        report.published = true
        let stored = StoredBuild(key: "k1", report: report, outputs: [.init(path: "a/index.html", stamp: [1, 2, 3, 4])])
        let decoded = try #require(StoredBuild.decode(stored.encoded(), expectingKey: "k1"))
        let again = decoded.report
        #expect(again.diagnostics == report.diagnostics)
        #expect(again.articles == report.articles)
        #expect(again.pages.map(\.path) == ["a/index.html"] && again.pages[0].inserted == ["disclaimer", "review"])
        #expect(again.draftsSkipped == 1 && again.published)
        #expect(decoded.outputs.map(\.stamp) == [[1, 2, 3, 4]])
        #expect(StoredBuild.decode(stored.encoded(), expectingKey: "k2") == nil)
        #expect(StoredBuild.decode(Array("garbage\n".utf8), expectingKey: "k1") == nil)
    }

    @Test func contentHashSeesEveryByte() {
        let text = Array("The quick brown fox jumps over the lazy dog.".utf8)
        var seen = Set<UInt64>()
        for index in text.indices {
            var changed = text
            changed[index] ^= 1
            seen.insert(changed.withUnsafeBytes { ContentHash.digest($0) })
        }
        seen.insert(text.withUnsafeBytes { ContentHash.digest($0) })
        #expect(seen.count == text.count + 1)
    }
}
