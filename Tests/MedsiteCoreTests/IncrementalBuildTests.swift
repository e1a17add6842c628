import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

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
        // These edits are not reviews: what they test is the cache, not review integrity (ReviewLedgerTests).
        return try TestSite(settings: TestSite.settings + "\nrules:\n  changed-since-review: off\n", files: files)
    }

    static func tree(_ root: String) -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        for path in BuildCache.files(under: root) {
            if case .success(let bytes) = FileSystem.read(root + "/" + path) { result[path] = bytes }
        }
        return result
    }

    static func stamp(_ path: String) -> FileStamp? { BuildCache.stamp(path) }

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

    @Test func jobsStartedBesideAParallelMapKeepTheirOrder() {
        let items = Array(0..<1_000)
        let (results, jobResults) = items.parallelMap(startingWith: Array(0..<7), { job in "job \(job)" }) { $0 * 3 }
        #expect(results == items.map { $0 * 3 })
        #expect(jobResults == (0..<7).map { "job \($0)" })
        let (none, onlyJobs) = [Int]().parallelMap(startingWith: [1, 2], { $0 + 1 }) { $0 }
        #expect(none.isEmpty && onlyJobs == [2, 3])
    }

    /// A first build has no stored hashes to compare with, so it takes each article's hash from its
    /// parse and the output stamps from what it wrote; both must match the files themselves.
    @Test func firstBuildStoresEveryOutputFileAndEveryArticleHash() throws {
        let site = try Self.site()
        #expect(site.build().published)
        guard case .success(let bytes) = FileSystem.read(site.root + "/.medsite-cache/build.bin"),
              let stored = StoredBuild.decode(bytes, expectingKey: nil) else {
            Issue.record("the build cache was not written")
            return
        }
        #expect(stored.outputs.map(\.path) == BuildCache.files(under: site.output))
        for entry in stored.outputs { #expect(Self.stamp(site.output + "/" + entry.path) == entry.stamp, "\(entry.path)") }
        let articles = stored.inputs.filter { $0.path.hasSuffix(".md") }
        #expect(articles.count == 24)
        for entry in articles {
            let source = try #require(site.read(entry.path))
            var text = source
            #expect(entry.digest == text.withUTF8 { ContentHash.digest(UnsafeRawBufferPointer($0)) }, "\(entry.path)")
        }
    }

    @Test func noOpRebuildReusesTheReportAndTouchesNothing() throws {
        let site = try Self.site()
        let first = site.build()
        #expect(first.published)
        #expect(FileSystem.exists(site.root + "/.medsite-cache/build.bin"))
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
        #expect(Self.stamp(untouched).map { [$0.size, $0.modifiedSeconds, $0.modifiedNanoseconds, $0.inode] }
                == untouchedBefore.map { [$0.size, $0.modifiedSeconds, $0.modifiedNanoseconds, $0.inode] }, "an unchanged page keeps its size, mtime and inode (a link in the swapped tree)")
    }

    static func inode(_ path: String) -> UInt64 {
        var info = stat()
        return lstat(path, &info) == 0 ? UInt64(info.st_ino) : 0
    }

    @Test func bodyEditUpdatesOnlyThatPageInPlace() throws {
        let site = try Self.site()
        #expect(site.build().published)
        let folder = Self.inode(site.output)
        let home = Self.stamp(site.output + "/index.html")
        try site.write("Content/topic-7.md", TestSite.article(
            title: "Topic 7 & <care>", slug: "topic-7", extra: "condition:\n  name: Condition 1",
            body: "Intro for topic 7, edited.\n\n## Part 7\n\nSee [the next one](topic-8.md#part-8).\n"))
        let incremental = site.build()
        #expect(incremental.published)
        // The page and its search files change together, so the update is one swap of a linked tree:
        // the home page is the same file (a link), not rewritten.
        _ = folder
        #expect(Self.stamp(site.output + "/index.html")?.size == home?.size)
        #expect(!FileSystem.exists(site.output + "/" + OutputWriter.journalName))
        var clean = site.options()
        clean.outputDirectory = site.root + "/Clean"
        clean.useCache = false
        let cleanReport = SiteBuilder.build(clean)
        #expect(incremental.diagnostics == cleanReport.diagnostics)
        #expect(incremental.articles == cleanReport.articles)
        #expect(incremental.pages.map(\.path) == cleanReport.pages.map(\.path))
        #expect(Self.tree(site.output) == Self.tree(site.root + "/Clean"))
        // And the cache it left describes the new state: a further no-op build changes nothing.
        let again = site.build()
        #expect(again.diagnostics == cleanReport.diagnostics && again.articles == cleanReport.articles)
    }

    @Test func editsOtherPagesSeeRebuildTheWholeSite() throws {
        let site = try Self.site()
        #expect(site.build().published)
        let folder = Self.inode(site.output)
        // A new title shows on the home and condition pages: the full pipeline runs.
        try site.write("Content/topic-5.md", TestSite.article(
            title: "Renamed topic", slug: "topic-5", extra: "condition:\n  name: Condition 2",
            body: "Intro for topic 5.\n\n## Part 5\n\nSee [the next one](topic-6.md#part-6).\n"))
        #expect(site.build().published)
        #expect(Self.inode(site.output) != folder)
        #expect(site.read("Output/index.html")?.contains("Renamed topic") == true)
        // A renamed heading breaks the anchor topic-4 links to: reported, nothing published.
        try site.write("Content/topic-5.md", TestSite.article(
            title: "Renamed topic", slug: "topic-5", extra: "condition:\n  name: Condition 2",
            body: "Intro for topic 5.\n\n## Another part\n\nSee [the next one](topic-6.md#part-6).\n"))
        let broken = site.build()
        #expect(!broken.published)
        #expect(broken.diagnostics.contains { $0.file == "Content/topic-4.md" && $0.severity == .error })
    }

    @Test func checkUsesTheCacheAndStillSeesNewProblems() throws {
        let site = try Self.site()
        #expect(site.build().published)
        try site.write("Content/topic-2.md", TestSite.article(
            title: "Topic 2 & <care>", slug: "topic-2", extra: "condition:\n  name: Condition 2",
            body: "Intro for topic 2.\n\n## Part 2\n\nSee [a missing part](topic-3.md#no-such-part).\n"))
        let cached = SiteBuilder.check(site.options())
        var uncachedOptions = site.options()
        uncachedOptions.useCache = false
        let uncached = SiteBuilder.check(uncachedOptions)
        #expect(cached.exitStatus == 1 && !cached.published)
        #expect(cached.diagnostics == uncached.diagnostics)
        #expect(cached.articles == uncached.articles)
    }

    @Test func interruptedUpdateMakesTheNextBuildRepublishEverything() throws {
        let site = try Self.site()
        #expect(site.build().published)
        let folder = Self.inode(site.output)
        try site.write("Output/" + OutputWriter.journalName, "")
        #expect(site.build().published)
        #expect(Self.inode(site.output) != folder, "republished atomically")
        #expect(!FileSystem.exists(site.output + "/" + OutputWriter.journalName))
    }

    @Test func anEditKeepingSizeAndMtimeIsStillSeen() throws {
        let site = try Self.site()
        let path = site.root + "/Content/topic-3.md"
        // Stamps younger than the cache's last second are not trusted; make this one old.
        var old = [timespec(tv_sec: 1_600_000_000, tv_nsec: 0), timespec(tv_sec: 1_600_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, path, &old, 0) == 0)
        #expect(site.build().published)
        let original = try #require(site.read("Content/topic-3.md"))
        let inode = Self.inode(path)
        try site.write("Content/topic-3.md", original.replacingOccurrences(of: "Intro for topic 3.", with: "Intro for topic X."))
        #expect(utimensat(AT_FDCWD, path, &old, 0) == 0) // same size, same mtime, same inode: only ctime moved
        #expect(Self.inode(path) == inode)
        #expect(site.build().published)
        #expect(site.read("Output/topic-3/index.html")?.contains("Intro for topic X.") == true)
    }

    /// The build cache keeps the address record's and review ledger's hashes while their stamps hold:
    /// a record edited by hand, its size and mtime kept, is still read again.
    @Test func aRecordEditedByHandKeepingSizeAndMtimeIsStillSeen() throws {
        let site = try Self.site()
        #expect(site.build().published)
        let record = site.root + "/" + AddressRecord.fileName
        var old = [timespec(tv_sec: 1_600_000_000, tv_nsec: 0), timespec(tv_sec: 1_600_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, record, &old, 0) == 0)
        // A one-edit build stores the record's (now trusted) stamp and hash.
        let page = try #require(site.read("Content/topic-5.md"))
        try site.write("Content/topic-5.md", page.replacingOccurrences(of: "Intro for topic 5.", with: "Intro for topic five."))
        #expect(site.build().published)
        let text = try #require(site.read(AddressRecord.fileName))
        #expect(text.contains("/topic-3/ "))
        try site.write(AddressRecord.fileName, text.replacingOccurrences(of: "/topic-3/ ", with: "/topic-x/ "))
        #expect(utimensat(AT_FDCWD, record, &old, 0) == 0) // only ctime moved
        let report = site.build()
        #expect(!report.published)
        #expect(report.diagnostics.contains { $0.rule.id == "address-vanished" && $0.message.contains("topic-x") })
    }

    /// Forty seeded edits of every kind, each followed by a cached build and a clean one: the same
    /// report and byte for byte the same Output/, whichever path (no-op, in place, full) the cache took.
    @Test func randomEditSequencesMatchCleanBuilds() throws {
        let count = 12
        let site = try Self.site(count: count)
        // Articles come and go here: their addresses are retired, so their removal is no error.
        try site.write("medsite.yml", try #require(site.read("medsite.yml")) + "\nretired: [" + (0..<count).map { "/topic-\($0)/" }.joined(separator: ", ") + "]\n")
        var random = SeededGenerator(seed: 2026)
        var present = Set(0..<count)
        var titles = [Int: String]()
        func article(_ index: Int, body: String) -> String {
            TestSite.article(title: titles[index] ?? "Topic \(index) & <care>", slug: "topic-\(index)",
                             extra: "condition:\n  name: Condition \(index % 3)", body: body)
        }
        func body(_ index: Int, heading: String? = nil, words: String = "") -> String {
            let next = (index + 1) % count
            let target = present.contains(next) ? "See [the next one](topic-\(next).md#part-\(next))." : "No link."
            return "Intro for topic \(index). \(words)\n\n## \(heading ?? "Part \(index)")\n\n\(target)\n"
        }
        #expect(site.build().published)
        var inPlace = 0, republished = 0
        for step in 0..<40 {
            let folder = Self.inode(site.output)
            let before = Self.tree(site.output)
            let index = Int(random.next() % UInt64(count))
            switch random.next() % 6 {
            case 0, 1: // body text only: the in-place path
                if present.contains(index) {
                    try site.write("Content/topic-\(index).md", article(index, body: body(index, words: "Edit \(step).")))
                }
            case 2: // a title other pages show
                titles[index] = "Retitled \(step)"
                if present.contains(index) { try site.write("Content/topic-\(index).md", article(index, body: body(index))) }
            case 3: // remove an article nothing links to any more, or add it back
                let previous = (index + count - 1) % count
                if present.contains(index), present.contains(previous) {
                    present.remove(index)
                    try site.write("Content/topic-\(previous).md", article(previous, body: body(previous)))
                    try FileManager.default.removeItem(atPath: site.root + "/Content/topic-\(index).md")
                } else if !present.contains(index) {
                    present.insert(index)
                    try site.write("Content/topic-\(index).md", article(index, body: body(index)))
                }
            case 4: // a new heading (the anchor the previous article links to moves)
                if present.contains(index) {
                    try site.write("Content/topic-\(index).md", article(index, body: body(index, heading: "Part \(index)") + "\n## Extra \(step)\n\nMore.\n"))
                }
            default: // no change at all
                break
            }
            let cached = site.build()
            if Self.inode(site.output) != folder { republished += 1 } else if Self.tree(site.output) != before { inPlace += 1 }
            var clean = site.options()
            clean.outputDirectory = site.root + "/Clean-\(step)"
            clean.useCache = false
            let reference = SiteBuilder.build(clean)
            #expect(cached.published == reference.published, "step \(step)")
            #expect(cached.diagnostics == reference.diagnostics, "step \(step)")
            #expect(cached.articles == reference.articles, "step \(step)")
            #expect(cached.pages.map(\.path) == reference.pages.map(\.path), "step \(step)")
            #expect(Self.tree(site.output) == Self.tree(clean.outputDirectory!), "step \(step)")
            try? FileManager.default.removeItem(atPath: clean.outputDirectory!)
        }
        // A body edit also updates search files, so it swaps a linked tree in too.
        #expect(inPlace + republished >= 10, "in place: \(inPlace), republished: \(republished)")
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
        // `withheld` builds are never cached (always empty in a cached report).
        #expect(report == ["diagnostics", "articles", "pages", "published", "draftsSkipped", "withheld"])
        let summary = ArticleSummary(path: "", slug: "", title: "", lastReviewed: nil, nextReview: nil, reviewers: [],
                                     draft: false, wordCount: 0, readabilityGrade: nil)
        #expect(Mirror(reflecting: summary).children.compactMap(\.label)
            == ["path", "slug", "title", "lastReviewed", "nextReview", "reviewers", "draft", "wordCount", "readabilityGrade"])
    }

    @Test func cacheFileRoundTripsAwkwardText() throws {
        var stored = StoredBuild(key: "k1")
        stored.output = "/tmp/out\tput"
        stored.savedAt = 1_790_000_000
        stored.draftsSkipped = 1
        stored.inputs = [.init(path: "Content/a b.md", stamp: FileStamp(size: 10, modifiedSeconds: 1_790_000_000, modifiedNanoseconds: 999_999_999, inode: 42, changedSeconds: 1_790_000_001, changedNanoseconds: 5), digest: ContentDigest(a: 1 << 63, b: 2, c: 3, d: 4))]
        stored.diagnostics = [
            .init(Diagnostic(file: "Content/a\tb.md", position: SourcePosition(line: 3, column: 7), severity: .warning,
                             rule: "x-rule", message: "line\nbreak \\ back\\slash\ttab", fix: nil), scope: .article),
            .init(Diagnostic(file: "Content/c.md", position: .start, severity: .note, rule: "y", message: "", fix: ""), scope: .other),
            .init(Diagnostic(file: "Content/d.md", position: SourcePosition(line: 1, column: 1), rule: .duplicateSlug,
                             message: "=starts with equals", fix: "=also"), scope: .site),
        ]
        let summary = ArticleSummary(path: "Content/a.md", slug: "a", title: "Été – “quotes”", lastReviewed: CalendarDate(iso: "2026-01-02"),
                                     nextReview: nil, reviewers: ["Dr A, MD", "Dr B"], draft: true, wordCount: 12, readabilityGrade: 6.25)
        stored.articles = [.init(summary, digest: ContentDigest(a: 7, b: 0, c: 0, d: 9), facts: ContentDigest(a: UInt64.max, b: UInt64.max, c: UInt64.max, d: UInt64.max), anchors: ["part-1", "x\ty"], unpublished: "it is a draft"),
                           .init(summary, digest: .zero, facts: ContentDigest(a: 0, b: 0, c: 0, d: 1), anchors: [], unpublished: nil)]
        stored.pages = [.init(path: "a/index.html", inserted: ["disclaimer", "review"]), .init(path: "index.html", inserted: [])]
        stored.conditions = [.init(id: "type-2-diabetes", name: "Type 2 diabetes", icd10: "E11"), .init(id: "x", name: "X", icd10: nil)]
        stored.outputs = [.init(path: "a/index.html", stamp: FileStamp(size: 1, modifiedSeconds: 2, modifiedNanoseconds: 3, inode: 4, changedSeconds: 5, changedNanoseconds: 6))]
        let decoded = try #require(StoredBuild.decode(stored.encoded(), expectingKey: "k1"))
        #expect(decoded.output == stored.output && decoded.savedAt == stored.savedAt)
        #expect(decoded.inputs == stored.inputs)
        #expect(decoded.diagnostics == stored.diagnostics)
        #expect(decoded.articles == stored.articles)
        #expect(decoded.pages == stored.pages)
        #expect(decoded.conditions == stored.conditions)
        #expect(decoded.outputs == stored.outputs)
        let report = decoded.report
        #expect(report.articles == [summary, summary])
        #expect(report.draftsSkipped == 1 && report.published)
        #expect(report.diagnostics.map(\.message) == ["line\nbreak \\ back\\slash\ttab", "", "=starts with equals"])
        #expect(StoredBuild.decode(stored.encoded(), expectingKey: "k2") == nil)
        #expect(StoredBuild.decode(stored.encoded(), expectingKey: nil)?.key == "k1")
        #expect(StoredBuild.decode(Array("garbage\n".utf8), expectingKey: "k1") == nil)
        let whole = stored.encoded()
        for cut in [1, 3, 8, 9, whole.count / 2, whole.count - StoredBuild.magic.count - 1] {
            #expect(StoredBuild.decode(Array(whole.dropLast(cut)), expectingKey: "k1") == nil, "a file cut \(cut) bytes short is refused")
        }
        for position in stride(from: StoredBuild.magic.count, to: whole.count, by: 7) {
            var damaged = whole
            damaged[position] ^= 0x10
            #expect(StoredBuild.decode(damaged, expectingKey: nil) == nil, "a byte changed at \(position) is refused")
        }
    }

    /// A one-edit rebuild writes only what changed (`build.delta`), leaves `build.bin` as it was,
    /// and the next build reads the two together; a delta that does not fit its base is ignored,
    /// and the build that follows is still the clean build's.
    @Test func oneEditRebuildsWriteADeltaThatTheNextBuildApplies() throws {
        let site = try Self.site()
        #expect(site.build().published)
        let cache = site.root + "/.medsite-cache/"
        let base = try FileSystem.read(cache + "build.bin").get()
        let paths = try #require(StoredBuild.decode(base, expectingKey: nil)).articles.map(\.path)
        #expect(!FileSystem.exists(cache + StoredBuildDelta.fileName))
        var edited: [String] = []
        for round in 0..<3 {
            let file = "Content/topic-\(round * 7).md"
            let page = try #require(site.read(file))
            // Words the site uses already: a word with a new two-letter prefix adds a search shard,
            // and a build that adds a file writes the whole cache.
            try site.write(file, page.replacingOccurrences(of: "Intro for topic \(round * 7).", with: "Intro for topic \(round * 7), for topic."))
            edited.append(file)
            #expect(site.build().published)
            #expect(try FileSystem.read(cache + "build.bin").get() == base, "the base is not rewritten")
            let delta = try FileSystem.read(cache + StoredBuildDelta.fileName).get()
            let decoded = try #require(StoredBuildDelta.decode(delta))
            #expect(decoded.articles.map(\.0) == edited.compactMap { paths.firstIndex(of: $0) }.sorted(), "every article edited since the base")
            #expect(StoredBuildDelta.decode(Array(delta.dropLast())) == nil)
        }
        // Nothing changed: the stored report (base and delta) is reused without a write.
        let deltaBefore = try FileSystem.read(cache + StoredBuildDelta.fileName).get()
        let before = Self.stamp(site.output + "/topic-7/index.html")
        #expect(site.build().published)
        #expect(Self.stamp(site.output + "/topic-7/index.html") == before)
        #expect(try FileSystem.read(cache + StoredBuildDelta.fileName).get() == deltaBefore)
        // A delta written against another base is ignored: the build is redone, and is the clean one.
        var foreign = try #require(StoredBuildDelta.decode(deltaBefore))
        foreign.baseChecksum &+= 1
        try Data(foreign.encoded()).write(to: URL(fileURLWithPath: cache + StoredBuildDelta.fileName))
        let page = try #require(site.read("Content/topic-5.md"))
        try site.write("Content/topic-5.md", page.replacingOccurrences(of: "Intro for topic 5.", with: "Intro for topic five."))
        #expect(site.build().published)
        var clean = site.options()
        clean.outputDirectory = site.root + "/Clean"
        clean.useCache = false
        #expect(SiteBuilder.build(clean).published)
        #expect(Self.tree(site.output) == Self.tree(site.root + "/Clean"))
    }

    /// A one-edit rebuild still reports an article over the size that loads slowly (from the sizes
    /// its stamps hold), as a clean build does.
    @Test func oneEditRebuildKeepsTheLargeArticleWarning() throws {
        let site = try Self.site()
        let paragraph = "PML is a rare infection of the brain caused by the JC virus, in people whose immune system is weak.\n\n"
        try site.write("Content/large.md", TestSite.article(title: "Large", slug: "large",
                                                            body: String(repeating: paragraph, count: InputLimits.largeArticleBytes / paragraph.utf8.count + 10)))
        #expect(site.build().diagnostics.contains { $0.rule.id == "article-too-large" && $0.file == "Content/large.md" })
        let page = try #require(site.read("Content/topic-3.md"))
        try site.write("Content/topic-3.md", page.replacingOccurrences(of: "Intro for topic 3.", with: "Intro for topic 3, for topic."))
        #expect(try SharedParagraphTests.takesTheOneEditPath(site))
        let report = site.build()
        #expect(report.published)
        #expect(report.diagnostics.contains { $0.rule.id == "article-too-large" && $0.file == "Content/large.md" })
        var clean = site.options()
        clean.outputDirectory = site.root + "/Clean"
        clean.useCache = false
        #expect(report.diagnostics.map(\.formatted) == SiteBuilder.build(clean).diagnostics.map(\.formatted))
    }

    @Test func contentHashSeesEveryByte() {
        let text = Array("The quick brown fox jumps over the lazy dog.".utf8)
        var seen = Set<ContentDigest>()
        for index in text.indices {
            var changed = text
            changed[index] ^= 1
            seen.insert(changed.withUnsafeBytes { ContentHash.digest($0) })
        }
        seen.insert(text.withUnsafeBytes { ContentHash.digest($0) })
        #expect(seen.count == text.count + 1)
    }
}

/// A small deterministic generator (SplitMix64), so a failing edit sequence can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
