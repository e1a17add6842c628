import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The build cache: makes a rebuild with nothing changed cost one read and hash of the inputs.
///
/// The key hashes everything a build's result depends on: this medsite binary, the options (day,
/// --strict, drafts, output folder), medsite.yml and the bytes (not mtimes, so a CI checkout with
/// fresh mtimes still hits) of every file under `inputFolders` (Content/, Templates/).
/// After a published build the cache stores the key, the report and the size, mtime and inode of
/// every file in Output/. When the next build has the same key and Output/ is untouched, the stored
/// report is returned and nothing is parsed, rendered or written. Anything else runs the full
/// pipeline (whose writer then hard-links unchanged files, keeping their mtimes).
///
/// Kept in `<site>/.medsite-cache/` or `--cache DIR`, so CI can keep it between runs. Only a
/// published build is cached: a build with errors always runs in full and reports them again.
struct BuildCache {
    static let folderName = ".medsite-cache"
    static let formatVersion = "medsite-build-cache 1"
    /// Site folders whose files a build reads, besides medsite.yml. A feature that reads another
    /// folder of the site (say `Static/`) must add it here, or a no-op rebuild would miss its changes.
    static let inputFolders = [ContentScanner.folderName, Theme.folderName]

    let file: String
    let key: String
    let output: String

    init?(options: BuildOptions, settingsText: String, inventory: ContentInventory) {
        guard options.useCache else { return nil }
        let directory = options.cacheDirectory ?? FileSystem.join(options.siteDirectory, Self.folderName)
        file = FileSystem.join(directory, "build.tsv")
        output = options.resolvedOutputDirectory
        var hash = ContentHash()
        hash.add(Self.formatVersion)
        hash.add(Self.executableIdentity())
        hash.add("\(options.today.iso) strict=\(options.strict) drafts=\(options.includeDrafts)")
        hash.add(output)
        hash.add(settingsText)
        for diagnostic in inventory.diagnostics { hash.add(diagnostic.formatted) }
        // Every file in the site folders a build reads (hidden ones too: a Content/.x is ignored by
        // the scanner, but a key that misses a real input is worse than one extra miss).
        let site = options.siteDirectory
        let files = Self.inputFolders.flatMap { folder in
            Self.files(under: FileSystem.join(site, folder), includeLinks: true).map {
                SourceFile(relativePath: folder + "/" + $0, contentPath: $0,
                           absolutePath: FileSystem.join(FileSystem.join(site, folder), $0))
            }
        }
        // Each file hashed on its own core; the digests are combined in sorted path order.
        let digests = files.parallelMap { file -> UInt64? in
            guard case .success(let bytes) = FileSystem.read(file.absolutePath) else { return nil }
            return bytes.withUnsafeBytes { ContentHash.digest($0) }
        }
        for (file, digest) in zip(files, digests) {
            guard let digest else { return nil } // an unreadable file: let the pipeline report it
            hash.add(file.relativePath)
            hash.add(digest)
        }
        key = String(hash.value, radix: 16) + "-\(files.count)"
    }

    /// The previous build's report, when its inputs were exactly these and Output/ is as it left it.
    func reusableReport() -> BuildReport? {
        guard case .success(let bytes) = FileSystem.read(file),
              let stored = StoredBuild.decode(bytes, expectingKey: key) else { return nil }
        let unchanged = stored.outputs.parallelMap { entry in
            Self.stamp(FileSystem.join(output, entry.path)) == entry.stamp
        }
        guard unchanged.allSatisfy({ $0 }) else { return nil }
        return stored.report
    }

    /// Records a published build. A cache that cannot be written only costs the next build its shortcut.
    func save(_ report: BuildReport) {
        guard report.published else { return }
        let paths = Self.files(under: output)
        let stamps = paths.parallelMap { Self.stamp(FileSystem.join(output, $0)) }
        var outputs: [StoredBuild.OutputEntry] = []
        for (path, stamp) in zip(paths, stamps) {
            guard let stamp else { return }
            outputs.append(.init(path: path, stamp: stamp))
        }
        let data = StoredBuild(key: key, report: report, outputs: outputs).encoded()
        let directory = (file as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = file + ".tmp-\(getpid())"
        guard data.withUnsafeBytes({ OutputWriter.writeFile(temporary, $0, display: temporary) }) == nil else { return }
        if rename(temporary, file) != 0 { unlink(temporary) }
    }

    /// Size, modification time and inode: a file replaced or edited in Output/ changes at least one.
    static func stamp(_ path: String) -> [Int]? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        #if canImport(Glibc)
        return [Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_ino)]
        #else
        return [Int(info.st_size), Int(info.st_mtimespec.tv_sec), Int(info.st_mtimespec.tv_nsec), Int(info.st_ino)]
        #endif
    }

    /// A new medsite binary may build differently: its size and mtime are part of the key.
    static func executableIdentity() -> String {
        let path = FileSystem.realPath("/proc/self/exe") ?? CommandLine.arguments.first ?? ""
        return "\(path) \(stamp(path) ?? [])"
    }

    /// Regular files (and, with `includeLinks`, symbolic links) under a folder, relative and sorted;
    /// hidden files included (Output/'s marker is hidden).
    static func files(under root: String, includeLinks: Bool = false) -> [String] {
        var result: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let directory = relative.isEmpty ? root : FileSystem.join(root, relative)
            for name in FileSystem.listDirectory(directory) ?? [] {
                let path = relative.isEmpty ? name : relative + "/" + name
                switch FileSystem.kind(ofLinkAt: FileSystem.join(directory, name)) {
                case .directory: pending.append(path)
                case .regular: result.append(path)
                // Hashed through the link: re-pointing a link changes the bytes under its name.
                case .symbolicLink where includeLinks: result.append(path)
                default: continue
                }
            }
        }
        return result.sorted()
    }
}

/// 64-bit content hash (multiply-xorshift over 8-byte words): fast enough to hash every input
/// of a 100k-article site on each build; not cryptographic, which a build cache does not need.
struct ContentHash {
    private(set) var value: UInt64 = 0x9E37_79B9_7F4A_7C15

    mutating func add(_ word: UInt64) {
        value = Self.mix(value ^ word)
    }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(Self.digest(UnsafeRawBufferPointer($0))) }
    }

    static func mix(_ x: UInt64) -> UInt64 {
        var x = x
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }

    static func digest(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D ^ UInt64(bytes.count)
        var index = 0
        while index + 8 <= bytes.count {
            state = mix(state ^ bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &+ 0x9E37_79B9_7F4A_7C15
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        return mix(state ^ tail ^ 0xA5)
    }
}

/// What the cache file holds. Field lists are checked by IncrementalBuildTests against the report
/// types, so a field added to BuildReport or ArticleSummary cannot silently go missing from cached reports.
struct StoredBuild {
    struct OutputEntry {
        let path: String
        let stamp: [Int]
    }
    struct StoredDiagnostic {
        let file: String, line: Int, column: Int, severity: Severity, rule: String, message: String, fix: String?
    }
    struct StoredArticle {
        let path: String, slug: String, title: String, lastReviewed: String?, nextReview: String?
        let reviewers: [String], draft: Bool, wordCount: Int, readabilityGrade: Double?
    }
    struct StoredPage {
        let path: String, inserted: [String]
    }

    let key: String
    let diagnostics: [StoredDiagnostic]
    let articles: [StoredArticle]
    let pages: [StoredPage]
    let draftsSkipped: Int
    let outputs: [OutputEntry]

    init(key: String, diagnostics: [StoredDiagnostic], articles: [StoredArticle], pages: [StoredPage],
         draftsSkipped: Int, outputs: [OutputEntry]) {
        self.key = key
        self.diagnostics = diagnostics
        self.articles = articles
        self.pages = pages
        self.draftsSkipped = draftsSkipped
        self.outputs = outputs
    }

    init(key: String, report: BuildReport, outputs: [OutputEntry]) {
        self.key = key
        diagnostics = report.diagnostics.map {
            .init(file: $0.file, line: $0.position.line, column: $0.position.column, severity: $0.severity,
                  rule: $0.rule.id, message: $0.message, fix: $0.fix)
        }
        articles = report.articles.map {
            .init(path: $0.path, slug: $0.slug, title: $0.title, lastReviewed: $0.lastReviewed?.iso,
                  nextReview: $0.nextReview?.iso, reviewers: $0.reviewers, draft: $0.draft, wordCount: $0.wordCount,
                  readabilityGrade: $0.readabilityGrade)
        }
        pages = report.pages.map { .init(path: $0.path, inserted: $0.inserted) }
        draftsSkipped = report.draftsSkipped
        self.outputs = outputs
    }

    /// The report as the build that stored it returned it. Pages carry no HTML: it is in Output/.
    var report: BuildReport {
        var report = BuildReport()
        report.diagnostics = diagnostics.map {
            Diagnostic(file: $0.file, position: SourcePosition(line: $0.line, column: $0.column), severity: $0.severity,
                       rule: RuleID($0.rule), message: $0.message, fix: $0.fix)
        }
        report.articles = articles.map {
            ArticleSummary(path: $0.path, slug: $0.slug, title: $0.title, lastReviewed: $0.lastReviewed.flatMap(CalendarDate.init(iso:)),
                           nextReview: $0.nextReview.flatMap(CalendarDate.init(iso:)), reviewers: $0.reviewers,
                           draft: $0.draft, wordCount: $0.wordCount, readabilityGrade: $0.readabilityGrade)
        }
        report.pages = pages.map { RenderedPage(path: $0.path, html: "", inserted: $0.inserted) }
        report.draftsSkipped = draftsSkipped
        report.published = true
        return report
    }
}
