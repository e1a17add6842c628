#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MedsiteBase

/// `published-addresses.txt`: every address the site has published (article pages, pages held
/// while a page is withheld, old addresses in `aliases:`), each with the file it came from.
/// Committed beside the content, like `review-ledger.yml`, so CI has it: a build then stops when an
/// address readers may have bookmarked, printed or linked to disappears without an alias or a
/// `retired:` entry (`address-vanished`). One address a line, sorted by bytes, so a rename shows in
/// a pull request as a one-line change:
///
///     version: 1
///     /asthma-attack/ Content/asthma-attack.md
///     /es/ataque-de-asma/ Content/asthma-attack.es.md
///
/// Only `medsite build` writes it (never `check` or `serve`). A space, `%` or control character in
/// an address or path is written `%XX`, so each line splits at its first space.
public struct AddressRecord: Sendable, Equatable {
    public static let fileName = "published-addresses.txt"
    static let formatVersion = "1"

    /// Where the site published one address.
    public struct Entry: Sendable, Equatable {
        /// Site-relative, as Output/ has it: `asthma/`, `es/asma/`, `leaflets/pml.html`.
        public var address: String
        /// The article it came from, relative to the site: `Content/asthma.md`.
        public var source: String
        /// The line of the record it is on (0 for an entry not read from the file).
        public var line: Int

        public init(address: String, source: String, line: Int = 0) {
            self.address = address
            self.source = source
            self.line = line
        }
    }

    /// By address.
    public var entries: [String: Entry] = [:]

    public init(entries: [String: Entry] = [:]) { self.entries = entries }

    public func contains(_ address: String) -> Bool { entries[address] != nil }

    /// The record of a site folder as a build finds it.
    public enum State: Sendable, Equatable {
        /// No record yet: nothing can vanish, and the next build starts one.
        case absent
        case loaded(AddressRecord)
        /// The file could not be read or parsed (reported as `address-record-invalid`).
        case unusable

        public var record: AddressRecord? {
            if case .loaded(let record) = self { return record }
            return nil
        }
    }

    /// The record of a site folder, and the text it was parsed from.
    public static func read(siteDirectory: String) -> LoadedRecord<State> {
        LoadedRecord.read(fileName, siteDirectory: siteDirectory, absent: .absent,
                          unreadable: (.unusable, invalid(line: 1, "\(fileName) could not be read as UTF-8 text"))) { text in
            let (record, diagnostics) = parse(text)
            return (record.map(State.loaded) ?? .unusable, diagnostics)
        }
    }

    static func invalid(line: Int, _ message: String) -> Diagnostic {
        Diagnostic(file: fileName, position: SourcePosition(line: line), rule: .addressRecordInvalid, message: message,
                   fix: "restore the file from version control (git checkout \(fileName)) or resolve the merge conflict by keeping the lines of both sides; deleting it starts a new record, and addresses that already disappeared are then no longer noticed")
    }

    // MARK: Reading

    /// The record, or nil with the first problem found (the file is machine-written: one problem
    /// usually means a bad merge, and the rest of it cannot be trusted either).
    public static func parse(_ text: String) -> (AddressRecord?, [Diagnostic]) {
        if let record = parseAsWritten(text) { return (record, []) }
        return parseLines(text)
    }

    /// The record when every line is as `encoded` writes it (comments, `version: 1`, then
    /// `/address Content/file` with nothing to percent-decode): read on bytes, as `parseLines` would
    /// read it. nil at the first line that differs (CRLF, indentation, `%`, a duplicate, anything
    /// wrong): `parseLines` then decides, with its diagnostics. The whole record is read on every
    /// build, so this is the one-edit rebuild's hot path.
    static func parseAsWritten(_ text: String) -> AddressRecord? {
        var text = text
        return text.withUTF8 { bytes -> AddressRecord? in
            var record = AddressRecord()
            record.entries.reserveCapacity(bytes.count / 40)
            var sawVersion = false
            var number = 0
            var start = 0
            let content = Array((ContentScanner.folderName + "/").utf8)
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 10 { end += 1 }
                defer { start = end + 1 }
                number += 1
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                // Control characters (a CR), '%' and '\\' are left to the line reader.
                guard !line.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "%") }) else { return nil }
                guard let first = line.first, first != UInt8(ascii: "#") else { continue }
                if !sawVersion {
                    guard line.elementsEqual("version: \(formatVersion)".utf8) else { return nil }
                    sawVersion = true
                    continue
                }
                guard first == UInt8(ascii: "/"), let space = line.firstIndex(of: UInt8(ascii: " ")), space > 1,
                      line.count - space - 1 >= content.count,
                      memcmp(line.baseAddress! + space + 1, content, content.count) == 0,
                      // A combining mark after "Content/" would join its '/' for `hasPrefix`.
                      line.count - space - 1 == content.count || line[space + 1 + content.count] < 0x80 else { return nil }
                let address = String(decoding: UnsafeBufferPointer(rebasing: line[1..<space]), as: UTF8.self)
                let source = String(decoding: UnsafeBufferPointer(rebasing: line[(space + 1)...]), as: UTF8.self)
                let entry = Entry(address: address, source: source, line: number)
                guard record.entries.updateValue(entry, forKey: address) == nil else { return nil }
            }
            return sawVersion ? record : nil
        }
    }

    /// `parse` line by line, for any text: reports the first problem it finds.
    static func parseLines(_ text: String) -> (AddressRecord?, [Diagnostic]) {
        var record = AddressRecord()
        var sawVersion = false
        var number = 0
        // Split on the byte, as the review ledger is: splitting Characters cost 40% of reading a
        // 10,000-address record, and "\r\n" (one Character) ends a line too: its "\r" is dropped.
        for rawLine in text.utf8.split(separator: 10, omittingEmptySubsequences: false) {
            number += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            let trimmed = line.trimmingWhitespace
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.hasPrefix("<<<<<<<") || trimmed.hasPrefix(">>>>>>>") || trimmed.hasPrefix("=======") || trimmed.hasPrefix("|||||||") {
                return (nil, [invalid(line: number, "an unresolved merge conflict marker")])
            }
            if trimmed.hasPrefix("version:") {
                guard !sawVersion else { return (nil, [invalid(line: number, "'version:' appears twice")]) }
                let version = trimmed.dropFirst(8).trimmingWhitespace
                guard version == formatVersion else {
                    return (nil, [invalid(line: number, "this medsite reads address record version \(formatVersion), not '\(version)'")])
                }
                sawVersion = true
                continue
            }
            guard sawVersion else { return (nil, [invalid(line: number, "'version: \(formatVersion)' must come first")]) }
            // On bytes: '/' and ' ' are ASCII, and walking Characters cost a quarter of the reading.
            guard line.utf8.first == UInt8(ascii: "/"), let space = line.utf8.firstIndex(of: UInt8(ascii: " ")) else {
                return (nil, [invalid(line: number, "expected an address starting with '/', a space and the file it came from, found '\(VisibleText.escaped(String(trimmed.prefix(80))))'")])
            }
            guard let address = decoded(line[line.utf8.index(after: line.startIndex)..<space]), !address.isEmpty,
                  let source = decoded(line[line.utf8.index(after: space)...]), source.hasPrefix(ContentScanner.folderName + "/") else {
                return (nil, [invalid(line: number, "'\(VisibleText.escaped(String(trimmed.prefix(80))))' is not an address and a file under \(ContentScanner.folderName)/")])
            }
            guard record.entries[address] == nil else {
                return (nil, [invalid(line: number, "/\(address) is listed twice")])
            }
            record.entries[address] = Entry(address: address, source: source, line: number)
        }
        guard sawVersion else { return (nil, [invalid(line: 1, "the file lacks 'version: \(formatVersion)'")]) }
        return (record, [])
    }

    static func decoded(_ text: Substring) -> String? {
        PageAlias.percentDecoded(String(text))
    }

    // MARK: Writing

    /// `%`, spaces and control characters as `%XX`; everything else as it is, so addresses in any
    /// script stay readable in a diff.
    static func encoded(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "%") }) else { return text }
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            if byte <= 0x20 || byte == 0x7F || byte == UInt8(ascii: "%") {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The file's text: deterministic, addresses sorted by bytes (as `LC_ALL=C sort`).
    public var encoded: String {
        var text = """
        # Written by `medsite build`: every address this site has published, and the file it came from.
        # A build stops when one of them disappears, until another page lists it under `aliases:` or
        # medsite.yml lists it under `retired:` (see docs/editors.md, "Renaming, moving and retiring a page").
        # Commit it with the content. Do not edit it by hand.
        version: \(Self.formatVersion)

        """
        let sorted = entries.values.sorted { Array($0.address.utf8).lexicographicallyPrecedes(Array($1.address.utf8)) }
        text.reserveCapacity(text.utf8.count + sorted.count * 64)
        for entry in sorted {
            text += "/" + Self.encoded(entry.address) + " " + Self.encoded(entry.source) + "\n"
        }
        return text
    }
}
