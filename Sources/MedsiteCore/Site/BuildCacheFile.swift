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
///     magic, key, output, saved, drafts,
///     counts and records of: inputs then the site's records (path, stamp, digest), diagnostics,
///     articles, pages, conditions, outputs (path, stamp); checksum
extension StoredBuild {
    static let magic = Array("\(BuildCache.formatVersion)\n".utf8)

    func encoded() -> [UInt8] {
        withEncoded { Array($0) }
    }

    /// The file's bytes, lent to `body` (`BuildCache.save` writes them from there): returned as an
    /// array, they would be held twice at the end of a build.
    func withEncoded<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        // A quarter over the usual size: growing copies the whole file (the pages left untouched
        // are never resident).
        var writer = CacheWriter(capacity: (64 + inputs.count * 110 + outputs.count * 90 + articles.count * 320) * 5 / 4)
        writer.bytes(Self.magic)
        writer.text(key)
        writer.text(output)
        writer.integer(savedAt)
        writer.integer(draftsSkipped)
        writer.integer(inputs.count + records.count)
        writer.integer(records.count)
        for entry in inputs + records { writer.input(entry) }
        writer.many(diagnostics) { $0.diagnostic($1) }
        writer.many(articles) { $0.article($1) }
        writer.many(pages) { $0.page($1) }
        writer.many(conditions) { $0.condition($1) }
        writer.many(outputs) { $0.output($1) }
        return writer.finishWithChecksum(body)
    }

    /// `expectingKey` nil: whatever key it was stored with.
    static func decode(_ bytes: [UInt8], expectingKey key: String?) -> StoredBuild? {
        CacheReader.read(bytes, magic: magic) { decode(&$0, expectingKey: key) }
    }

    private static func decode(_ reader: inout CacheReader, expectingKey key: String?) -> StoredBuild? {
        guard let storedKey = reader.text(), key == nil || storedKey == key,
              let output = reader.text(), let saved = reader.integer(), let drafts = reader.integer() else { return nil }
        var stored = StoredBuild(key: storedKey)
        stored.output = output
        stored.savedAt = saved
        stored.draftsSkipped = drafts
        guard let entryCount = reader.count(), let recordCount = reader.count(), recordCount <= entryCount else { return nil }
        stored.inputs.reserveCapacity(entryCount - recordCount)
        for index in 0..<entryCount {
            guard let entry = reader.input() else { return nil }
            if index < entryCount - recordCount { stored.inputs.append(entry) } else { stored.records.append(entry) }
        }
        guard let diagnostics = reader.many({ $0.diagnostic() }), let articles = reader.many({ $0.article() }),
              let pages = reader.many({ $0.page() }), let conditions = reader.many({ $0.condition() }),
              let outputs = reader.many({ $0.output() }) else { return nil }
        stored.diagnostics = diagnostics
        stored.articles = articles
        stored.pages = pages
        stored.conditions = conditions
        stored.outputs = outputs
        return reader.atEnd ? stored : nil
    }

    /// A 64-bit multiply-rotate hash of the file's words: not cryptographic (the key is), only there
    /// to refuse a file a crash, a full disk or a stray edit damaged.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    static func checksum(_ buffer: UnsafeRawBufferPointer) -> UInt64 {
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

// One record of each kind, the same in the cache file and its delta.
extension CacheWriter {
    /// The bytes written and a checksum of them (`StoredBuild.checksum`); the writer is spent after this.
    mutating func finishWithChecksum() -> [UInt8] {
        finishWithChecksum { Array($0) }
    }

    /// The bytes written and their checksum, lent to `body`; the writer is spent after this.
    mutating func finishWithChecksum<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        word(StoredBuild.checksum(UnsafeRawBufferPointer(start: storage, count: count)))
        defer { storage.deallocate() }
        return body(UnsafeRawBufferPointer(start: storage, count: count))
    }
    /// A count, then each entry written by `write`.
    mutating func many<Entry>(_ entries: [Entry], _ write: (inout CacheWriter, Entry) -> Void) {
        integer(entries.count)
        for entry in entries { write(&self, entry) }
    }
    mutating func input(_ entry: StoredBuild.InputEntry) {
        text(entry.path)
        stamp(entry.stamp)
        digest(entry.digest ?? .zero) // `BuildCache.save` fills every digest in
    }
    mutating func diagnostic(_ d: StoredBuild.StoredDiagnostic) {
        text(d.scope.rawValue); text(d.file); integer(d.line); integer(d.column)
        text(d.severity.rawValue); text(d.rule); text(d.message); optional(d.fix); optional(d.sourceLine)
    }
    mutating func article(_ a: StoredBuild.StoredArticle) {
        text(a.path); text(a.slug); text(a.title); optional(a.lastReviewed); optional(a.nextReview)
        list(a.reviewers); integer(a.draft ? 1 : 0); integer(a.wordCount)
        integer(a.readabilityGrade == nil ? 0 : 1); integer(Int(bitPattern: UInt(a.readabilityGrade?.bitPattern ?? 0)))
        digest(a.digest); digest(a.facts); list(a.anchors); optional(a.unpublished)
    }
    mutating func page(_ p: StoredBuild.StoredPage) { text(p.path); list(p.inserted) }
    mutating func condition(_ c: StoredBuild.StoredCondition) { text(c.id); text(c.name); optional(c.icd10); text(c.language) }
    mutating func output(_ o: StoredBuild.OutputEntry) { text(o.path); stamp(o.stamp) }
}

extension CacheReader {
    /// The fields of `bytes` after `magic`, when its last 8 bytes are the checksum of the rest;
    /// nil when they are not, or when `fields` does not read exactly to the end.
    static func read<Value>(_ bytes: [UInt8], magic: [UInt8], _ fields: (inout CacheReader) -> Value?) -> Value? {
        guard bytes.count >= magic.count + 8, bytes.starts(with: magic) else { return nil }
        return bytes.withUnsafeBytes { buffer -> Value? in
            guard UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: buffer.count - 8, as: UInt64.self))
                    == StoredBuild.checksum(bytes[..<(bytes.count - 8)]) else { return nil }
            var reader = CacheReader(bytes: UnsafeRawBufferPointer(rebasing: buffer[..<(buffer.count - 8)]), position: magic.count)
            guard let value = fields(&reader), reader.atEnd else { return nil }
            return value
        }
    }
    /// A count, then that many records read by `read`.
    mutating func many<Entry>(_ read: (inout CacheReader) -> Entry?) -> [Entry]? {
        guard let count = count() else { return nil }
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            guard let entry = read(&self) else { return nil }
            entries.append(entry)
        }
        return entries
    }
    mutating func input() -> StoredBuild.InputEntry? {
        guard let path = text(), let fileStamp = stamp(), let fileDigest = digest() else { return nil }
        return .init(path: path, stamp: fileStamp, digest: fileDigest)
    }
    mutating func diagnostic() -> StoredBuild.StoredDiagnostic? {
        guard let scope = text().flatMap(StoredBuild.Scope.init(rawValue:)), let file = text(), let line = integer(),
              let column = integer(), let severity = text().flatMap(Severity.init(rawValue:)),
              let rule = text(), let message = text(), let fix = optional(), let sourceLine = optional() else { return nil }
        return .init(scope: scope, file: file, line: line, column: column, severity: severity,
                     rule: rule, message: message, fix: fix, sourceLine: sourceLine)
    }
    mutating func article() -> StoredBuild.StoredArticle? {
        guard let path = text(), let slug = text(), let title = text(),
              let lastReviewed = optional(), let nextReview = optional(), let reviewers = list(),
              let draft = integer(), let words = integer(), let hasGrade = integer(),
              let grade = integer(), let sourceDigest = digest(), let articleFacts = digest(),
              let anchors = list(), let unpublished = optional() else { return nil }
        return .init(path: path, slug: slug, title: title, lastReviewed: lastReviewed, nextReview: nextReview,
                     reviewers: reviewers, draft: draft == 1, wordCount: words,
                     readabilityGrade: hasGrade == 1 ? Double(bitPattern: UInt64(UInt(bitPattern: grade))) : nil,
                     digest: sourceDigest, facts: articleFacts, anchors: anchors, unpublished: unpublished)
    }
    mutating func page() -> StoredBuild.StoredPage? {
        guard let path = text(), let inserted = list() else { return nil }
        return .init(path: path, inserted: inserted)
    }
    mutating func condition() -> StoredBuild.StoredCondition? {
        guard let id = text(), let name = text(), let icd10 = optional(), let language = text() else { return nil }
        return .init(id: id, name: name, icd10: icd10, language: language)
    }
    mutating func output() -> StoredBuild.OutputEntry? {
        guard let path = text(), let fileStamp = stamp() else { return nil }
        return .init(path: path, stamp: fileStamp)
    }
}

/// What a one-edit rebuild changed in the stored build, kept in `build.delta` beside `build.bin`
/// so the rebuild writes a few KB instead of the whole file (6 MB at 10,000 articles, 64 MB at
/// 100,000): the entries that differ, by position, and the small parts whole. It names the
/// checksum of the `build.bin` it applies to; one that does not fit (another base, a position out
/// of range, another path there) is ignored. Ignoring it is always safe: the base alone is an
/// older build whose stamps and hashes no longer match what changed since, so those articles and
/// Output/ are redone, never trusted.
///
///     magic, base checksum, key, output, saved, drafts, records, diagnostics, conditions,
///     then (position, entry) lists of inputs, articles, pages and outputs; checksum
struct StoredBuildDelta {
    static let fileName = "build.delta"
    static let magic = Array("medsite-build-delta 1\n".utf8)

    var baseChecksum: UInt64
    var key: String
    var output: String
    var savedAt: Int
    var draftsSkipped: Int
    var records: [StoredBuild.InputEntry]
    var diagnostics: [StoredBuild.StoredDiagnostic]
    var conditions: [StoredBuild.StoredCondition]
    var inputs: [(Int, StoredBuild.InputEntry)] = []
    var articles: [(Int, StoredBuild.StoredArticle)] = []
    var pages: [(Int, StoredBuild.StoredPage)] = []
    var outputs: [(Int, StoredBuild.OutputEntry)] = []

    /// Entries replaced.
    var changes: Int { inputs.count + articles.count + pages.count + outputs.count }

    /// The changes from `base` to `stored`; nil when their lists differ in length (files added or
    /// removed: the whole file is written then).
    init?(from base: StoredBuild, baseChecksum: UInt64, to stored: StoredBuild) {
        guard base.inputs.count == stored.inputs.count, base.articles.count == stored.articles.count,
              base.pages.count == stored.pages.count, base.outputs.count == stored.outputs.count else { return nil }
        self.baseChecksum = baseChecksum
        key = stored.key
        output = stored.output
        savedAt = stored.savedAt
        draftsSkipped = stored.draftsSkipped
        records = stored.records
        diagnostics = stored.diagnostics
        conditions = stored.conditions
        func changed<Entry: Equatable>(_ old: [Entry], _ new: [Entry]) -> [(Int, Entry)] {
            new.indices.compactMap { old[$0] == new[$0] ? nil : ($0, new[$0]) }
        }
        inputs = changed(base.inputs, stored.inputs)
        articles = changed(base.articles, stored.articles)
        pages = changed(base.pages, stored.pages)
        outputs = changed(base.outputs, stored.outputs)
    }

    /// `base` with these changes; nil when they do not fit it.
    func applied(to base: StoredBuild) -> StoredBuild? {
        var stored = base
        stored.key = key
        stored.output = output
        stored.savedAt = savedAt
        stored.draftsSkipped = draftsSkipped
        stored.records = records
        stored.diagnostics = diagnostics
        stored.conditions = conditions
        /// Each change put in place; false when its position is out of range or holds another path.
        func replace<Entry>(_ list: inout [Entry], with changes: [(Int, Entry)], path: KeyPath<Entry, String>) -> Bool {
            for (index, entry) in changes {
                guard list.indices.contains(index), list[index][keyPath: path] == entry[keyPath: path] else { return false }
                list[index] = entry
            }
            return true
        }
        guard replace(&stored.inputs, with: inputs, path: \.path), replace(&stored.articles, with: articles, path: \.path),
              replace(&stored.pages, with: pages, path: \.path), replace(&stored.outputs, with: outputs, path: \.path) else { return nil }
        return stored
    }

    func encoded() -> [UInt8] {
        var writer = CacheWriter(capacity: 4096 + diagnostics.count * 300 + changes * 400)
        writer.bytes(Self.magic)
        writer.integer(Int(bitPattern: UInt(baseChecksum)))
        writer.text(key)
        writer.text(output)
        writer.integer(savedAt)
        writer.integer(draftsSkipped)
        writer.many(records) { $0.input($1) }
        writer.many(diagnostics) { $0.diagnostic($1) }
        writer.many(conditions) { $0.condition($1) }
        writer.many(inputs) { $0.integer($1.0); $0.input($1.1) }
        writer.many(articles) { $0.integer($1.0); $0.article($1.1) }
        writer.many(pages) { $0.integer($1.0); $0.page($1.1) }
        writer.many(outputs) { $0.integer($1.0); $0.output($1.1) }
        return writer.finishWithChecksum()
    }

    static func decode(_ bytes: [UInt8]) -> StoredBuildDelta? {
        CacheReader.read(bytes, magic: magic) { reader -> StoredBuildDelta? in
            guard let checksum = reader.integer(), let key = reader.text(), let output = reader.text(),
                  let saved = reader.integer(), let drafts = reader.integer() else { return nil }
            func positioned<Entry>(_ read: (inout CacheReader) -> Entry?) -> [(Int, Entry)]? {
                reader.many { reader -> (Int, Entry)? in
                    guard let index = reader.integer(), let entry = read(&reader) else { return nil }
                    return (index, entry)
                }
            }
            guard let records = reader.many({ $0.input() }), let diagnostics = reader.many({ $0.diagnostic() }),
                  let conditions = reader.many({ $0.condition() }), let inputs = positioned({ $0.input() }),
                  let articles = positioned({ $0.article() }), let pages = positioned({ $0.page() }),
                  let outputs = positioned({ $0.output() }) else { return nil }
            var delta = StoredBuildDelta(baseChecksum: UInt64(UInt(bitPattern: checksum)), key: key, output: output,
                                         savedAt: saved, draftsSkipped: drafts, records: records, diagnostics: diagnostics,
                                         conditions: conditions)
            delta.inputs = inputs
            delta.articles = articles
            delta.pages = pages
            delta.outputs = outputs
            return delta
        }
    }

    private init(baseChecksum: UInt64, key: String, output: String, savedAt: Int, draftsSkipped: Int,
                 records: [StoredBuild.InputEntry], diagnostics: [StoredBuild.StoredDiagnostic], conditions: [StoredBuild.StoredCondition]) {
        self.baseChecksum = baseChecksum
        self.key = key
        self.output = output
        self.savedAt = savedAt
        self.draftsSkipped = draftsSkipped
        self.records = records
        self.diagnostics = diagnostics
        self.conditions = conditions
    }
}
