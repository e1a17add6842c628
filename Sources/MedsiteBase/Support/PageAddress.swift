import Foundation

/// The one way a name (a condition, a tag, a slug, a file name) becomes part of a page's address.
///
/// Letters and digits of every script are kept, so "Diabetes für Kinder" is `diabetes-für-kinder`,
/// "Διαβήτης" `διαβήτης` and "哮喘" `哮喘`: readers see their own words in the address bar, and two
/// names in different scripts never fall back to one address. Not transliterated: a transliteration
/// table (ICU's) differs between systems and versions, which would make builds differ by machine,
/// and it is lossy for Chinese and Arabic. In `href`s, sitemaps and feeds the segment is
/// percent-encoded (`href(_:)`); the files in Output/ carry the readable name.
public enum PageAddress {
    /// "Diabetes für Kinder" → `diabetes-für-kinder`. NFC-normalised; lowercased by Unicode's
    /// locale-independent mapping (the machine's language never changes an address), with Turkish
    /// "İ" as `i` and a Greek final sigma kept as `ς`; letters, combining marks (needed by Devanagari,
    /// Arabic vowel signs) and digits kept; apostrophes dropped; anything else is one hyphen between
    /// words. "section" when nothing is left (a name of punctuation only).
    public static func segment(for name: String) -> String {
        segmentIfAny(for: name) ?? "section"
    }

    /// `segment(for:)`, or nil when the name has no letter or digit.
    public static func segmentIfAny(for name: String) -> String? {
        if let ascii = asciiSegment(name) { return ascii.isEmpty ? nil : ascii }
        var scalars: [Unicode.Scalar] = []
        for scalar in name.precomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            let properties = scalar.properties
            if scalar == "\u{307}", scalars.last == "i" { continue } // "İ" lowercases to i + combining dot
            if properties.isAlphabetic || properties.numericType == .decimal
                || properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark {
                scalars.append(scalar)
            } else if scalar == "'" || scalar == "\u{2019}" {
                continue
            } else if let last = scalars.last, last != "-" {
                if last == "σ" { scalars[scalars.count - 1] = "ς" }
                scalars.append("-")
            }
        }
        if scalars.last == "σ" { scalars[scalars.count - 1] = "ς" }
        while scalars.last == "-" { scalars.removeLast() }
        guard !scalars.isEmpty else { return nil }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        // Lowercasing and dropping characters can leave a sequence that composes further.
        return result.precomposedStringWithCanonicalMapping
    }

    /// NFC: the one spelling of canonically equivalent text (a file name from macOS may be NFD).
    public static func normalized(_ text: String) -> String {
        text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
    }

    /// The key under which two spellings are one name ("Asthma", "asthma", "ASTHMA" with decomposed
    /// accents): NFC, lowercased, runs of white space as one space. Two names with different keys
    /// but one `segment` are a collision, never merged.
    public static func nameKey(_ name: String) -> String {
        var folded = String.UnicodeScalarView()
        for scalar in name.precomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            if scalar == "\u{307}", folded.last == "i" { continue }
            folded.append(scalar == "ς" ? "σ" : scalar)
        }
        return String(folded).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Whether `text` is already an address segment: what `segment(for:)` gives for it.
    public static func isSegment(_ text: String) -> Bool {
        !text.isEmpty && segment(for: text) == text
    }

    /// `diabetes-für-kinder/` → `diabetes-f%C3%BCr-kinder/`: a site-relative path as it goes into an
    /// `href`, a sitemap or a feed (RFC 3986: bytes outside the unreserved set and `/` encoded).
    /// Browsers show the readable name in the address bar. ASCII addresses are unchanged.
    public static func href(_ path: String) -> String {
        guard path.utf8.contains(where: { $0 >= 0x80 || !isUnreserved($0) }) else { return path }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(path.utf8.count * 3)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in path.utf8 {
            if isUnreserved(byte) {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
            return true
        default:
            return false
        }
    }

    /// ASCII names (nearly all) on bytes, without Unicode property look-ups; nil for any other.
    package static func asciiSegment(_ name: String) -> String? {
        var name = name
        return name.withUTF8 { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var id: [UInt8] = []
            id.reserveCapacity(bytes.count)
            for byte in bytes {
                let lower = byte &- 65 < 26 ? byte + 32 : byte
                if lower &- 97 < 26 || lower &- 48 < 10 {
                    id.append(lower)
                } else if !id.isEmpty, id.last != UInt8(ascii: "-"), byte != UInt8(ascii: "'") {
                    id.append(UInt8(ascii: "-"))
                }
            }
            while id.last == UInt8(ascii: "-") { id.removeLast() }
            return String(decoding: id, as: UTF8.self)
        }
    }
}
