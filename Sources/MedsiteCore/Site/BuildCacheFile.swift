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
        let stamp: [Int]
        /// nil for an article not read yet (see `BuildCache.init`); never stored so.
        var digest: ContentDigest?
    }
    struct OutputEntry: Equatable {
        let path: String
        let stamp: [Int]
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

/// The cache file: one record per line, tab-separated fields, `\t` `\n` `\\` escaped. Hand-written
/// because Foundation's JSONEncoder/Decoder cost 20% of a whole 300-article rebuild under callgrind,
/// and a one-edit rebuild of 10,000 articles reads the whole file.
///
///     medsite-build-cache 3 / key / facts F output O saved S drafts N
///     i path size mtime-s mtime-ns inode ctime-s ctime-ns digest           (an input file)
///     d scope file line column severity rule message fix source-line      (optional fields start with '=')
///     a path slug title last next reviewers draft words grade digest facts anchors unpublished
///     p path inserted
///     c id name icd10 language
///     o path size mtime-s mtime-ns inode ctime-s ctime-ns
///     end
extension StoredBuild {
    private static let separator: UInt8 = 0x1F // between list items (reviewers, anchors, inserted blocks)

    func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(outputs.count * 120 + inputs.count * 120 + articles.count * 300)
        func needsEscapes(_ value: String) -> Bool {
            // Through contiguous storage: the generic `contains(where:)` on the UTF-8 view was half
            // of writing the file.
            value.utf8.withContiguousStorageIfAvailable { bytes in bytes.contains { $0 == 9 || $0 == 10 || $0 == 92 } }
                ?? value.utf8.contains(where: { $0 == 9 || $0 == 10 || $0 == 92 })
        }
        func text(_ value: String) {
            if !needsEscapes(value) {
                out.append(contentsOf: value.utf8)
                return
            }
            for byte in value.utf8 {
                switch byte {
                case 9: out += [92, UInt8(ascii: "t")]
                case 10: out += [92, UInt8(ascii: "n")]
                case 92: out += [92, 92]
                default: out.append(byte)
                }
            }
        }
        func number<T: BinaryInteger>(_ value: T) {
            if value < 0 { out.append(UInt8(ascii: "-")) }
            var magnitude = value.magnitude
            var digits: (UInt64, UInt64, UInt64) = (0, 0, 0) // room for 24 digits
            withUnsafeMutableBytes(of: &digits) { buffer in
                var index = buffer.count
                repeat {
                    index -= 1
                    buffer[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                    magnitude /= 10
                } while magnitude > 0
                out.append(contentsOf: buffer[index...])
            }
        }
        func tab() { out.append(9) }
        func end() { out.append(10) }
        func record(_ tag: String, _ first: String) { text(tag); tab(); text(first) }
        func optional(_ value: String?) { if let value { out.append(UInt8(ascii: "=")); text(value) } }
        func list(_ items: [String]) {
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(Self.separator) }
                text(item)
            }
        }
        text(BuildCache.formatVersion); end()
        text(key); end()
        text("facts"); tab(); text(siteFacts.hex); tab(); text("output"); tab(); text(output); tab()
        text("saved"); tab(); number(savedAt); tab(); text("drafts"); tab(); number(draftsSkipped); end()
        for i in inputs {
            record("i", i.path)
            for value in i.stamp { tab(); number(value) }
            tab(); text((i.digest ?? .zero).hex); end()  // `BuildCache.save` fills every digest in
        }
        for d in diagnostics {
            record("d", d.scope.rawValue); tab(); text(d.file); tab(); number(d.line); tab(); number(d.column); tab()
            text(d.severity.rawValue); tab(); text(d.rule); tab(); text(d.message); tab(); optional(d.fix); tab(); optional(d.sourceLine); end()
        }
        for a in articles {
            record("a", a.path); tab(); text(a.slug); tab(); text(a.title); tab(); optional(a.lastReviewed); tab()
            optional(a.nextReview); tab(); list(a.reviewers); tab(); text(a.draft ? "1" : "0"); tab(); number(a.wordCount); tab()
            optional(a.readabilityGrade.map { String($0) }); tab(); text(a.digest.hex); tab(); text(a.facts.hex); tab()
            list(a.anchors); tab(); optional(a.unpublished); end()
        }
        for p in pages { record("p", p.path); tab(); list(p.inserted); end() }
        for c in conditions { record("c", c.id); tab(); text(c.name); tab(); optional(c.icd10); tab(); text(c.language); end() }
        for o in outputs {
            record("o", o.path)
            for value in o.stamp { tab(); number(value) }
            end()
        }
        text("end"); end()
        return out
    }

    /// `expectingKey` nil: whatever key it was stored with.
    static func decode(_ bytes: [UInt8], expectingKey key: String?) -> StoredBuild? {
        bytes.withUnsafeBufferPointer { decode($0, expectingKey: key) }
    }

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, expectingKey key: String?) -> StoredBuild? {
        var position = 0
        // The current line's fields as byte ranges; numbers are read straight from the bytes, and
        // only text fields become Strings.
        var ranges: [(start: Int, end: Int, escaped: Bool)] = []
        ranges.reserveCapacity(16)
        /// Splits the next line into `ranges`; false at the end of the file.
        func nextLine() -> Bool {
            guard position < bytes.count else { return false }
            ranges.removeAll(keepingCapacity: true)
            var start = position
            var escaped = false
            while position < bytes.count {
                let byte = bytes[position]
                if byte == 9 || byte == 10 {
                    ranges.append((start, position, escaped))
                    position += 1
                    start = position
                    escaped = false
                    if byte == 10 { return true }
                } else {
                    if byte == 92 { escaped = true; position += 1 }
                    position += 1
                }
            }
            ranges.append((start, min(position, bytes.count), escaped))
            return true
        }
        var count: Int { ranges.count }
        func string(_ index: Int) -> String {
            let (start, end, escaped) = ranges[index]
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
            guard escaped else { return String(decoding: slice, as: UTF8.self) }
            var plain: [UInt8] = []
            plain.reserveCapacity(slice.count)
            var index = 0
            while index < slice.count {
                var byte = slice[index]
                if byte == 92, index + 1 < slice.count {
                    index += 1
                    byte = slice[index] == UInt8(ascii: "t") ? 9 : slice[index] == UInt8(ascii: "n") ? 10 : slice[index]
                }
                plain.append(byte)
                index += 1
            }
            return String(decoding: plain, as: UTF8.self)
        }
        func isText(_ index: Int, _ value: StaticString) -> Bool {
            let (start, end, _) = ranges[index]
            return end - start == value.utf8CodeUnitCount
                && memcmp(bytes.baseAddress! + start, value.utf8Start, value.utf8CodeUnitCount) == 0
        }
        func unsigned(_ index: Int) -> UInt64? {
            let (start, end, _) = ranges[index]
            guard start < end, end - start <= 20 else { return nil }
            var value: UInt64 = 0
            for offset in start..<end {
                let digit = bytes[offset] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(UInt64(digit))
                guard !overflow1, !overflow2 else { return nil }
                value = sum
            }
            return value
        }
        func hexDigest(_ index: Int) -> ContentDigest? {
            let (start, end, _) = ranges[index]
            return ContentDigest(hex: UnsafeBufferPointer(rebasing: bytes[start..<end]))
        }
        func integer(_ index: Int) -> Int? {
            let (start, end, _) = ranges[index]
            if start < end, bytes[start] == UInt8(ascii: "-") {
                ranges[index].start += 1
                defer { ranges[index].start -= 1 }
                return unsigned(index).flatMap { $0 <= UInt64(Int.max) ? -Int($0) : nil }
            }
            return unsigned(index).flatMap { $0 <= UInt64(Int.max) ? Int($0) : nil }
        }
        func integers(_ indices: Range<Int>) -> [Int]? {
            var values: [Int] = []
            values.reserveCapacity(indices.count)
            for index in indices {
                guard let value = integer(index) else { return nil }
                values.append(value)
            }
            return values
        }
        func optional(_ index: Int) -> String? {
            let (start, end, _) = ranges[index]
            guard start < end, bytes[start] == UInt8(ascii: "=") else { return nil }
            ranges[index].start += 1
            defer { ranges[index].start -= 1 }
            return string(index)
        }
        func list(_ index: Int) -> [String] {
            let (start, end, escaped) = ranges[index]
            if !escaped {
                // Split on the bytes in place: a generic split of a String's UTF-8 view cost more
                // than the rest of an article record.
                var items: [String] = []
                var itemStart = start
                for offset in start..<end where bytes[offset] == separator {
                    items.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[itemStart..<offset]), as: UTF8.self))
                    itemStart = offset + 1
                }
                if start < end { items.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[itemStart..<end]), as: UTF8.self)) }
                return items
            }
            let field = string(index)
            return field.isEmpty ? [] : field.utf8.split(separator: separator, omittingEmptySubsequences: false).map { String($0)! }
        }
        guard nextLine(), count == 1, string(0) == BuildCache.formatVersion, nextLine(), count == 1,
              case let storedKey = string(0), key == nil || storedKey == key, nextLine(),
              count == 8, isText(0, "facts"), isText(2, "output"), isText(4, "saved"), isText(6, "drafts"),
              let facts = hexDigest(1), let saved = integer(5), let drafts = integer(7) else { return nil }
        var stored = StoredBuild(key: storedKey)
        stored.siteFacts = facts
        stored.output = string(3)
        stored.savedAt = saved
        stored.draftsSkipped = drafts
        var complete = false
        while nextLine() {
            if count == 1 && ranges[0].start == ranges[0].end { continue }
            guard !complete else { return nil }
            switch count {
            case 1 where isText(0, "end"):
                complete = true
            case 9 where isText(0, "i"):
                guard let stamp = integers(2..<8), let digest = hexDigest(8) else { return nil }
                stored.inputs.append(.init(path: string(1), stamp: stamp, digest: digest))
            case 10 where isText(0, "d"):
                guard let scope = Scope(rawValue: string(1)), let lineNumber = integer(3), let column = integer(4),
                      let severity = Severity(rawValue: string(5)) else { return nil }
                stored.diagnostics.append(.init(scope: scope, file: string(2), line: lineNumber, column: column, severity: severity,
                                                rule: string(6), message: string(7), fix: optional(8), sourceLine: optional(9)))
            case 14 where isText(0, "a"):
                guard let words = integer(8), let digest = hexDigest(10), let articleFacts = hexDigest(11) else { return nil }
                stored.articles.append(.init(path: string(1), slug: string(2), title: string(3), lastReviewed: optional(4),
                                             nextReview: optional(5), reviewers: list(6), draft: isText(7, "1"),
                                             wordCount: words, readabilityGrade: optional(9).flatMap(Double.init),
                                             digest: digest, facts: articleFacts, anchors: list(12), unpublished: optional(13)))
            case 3 where isText(0, "p"):
                stored.pages.append(.init(path: string(1), inserted: list(2)))
            case 5 where isText(0, "c"):
                stored.conditions.append(.init(id: string(1), name: string(2), icd10: optional(3), language: string(4)))
            case 8 where isText(0, "o"):
                guard let stamp = integers(2..<8) else { return nil }
                stored.outputs.append(.init(path: string(1), stamp: stamp))
            default:
                return nil
            }
        }
        // A file cut short at a line break would otherwise look whole, minus some records.
        return complete ? stored : nil
    }
}
