import Foundation
import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// What the cache file holds: enough to replay a no-op build, and to redo only the edited articles
/// of a one-edit build. Field lists are checked by IncrementalBuildTests against the report types,
/// so a field added to BuildReport or ArticleSummary cannot silently go missing from cached reports.
struct StoredBuild {
    struct InputEntry: Equatable {
        let path: String
        let stamp: FileStamp
        /// nil for an article not read yet (see `BuildCache.init`); never stored so.
        var digest: ContentDigest?
    }
    struct OutputEntry: Equatable {
        let path: String
        let stamp: FileStamp
    }
    /// `article`: found while parsing or validating the article named by `file` (redone when it
    /// changes). `site`: decided by all articles' shared facts (duplicate slugs, output conflicts).
    /// `other`: recomputed by every build (settings, theme, scan, sizes, inserted safety blocks);
    /// stored only to replay a no-op build.
    enum Scope: String { case article = "a", site = "s", other = "x" }
    struct StoredDiagnostic: Equatable {
        let scope: Scope
        let file: String, line: Int, column: Int, severity: Severity, rule: String, message: String, fix: String?
        var sourceLine: String? = nil
    }
    struct StoredArticle: Equatable {
        let path: String, slug: String, title: String, lastReviewed: String?, nextReview: String?
        let reviewers: [String], draft: Bool, wordCount: Int, readabilityGrade: Double?
        /// The source bytes' hash, and the hash of what other pages see of it (`SiteFacts`).
        let digest: ContentDigest, facts: ContentDigest
        /// Heading ids, for other articles' `#anchor` link checks.
        let anchors: [String]
        /// Why it is not published (drafts), for other articles' link checks.
        let unpublished: String?
    }
    struct StoredPage: Equatable {
        let path: String, inserted: [String]
    }
    /// A condition group as the navigation named it (the first spelling A to Z).
    struct StoredCondition: Equatable {
        let id: String, name: String, icd10: String?
        /// The translation language's code; "" for the site's own language.
        var language: String = ""
    }

    var key: String
    /// Hash of every article's facts (`SiteFacts.combine`).
    var siteFacts = ContentDigest.zero
    /// The output folder `outputs` describe.
    var output: String = ""
    /// When the cache was written (seconds): input stamps this recent are not trusted.
    var savedAt: Int = 0
    var draftsSkipped = 0
    var inputs: [InputEntry] = []
    /// `review-ledger.yml` and `published-addresses.txt` (`BuildCache.records`).
    var records: [InputEntry] = []
    var diagnostics: [StoredDiagnostic] = []
    var articles: [StoredArticle] = []
    var pages: [StoredPage] = []
    var conditions: [StoredCondition] = []
    var outputs: [OutputEntry] = []

    init(key: String) { self.key = key }

    /// The report as the build that stored it returned it. Pages carry no HTML: it is in Output/.
    var report: BuildReport {
        var report = BuildReport()
        report.diagnostics = diagnostics.map(\.diagnostic)
        report.articles = articles.map(\.summary)
        report.pages = pages.map { RenderedPage(path: $0.path, html: "", inserted: $0.inserted) }
        report.draftsSkipped = draftsSkipped
        report.published = true
        return report
    }
}

extension StoredBuild.StoredDiagnostic {
    init(_ diagnostic: Diagnostic, scope: StoredBuild.Scope) {
        self.init(scope: scope, file: diagnostic.file, line: diagnostic.position.line, column: diagnostic.position.column,
                  severity: diagnostic.severity, rule: diagnostic.rule.id, message: diagnostic.message, fix: diagnostic.fix,
                  sourceLine: diagnostic.sourceLine)
    }

    var diagnostic: Diagnostic {
        Diagnostic(file: file, position: SourcePosition(line: line, column: column), severity: severity,
                   rule: RuleID(rule), message: message, fix: fix, sourceLine: sourceLine)
    }
}

extension StoredBuild.StoredArticle {
    init(_ summary: ArticleSummary, digest: ContentDigest, facts: ContentDigest, anchors: [String], unpublished: String?) {
        self.init(path: summary.path, slug: summary.slug, title: summary.title, lastReviewed: summary.lastReviewed?.iso,
                  nextReview: summary.nextReview?.iso, reviewers: summary.reviewers, draft: summary.draft,
                  wordCount: summary.wordCount, readabilityGrade: summary.readabilityGrade,
                  digest: digest, facts: facts, anchors: anchors, unpublished: unpublished)
    }

    var summary: ArticleSummary {
        ArticleSummary(path: path, slug: slug, title: title, lastReviewed: lastReviewed.flatMap(CalendarDate.init(iso:)),
                       nextReview: nextReview.flatMap(CalendarDate.init(iso:)), reviewers: reviewers,
                       draft: draft, wordCount: wordCount, readabilityGrade: readabilityGrade)
    }
}

/// The cache file, binary: a one-edit rebuild of 10,000 articles reads all of it and writes it
/// again, and the tab-separated text it replaced cost 300 M instructions to read and 264 M to write
/// there (every number printed and parsed, every field scanned for escapes); Foundation's JSON cost
/// more. Integers are 8 bytes little-endian, strings a 4-byte length and their UTF-8, digests 32
/// bytes, optional values a 0/1 byte first; the file ends with a checksum of everything before it,
/// so a file cut short or damaged is refused, never half read.
///
///     magic, key, facts, output, saved, drafts,
///     counts and records of: inputs then the site's records (path, stamp, digest), diagnostics,
///     articles, pages, conditions, outputs (path, stamp); checksum
extension StoredBuild {
    static let magic = Array("\(BuildCache.formatVersion)\n".utf8)

    func encoded() -> [UInt8] {
        var writer = CacheWriter(capacity: 64 + inputs.count * 110 + outputs.count * 90 + articles.count * 320)
        writer.bytes(Self.magic)
        writer.text(key)
        writer.digest(siteFacts)
        writer.text(output)
        writer.integer(savedAt)
        writer.integer(draftsSkipped)
        writer.integer(inputs.count + records.count)
        writer.integer(records.count)
        for i in inputs + records {
            writer.text(i.path)
            writer.stamp(i.stamp)
            writer.digest(i.digest ?? .zero) // `BuildCache.save` fills every digest in
        }
        writer.integer(diagnostics.count)
        for d in diagnostics {
            writer.text(d.scope.rawValue); writer.text(d.file); writer.integer(d.line); writer.integer(d.column)
            writer.text(d.severity.rawValue); writer.text(d.rule); writer.text(d.message); writer.optional(d.fix); writer.optional(d.sourceLine)
        }
        writer.integer(articles.count)
        for a in articles {
            writer.text(a.path); writer.text(a.slug); writer.text(a.title); writer.optional(a.lastReviewed); writer.optional(a.nextReview)
            writer.list(a.reviewers); writer.integer(a.draft ? 1 : 0); writer.integer(a.wordCount)
            writer.integer(a.readabilityGrade == nil ? 0 : 1); writer.integer(Int(bitPattern: UInt(a.readabilityGrade?.bitPattern ?? 0)))
            writer.digest(a.digest); writer.digest(a.facts); writer.list(a.anchors); writer.optional(a.unpublished)
        }
        writer.integer(pages.count)
        for p in pages { writer.text(p.path); writer.list(p.inserted) }
        writer.integer(conditions.count)
        for c in conditions { writer.text(c.id); writer.text(c.name); writer.optional(c.icd10); writer.text(c.language) }
        writer.integer(outputs.count)
        for o in outputs {
            writer.text(o.path)
            writer.stamp(o.stamp)
        }
        var bytes = writer.finish()
        withUnsafeBytes(of: Self.checksum(bytes[...]).littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// `expectingKey` nil: whatever key it was stored with.
    static func decode(_ bytes: [UInt8], expectingKey key: String?) -> StoredBuild? {
        guard bytes.count >= magic.count + 8, bytes.starts(with: magic) else { return nil }
        return bytes.withUnsafeBytes { buffer -> StoredBuild? in
            let body = UnsafeRawBufferPointer(rebasing: buffer[..<(buffer.count - 8)])
            guard UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: buffer.count - 8, as: UInt64.self))
                    == checksum(bytes[..<(bytes.count - 8)]) else { return nil }
            var reader = CacheReader(bytes: body, position: magic.count)
            return decode(&reader, expectingKey: key)
        }
    }

    private static func decode(_ reader: inout CacheReader, expectingKey key: String?) -> StoredBuild? {
        guard let storedKey = reader.text(), key == nil || storedKey == key,
              let facts = reader.digest(), let output = reader.text(), let saved = reader.integer(),
              let drafts = reader.integer() else { return nil }
        var stored = StoredBuild(key: storedKey)
        stored.siteFacts = facts
        stored.output = output
        stored.savedAt = saved
        stored.draftsSkipped = drafts
        guard let entryCount = reader.count(), let recordCount = reader.count(), recordCount <= entryCount else { return nil }
        stored.inputs.reserveCapacity(entryCount - recordCount)
        for index in 0..<entryCount {
            guard let path = reader.text(), let stamp = reader.stamp(), let digest = reader.digest() else { return nil }
            if index < entryCount - recordCount {
                stored.inputs.append(.init(path: path, stamp: stamp, digest: digest))
            } else {
                stored.records.append(.init(path: path, stamp: stamp, digest: digest))
            }
        }
        guard let diagnosticCount = reader.count() else { return nil }
        for _ in 0..<diagnosticCount {
            guard let scope = reader.text().flatMap(Scope.init(rawValue:)), let file = reader.text(), let line = reader.integer(),
                  let column = reader.integer(), let severity = reader.text().flatMap(Severity.init(rawValue:)),
                  let rule = reader.text(), let message = reader.text(), let fix = reader.optional(),
                  let sourceLine = reader.optional() else { return nil }
            stored.diagnostics.append(.init(scope: scope, file: file, line: line, column: column, severity: severity,
                                            rule: rule, message: message, fix: fix, sourceLine: sourceLine))
        }
        guard let articleCount = reader.count() else { return nil }
        stored.articles.reserveCapacity(articleCount)
        for _ in 0..<articleCount {
            guard let path = reader.text(), let slug = reader.text(), let title = reader.text(),
                  let lastReviewed = reader.optional(), let nextReview = reader.optional(), let reviewers = reader.list(),
                  let draft = reader.integer(), let words = reader.integer(), let hasGrade = reader.integer(),
                  let grade = reader.integer(), let digest = reader.digest(), let articleFacts = reader.digest(),
                  let anchors = reader.list(), let unpublished = reader.optional() else { return nil }
            stored.articles.append(.init(path: path, slug: slug, title: title, lastReviewed: lastReviewed, nextReview: nextReview,
                                         reviewers: reviewers, draft: draft == 1, wordCount: words,
                                         readabilityGrade: hasGrade == 1 ? Double(bitPattern: UInt64(UInt(bitPattern: grade))) : nil,
                                         digest: digest, facts: articleFacts, anchors: anchors, unpublished: unpublished))
        }
        guard let pageCount = reader.count() else { return nil }
        stored.pages.reserveCapacity(pageCount)
        for _ in 0..<pageCount {
            guard let path = reader.text(), let inserted = reader.list() else { return nil }
            stored.pages.append(.init(path: path, inserted: inserted))
        }
        guard let conditionCount = reader.count() else { return nil }
        for _ in 0..<conditionCount {
            guard let id = reader.text(), let name = reader.text(), let icd10 = reader.optional(), let language = reader.text() else { return nil }
            stored.conditions.append(.init(id: id, name: name, icd10: icd10, language: language))
        }
        guard let outputCount = reader.count() else { return nil }
        stored.outputs.reserveCapacity(outputCount)
        for _ in 0..<outputCount {
            guard let path = reader.text(), let stamp = reader.stamp() else { return nil }
            stored.outputs.append(.init(path: path, stamp: stamp))
        }
        return reader.atEnd ? stored : nil
    }

    /// A 64-bit multiply-rotate hash of the file's words: not cryptographic (the key is), only there
    /// to refuse a file a crash, a full disk or a stray edit damaged.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBytes { buffer in
            var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(buffer.count)
            var offset = 0
            while offset + 8 <= buffer.count {
                let word = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                hash = ((hash ^ word) &* 0xFF51_AFD7_ED55_8CCD)
                hash ^= hash >> 32
                offset += 8
            }
            var tail: UInt64 = 0
            for index in offset..<buffer.count { tail = tail << 8 | UInt64(buffer[index]) }
            hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
            return hash ^ (hash >> 29)
        }
    }
}

/// Appends the cache file's fields into storage it grows by doubling: `Array.append(contentsOf:)`
/// per field cost more than the copying.
private struct CacheWriter {
    private var storage: UnsafeMutableRawPointer
    private var capacity: Int
    private var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        storage = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 8)
    }

    /// The bytes written; the writer is spent after this.
    mutating func finish() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 8) // and the checksum
        bytes.append(contentsOf: UnsafeRawBufferPointer(start: storage, count: count))
        storage.deallocate()
        return bytes
    }

    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = max(capacity * 2, count + extra)
        let larger = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 8)
        larger.copyMemory(from: storage, byteCount: count)
        storage.deallocate()
        storage = larger
        capacity = grown
    }
    private mutating func word<T: FixedWidthInteger>(_ value: T) {
        reserve(MemoryLayout<T>.size)
        storage.storeBytes(of: value.littleEndian, toByteOffset: count, as: T.self)
        count += MemoryLayout<T>.size
    }
    mutating func bytes(_ bytes: [UInt8]) {
        reserve(bytes.count)
        bytes.withUnsafeBytes { (storage + count).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        count += bytes.count
    }
    mutating func integer(_ value: Int) { word(Int64(value)) }
    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            word(UInt32(utf8.count))
            reserve(utf8.count)
            if let base = utf8.baseAddress { (storage + count).copyMemory(from: base, byteCount: utf8.count) }
            count += utf8.count
        }
    }
    mutating func optional(_ value: String?) {
        if let value {
            word(UInt8(1))
            text(value)
        } else {
            word(UInt8(0))
        }
    }
    mutating func list(_ items: [String]) {
        word(UInt32(items.count))
        for item in items { text(item) }
    }
    mutating func digest(_ value: ContentDigest) {
        word(value.a); word(value.b); word(value.c); word(value.d)
    }
    mutating func stamp(_ stamp: FileStamp) {
        integer(stamp.size); integer(stamp.modifiedSeconds); integer(stamp.modifiedNanoseconds)
        integer(stamp.inode); integer(stamp.changedSeconds); integer(stamp.changedNanoseconds)
    }
}

/// Reads the cache file's fields; every read checks the bounds and returns nil past the end.
private struct CacheReader {
    let bytes: UnsafeRawBufferPointer
    var position: Int

    var atEnd: Bool { position == bytes.count }

    private mutating func word<T: FixedWidthInteger>(_: T.Type) -> T? {
        guard bytes.count - position >= MemoryLayout<T>.size else { return nil }
        defer { position += MemoryLayout<T>.size }
        return T(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: T.self))
    }
    mutating func integer() -> Int? { word(Int64.self).map { Int($0) } }
    /// A count of records: a damaged one would otherwise reserve memory for it.
    mutating func count() -> Int? {
        guard let value = integer(), value >= 0, value <= bytes.count - position else { return nil }
        return value
    }
    mutating func text() -> String? {
        guard let length = word(UInt32.self).map(Int.init), bytes.count - position >= length else { return nil }
        defer { position += length }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<position + length]), as: UTF8.self)
    }
    /// nil at the end of the file; `.some(nil)` for a value stored as absent.
    mutating func optional() -> String?? {
        guard let flag = word(UInt8.self), flag <= 1 else { return nil }
        guard flag == 1 else { return .some(nil) }
        return text().map { .some($0) }
    }
    mutating func list() -> [String]? {
        guard let count = word(UInt32.self).map(Int.init), count <= bytes.count - position else { return nil }
        var items: [String] = []
        items.reserveCapacity(count)
        for _ in 0..<count {
            guard let item = text() else { return nil }
            items.append(item)
        }
        return items
    }
    mutating func digest() -> ContentDigest? {
        guard let a = word(UInt64.self), let b = word(UInt64.self), let c = word(UInt64.self), let d = word(UInt64.self) else { return nil }
        return ContentDigest(a: a, b: b, c: c, d: d)
    }
    mutating func stamp() -> FileStamp? {
        guard bytes.count - position >= 48 else { return nil }
        return FileStamp(size: integer()!, modifiedSeconds: integer()!, modifiedNanoseconds: integer()!,
                         inode: integer()!, changedSeconds: integer()!, changedNanoseconds: integer()!)
    }
}
