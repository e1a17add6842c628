/// The cache file: one record per line, tab-separated fields, `\t` `\n` `\\` escaped. Hand-written
/// because Foundation's JSONEncoder/Decoder cost 20% of a whole 300-article rebuild under callgrind.
///
///     medsite-build-cache 1 / key / drafts N
///     d file line column severity rule message fix      (a diagnostic; optional fields start with '=')
///     a path slug title last next reviewers draft words grade
///     p path inserted
///     o path size mtime-seconds mtime-nanoseconds inode
extension StoredBuild {
    private static let separator: UInt8 = 0x1F // between list items (reviewers, inserted blocks)

    func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(outputs.count * 160 + articles.count * 200)
        func line(_ fields: [String]) {
            for (index, field) in fields.enumerated() {
                if index > 0 { out.append(9) }
                for byte in field.utf8 {
                    switch byte {
                    case 9: out += [92, UInt8(ascii: "t")]
                    case 10: out += [92, UInt8(ascii: "n")]
                    case 92: out += [92, 92]
                    default: out.append(byte)
                    }
                }
            }
            out.append(10)
        }
        func optional(_ value: String?) -> String { value.map { "=" + $0 } ?? "" }
        func list(_ items: [String]) -> String { items.joined(separator: String(UnicodeScalar(Self.separator))) }
        line([BuildCache.formatVersion])
        line([key])
        line(["drafts", String(draftsSkipped)])
        for d in diagnostics {
            line(["d", d.file, String(d.line), String(d.column), d.severity.rawValue, d.rule, d.message, optional(d.fix)])
        }
        for a in articles {
            line(["a", a.path, a.slug, a.title, optional(a.lastReviewed), optional(a.nextReview), list(a.reviewers),
                  a.draft ? "1" : "0", String(a.wordCount), optional(a.readabilityGrade.map { String($0) })])
        }
        for p in pages { line(["p", p.path, list(p.inserted)]) }
        for o in outputs { line(["o", o.path] + o.stamp.map(String.init)) }
        return out
    }

    /// nil when the file is damaged, from another format version, or for another key (checked
    /// before the rest is parsed, so a cache miss stays cheap).
    static func decode(_ bytes: [UInt8], expectingKey key: String) -> StoredBuild? {
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).makeIterator()
        func fields(_ line: ArraySlice<UInt8>) -> [String] {
            var result: [String] = []
            var current: [UInt8] = []
            var escaped = false
            for byte in line {
                if escaped {
                    current.append(byte == UInt8(ascii: "t") ? 9 : byte == UInt8(ascii: "n") ? 10 : byte)
                    escaped = false
                } else if byte == 92 {
                    escaped = true
                } else if byte == 9 {
                    result.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                } else {
                    current.append(byte)
                }
            }
            result.append(String(decoding: current, as: UTF8.self))
            return result
        }
        func optional(_ field: String) -> String? { field.hasPrefix("=") ? String(field.dropFirst()) : nil }
        func list(_ field: String) -> [String] {
            field.isEmpty ? [] : field.split(separator: Character(UnicodeScalar(separator)), omittingEmptySubsequences: false).map(String.init)
        }
        guard let version = lines.next(), fields(version) == [BuildCache.formatVersion],
              let keyLine = lines.next(), fields(keyLine) == [key],
              let draftsLine = lines.next(), case let drafts = fields(draftsLine), drafts.count == 2, drafts[0] == "drafts",
              let draftsSkipped = Int(drafts[1]) else { return nil }
        var diagnostics: [StoredDiagnostic] = []
        var articles: [StoredArticle] = []
        var pages: [StoredPage] = []
        var outputs: [OutputEntry] = []
        while let line = lines.next() {
            if line.isEmpty { continue }
            let f = fields(line)
            switch (f[0], f.count) {
            case ("d", 8):
                guard let lineNumber = Int(f[2]), let column = Int(f[3]), let severity = Severity(rawValue: f[4]) else { return nil }
                diagnostics.append(.init(file: f[1], line: lineNumber, column: column, severity: severity, rule: f[5],
                                         message: f[6], fix: optional(f[7])))
            case ("a", 10):
                guard let words = Int(f[8]) else { return nil }
                articles.append(.init(path: f[1], slug: f[2], title: f[3], lastReviewed: optional(f[4]), nextReview: optional(f[5]),
                                      reviewers: list(f[6]), draft: f[7] == "1", wordCount: words,
                                      readabilityGrade: optional(f[9]).flatMap(Double.init)))
            case ("p", 3):
                pages.append(.init(path: f[1], inserted: list(f[2])))
            case ("o", 6):
                let stamp = f[2...].compactMap { Int($0) }
                guard stamp.count == 4 else { return nil }
                outputs.append(.init(path: f[1], stamp: stamp))
            default:
                return nil
            }
        }
        return StoredBuild(key: key, diagnostics: diagnostics, articles: articles, pages: pages,
                           draftsSkipped: draftsSkipped, outputs: outputs)
    }
}
