#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MedsiteBase

/// `review-ledger.yml`: for each page, the review date and reviewer that `medsite build` last
/// recorded, and the fingerprint of the clinical content they read. Committed beside the content,
/// like a lockfile: entries sorted by path, one field a line, so a review shows in a pull request as
/// a three-line change. Only `medsite build` writes it (never `check` or `serve`).
///
///     version: 2
///     pages:
///       - path: Content/asthma.md
///         last_reviewed: 2026-01-10
///         reviewer: "Dr Jane Smith, MD FRCP"
///         fingerprint: sha256:<64 hex digits>
///         protected: sha256:<64 hex digits>
///         minor: 2026-02-03 "Corrected the spelling of salbutamol"
///
/// `protected` fingerprints what a minor change may not touch (`ReviewFingerprint.protected`);
/// each `minor` line is a change accepted since the review without a new one (`kind: minor` in the
/// page's change log). Snippets (`Snippets/x.md`) have entries too. Version 1 ledgers (without
/// `protected` and `minor`) are read, and written as version 2.
///
/// The file is YAML, but medsite reads only this layout (it writes nothing else), line by line, so
/// each problem has its line.
public struct ReviewLedger: Sendable, Equatable {
    public static let fileName = "review-ledger.yml"
    static let formatVersion = "2"
    static let readableVersions = ["1", "2"]

    public struct Entry: Sendable, Equatable {
        public var path: String
        public var lastReviewed: CalendarDate
        /// The page's reviewers as shown on it, joined with "; ".
        public var reviewer: String
        public var fingerprint: ContentDigest
        /// The fingerprint of what a minor change may not touch; nil in entries of version 1.
        public var protected: ContentDigest?
        /// Changes accepted as minor since the review, oldest first.
        public var minorChanges: [MinorChange]

        public init(path: String, lastReviewed: CalendarDate, reviewer: String, fingerprint: ContentDigest,
                    protected: ContentDigest? = nil, minorChanges: [MinorChange] = []) {
            self.path = path
            self.lastReviewed = lastReviewed
            self.reviewer = reviewer
            self.fingerprint = fingerprint
            self.protected = protected
            self.minorChanges = minorChanges
        }
    }

    /// A change accepted without a review: its date and summary, as the page's change log gives them.
    public struct MinorChange: Sendable, Equatable {
        public var date: CalendarDate
        public var summary: String

        public init(date: CalendarDate, summary: String) {
            self.date = date
            self.summary = summary
        }
    }

    /// By article path relative to the site (`Content/asthma.md`).
    public var entries: [String: Entry] = [:]

    public init(entries: [String: Entry] = [:]) { self.entries = entries }

    /// The ledger of a site folder as a build finds it.
    public enum State: Sendable, Equatable {
        /// No ledger yet: nothing can be compared, and the next build starts one.
        case absent
        case loaded(ReviewLedger)
        /// The file could not be read or parsed (reported as `review-ledger-invalid`).
        case unusable
    }

    /// The ledger of a site folder, and the text it was parsed from. No ledger is no problem: the
    /// build that starts one says so (`review-ledger-started`).
    public static func read(siteDirectory: String) -> LoadedRecord<State> {
        LoadedRecord.read(fileName, siteDirectory: siteDirectory, absent: .absent,
                          unreadable: (.unusable, invalid(line: 1, "\(fileName) could not be read as UTF-8 text"))) { text in
            let (ledger, diagnostics) = parse(text)
            return (ledger.map(State.loaded) ?? .unusable, diagnostics)
        }
    }

    static func invalid(line: Int, _ message: String) -> Diagnostic {
        Diagnostic(file: fileName, position: SourcePosition(line: line), rule: .reviewLedgerInvalid, message: message,
                   fix: "restore the file from version control (git checkout \(fileName)) or resolve the merge conflict; deleting it starts a new ledger that takes every page as reviewed")
    }

    // MARK: Reading

    static let requiredFields = ["path", "last_reviewed", "reviewer", "fingerprint"]
    static let fieldNames = requiredFields + ["protected", "minor"]

    /// The ledger, or nil with the first problem found (a ledger is machine-written: one problem
    /// usually means a bad merge, and the rest of the file cannot be trusted either).
    public static func parse(_ text: String) -> (ReviewLedger?, [Diagnostic]) {
        if let ledger = parseAsWritten(text) { return (ledger, []) }
        return parseLines(text)
    }

    /// Any ledger, line by line, with the first problem's line.
    static func parseLines(_ text: String) -> (ReviewLedger?, [Diagnostic]) {
        var ledger = ReviewLedger()
        var sawVersion = false, sawPages = false
        var fields: [String: (value: String, line: Int)] = [:]
        var minorLines: [(value: String, line: Int)] = []
        var entryLine = 0
        var version = formatVersion
        func digest(_ field: (value: String, line: Int)) -> ContentDigest? {
            guard field.value.hasPrefix("sha256:") else { return nil }
            return ContentDigest(hex: field.value.utf8.dropFirst(7))
        }
        func finishEntry() -> Diagnostic? {
            guard entryLine > 0 else { return nil }
            defer { fields = [:]; minorLines = []; entryLine = 0 }
            for name in requiredFields where fields[name] == nil {
                return invalid(line: entryLine, "the entry starting here has no '\(name)'")
            }
            let path = fields["path"]!, date = fields["last_reviewed"]!, reviewer = fields["reviewer"]!, print = fields["fingerprint"]!
            guard let day = CalendarDate(iso: date.value) else {
                return invalid(line: date.line, "'\(date.value)' is not a date written YYYY-MM-DD")
            }
            guard let fingerprint = digest(print) else {
                return invalid(line: print.line, "the fingerprint is not 'sha256:' followed by 64 lower-case hex digits")
            }
            var protected: ContentDigest?
            if let field = fields["protected"] {
                guard let value = digest(field) else {
                    return invalid(line: field.line, "'protected' is not 'sha256:' followed by 64 lower-case hex digits")
                }
                protected = value
            }
            guard let name = unquoted(reviewer.value) else {
                return invalid(line: reviewer.line, "the reviewer is not a double-quoted text")
            }
            var minorChanges: [MinorChange] = []
            for line in minorLines {
                // `2026-02-03 "Corrected a typo"`
                let parts = line.value.split(separator: " ", maxSplits: 1)
                guard parts.count == 2, let day = CalendarDate(iso: parts[0]), let summary = unquoted(String(parts[1])) else {
                    return invalid(line: line.line, "a minor change is a date (YYYY-MM-DD), a space and its summary in double quotes")
                }
                minorChanges.append(MinorChange(date: day, summary: summary))
            }
            guard ledger.entries[path.value] == nil else {
                return invalid(line: path.line, "\(path.value) has two entries")
            }
            ledger.entries[path.value] = Entry(path: path.value, lastReviewed: day, reviewer: name, fingerprint: fingerprint,
                                               protected: protected, minorChanges: minorChanges)
            return nil
        }
        var number = 0
        // Split on the byte: splitting a String on "\n" compares Characters (a third of reading a
        // 2,000-page ledger) and never splits "\r\n", which is one Character.
        for rawLine in text.utf8.split(separator: 10, omittingEmptySubsequences: false) {
            number += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            let trimmed = line.trimmingWhitespace
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.hasPrefix("<<<<<<<") || trimmed.hasPrefix(">>>>>>>") || trimmed == "=======" {
                return (nil, [invalid(line: number, "an unresolved merge conflict marker")])
            }
            if !line.hasPrefix(" ") {
                if let finished = finishEntry() { return (nil, [finished]) }
                if trimmed.hasPrefix("version:") {
                    let written = String(trimmed.dropFirst(8).trimmingWhitespace)
                    guard readableVersions.contains(written) else {
                        return (nil, [invalid(line: number, "this medsite reads ledger versions \(readableVersions.joined(separator: " and ")), not '\(written)'")])
                    }
                    version = written
                    sawVersion = true
                    continue
                }
                if trimmed == "pages:" || trimmed == "pages: []" {
                    guard sawVersion else { return (nil, [invalid(line: number, "'version: \(formatVersion)' must come first")]) }
                    sawPages = true
                    continue
                }
                return (nil, [invalid(line: number, "expected 'version: \(formatVersion)' or 'pages:', found '\(trimmed)'")])
            }
            guard sawPages else { return (nil, [invalid(line: number, "an entry before 'pages:'")]) }
            var field = trimmed
            if field.hasPrefix("- ") {
                if let finished = finishEntry() { return (nil, [finished]) }
                entryLine = number
                field = field.dropFirst(2).trimmingWhitespace
            } else if entryLine == 0 {
                return (nil, [invalid(line: number, "a field outside an entry (entries start with '- path:')")])
            }
            guard let colon = field.firstIndex(of: ":") else {
                return (nil, [invalid(line: number, "expected 'name: value', found '\(field)'")])
            }
            let name = String(field[..<colon]), value = String(field[field.index(after: colon)...].trimmingWhitespace)
            let known = version == "1" ? requiredFields : fieldNames
            guard known.contains(name) else {
                return (nil, [invalid(line: number, "unknown field '\(name)' (an entry has \(known.joined(separator: ", ")))")])
            }
            if name == "minor" {
                minorLines.append((value, number))
                continue
            }
            guard fields[name] == nil else { return (nil, [invalid(line: number, "'\(name)' appears twice in one entry")]) }
            fields[name] = (value, number)
        }
        if let finished = finishEntry() { return (nil, [finished]) }
        guard sawVersion, sawPages else {
            return (nil, [invalid(line: max(number, 1), "the file lacks '\(sawVersion ? "pages:" : "version: \(formatVersion)")'")])
        }
        return (ledger, [])
    }

    /// The ledger when the text is exactly in the layout `encoded` writes, in printable ASCII (what
    /// medsite itself leaves): read on bytes, entry by entry, as the line reader below would read
    /// it. nil at the first byte that differs from that layout (a comment, a path with spaces at
    /// its ends, non-ASCII text, CRLF, a duplicate path, anything wrong): the line reader then
    /// decides, with its diagnostics. The whole ledger is read on every build, so this is the
    /// one-edit rebuild's hot path.
    static func parseAsWritten(_ text: String) -> ReviewLedger? {
        var text = text
        return text.withUTF8 { bytes -> ReviewLedger? in
            var position = 0
            /// The next line without its LF; nil at the end, or when a line holds anything but
            /// printable ASCII.
            func nextLine() -> UnsafeBufferPointer<UInt8>?? {
                guard position < bytes.count else { return .some(nil) }
                let start = position
                while position < bytes.count, bytes[position] != 10 {
                    guard bytes[position] >= 0x20, bytes[position] < 0x7F else { return nil }
                    position += 1
                }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                return .some(line)
            }
            func field(_ line: UnsafeBufferPointer<UInt8>, after prefix: StaticString) -> UnsafeBufferPointer<UInt8>? {
                let count = prefix.utf8CodeUnitCount
                guard line.count >= count, memcmp(line.baseAddress!, prefix.utf8Start, count) == 0 else { return nil }
                let rest = UnsafeBufferPointer(rebasing: line[count...])
                // The line reader trims a value: one with spaces at its ends is left to it.
                if let first = rest.first, let last = rest.last, first == 0x20 || last == 0x20 { return nil }
                return rest
            }
            func value(_ line: UnsafeBufferPointer<UInt8>, after prefix: StaticString) -> String? {
                field(line, after: prefix).map { String(decoding: $0, as: UTF8.self) }
            }
            /// A quoted value without escapes read as it is (the line reader checked it is printable
            /// ASCII); one with escapes through `unquoted`.
            func quoted(_ value: UnsafeBufferPointer<UInt8>) -> String? {
                guard value.count >= 2, value[0] == 0x22, value[value.count - 1] == 0x22 else { return nil }
                let inner = UnsafeBufferPointer(rebasing: value[1..<(value.count - 1)])
                guard inner.contains(where: { $0 == 0x5C || $0 == 0x22 }) else { return String(decoding: inner, as: UTF8.self) }
                return unquoted(String(decoding: value, as: UTF8.self))
            }
            var ledger = ReviewLedger()
            ledger.entries.reserveCapacity(bytes.count / 300)
            var sawVersion = false, sawPages = false
            while true {
                guard let read = nextLine() else { return nil }
                guard let next = read else { break }
                if next.isEmpty || next[0] == UInt8(ascii: "#") {
                    guard !sawPages || next.isEmpty else { return nil }
                    continue
                }
                if !sawVersion {
                    // A version 1 ledger (no `protected`, no `minor`) is left to the line reader.
                    guard value(next, after: "version: ") == formatVersion else { return nil }
                    sawVersion = true
                    continue
                }
                if !sawPages {
                    let line = String(decoding: next, as: UTF8.self)
                    guard line == "pages:" || line == "pages: []" else { return nil }
                    sawPages = true
                    continue
                }
                // One entry: its four lines in the order `encoded` writes them, then `protected` and
                // the `minor` lines when there are any.
                guard let path = value(next, after: "  - path: "),
                      let dateLine = nextLine() ?? nil, let date = value(dateLine, after: "    last_reviewed: "),
                      let day = CalendarDate(iso: date),
                      let reviewerLine = nextLine() ?? nil, let reviewerValue = field(reviewerLine, after: "    reviewer: "),
                      let reviewer = quoted(reviewerValue),
                      let printLine = nextLine() ?? nil, let print = field(printLine, after: "    fingerprint: sha256:"),
                      let digest = ContentDigest(hex: print) else { return nil }
                var entry = Entry(path: path, lastReviewed: day, reviewer: reviewer, fingerprint: digest)
                var mark = position
                if let line = nextLine() ?? nil, let protected = field(line, after: "    protected: sha256:") {
                    guard let protectedDigest = ContentDigest(hex: protected) else { return nil }
                    entry.protected = protectedDigest
                    mark = position
                }
                position = mark
                while let line = nextLine() ?? nil, let minor = value(line, after: "    minor: ") {
                    // `2026-02-03 "Corrected a typo"`
                    let parts = minor.split(separator: " ", maxSplits: 1)
                    guard parts.count == 2, let day = CalendarDate(iso: parts[0]), let summary = unquoted(String(parts[1])) else { return nil }
                    entry.minorChanges.append(MinorChange(date: day, summary: summary))
                    mark = position
                }
                position = mark
                guard ledger.entries.updateValue(entry, forKey: path) == nil else { return nil }
            }
            return sawVersion && sawPages ? ledger : nil
        }
    }

    static func unquoted(_ text: String) -> String? {
        // ASCII (every Character one byte): the same reading on bytes, without walking Characters.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            let bytes = Array(text.utf8)
            guard bytes.count >= 2, bytes[0] == 0x22, bytes[bytes.count - 1] == 0x22 else { return nil }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var escaping = false
            for byte in bytes[1..<(bytes.count - 1)] {
                if escaping {
                    switch byte {
                    case UInt8(ascii: "n"): result.append(10)
                    case UInt8(ascii: "t"): result.append(9)
                    case 0x5C, 0x22: result.append(byte)
                    default: return nil
                    }
                    escaping = false
                } else if byte == 0x5C {
                    escaping = true
                } else if byte == 0x22 {
                    return nil
                } else {
                    result.append(byte)
                }
            }
            return escaping ? nil : String(decoding: result, as: UTF8.self)
        }
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return nil }
        var result = ""
        var escaping = false
        for character in text.dropFirst().dropLast() {
            if escaping {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "\\", "\"": result.append(character)
                default: return nil
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == "\"" {
                return nil
            } else {
                result.append(character)
            }
        }
        return escaping ? nil : result
    }

    // MARK: Writing

    package static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default: result.append(character)
            }
        }
        return result + "\""
    }

    /// The file's text: deterministic, entries sorted by path (byte order, as `LC_ALL=C sort`).
    public var encoded: String {
        var lines = [
            "# Written by `medsite build`: what each page's reviewer read (see docs/editors.md, \"Review integrity\").",
            "# Commit it with the content. Do not edit it by hand.",
            "version: \(Self.formatVersion)",
        ]
        let sorted = entries.values.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
        lines.append(sorted.isEmpty ? "pages: []" : "pages:")
        for entry in sorted {
            lines.append("  - path: \(entry.path)")
            lines.append("    last_reviewed: \(entry.lastReviewed.iso)")
            lines.append("    reviewer: \(Self.quoted(entry.reviewer))")
            lines.append("    fingerprint: sha256:\(entry.fingerprint.hex)")
            if let protected = entry.protected { lines.append("    protected: sha256:\(protected.hex)") }
            for change in entry.minorChanges { lines.append("    minor: \(change.date.iso) \(Self.quoted(change.summary))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
