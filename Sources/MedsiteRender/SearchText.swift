/// How search turns text into terms. `Templates/assets/search.js` does the same to what readers
/// type (`fold`, `terms`); the two must agree, so the rules are few and written out in both:
/// lower case; common Latin accents removed ("Ménière" → "meniere"); a word is a run of a–z and
/// 0–9; a `.` between digits joins them ("D64.9" → "d649", the ICD-10 code as one term); words of
/// one letter and the stop words are left out; a plural `s` is dropped ("seizures" → "seizure").
package enum SearchText {
    /// Words too common to tell pages apart. search.js reads this list from the manifest.
    package static let stopWords: [String] = [
        "a", "about", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "do", "does", "for", "from",
        "had", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "our",
        "so", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "too", "was",
        "we", "were", "what", "when", "where", "which", "who", "why", "will", "with", "you", "your",
    ]
    private static let stopSet = Set(stopWords)

    /// Accented letters and their plain forms; search.js has the same table.
    package static let accentTable: [(String, String)] = [
        ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
        ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"),
        ("ŕŗř", "r"), ("śŝşš", "s"), ("ţťŧ", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        ("ß", "ss"), ("æ", "ae"), ("œ", "oe"),
    ]
    private static let accents: [Unicode.Scalar: String] = {
        var map: [Unicode.Scalar: String] = [:]
        for (letters, plain) in accentTable { for scalar in letters.unicodeScalars { map[scalar] = plain } }
        return map
    }()

    /// Lower case, accents replaced; anything else kept as it is.
    package static func fold(_ text: String) -> String {
        String(decoding: foldedBytes(text), as: UTF8.self)
    }

    /// The accent table by scalar, as UTF-8 bytes.
    private static let accentBytes: [Unicode.Scalar: [UInt8]] = accents.mapValues { Array($0.utf8) }

    /// `fold`'s UTF-8 bytes. `String.lowercased()` maps each scalar on its own (no context, not even
    /// a final sigma), so ASCII bytes are lowered in place and only other scalars take their
    /// lowercase mapping and the accent table: the same bytes as lowering the whole text first,
    /// without building it scalar by scalar.
    static func foldedBytes(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { bytes in
            if let ascii = foldedASCII(bytes) { return ascii }
            var folded: [UInt8] = []
            folded.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    folded.append(byte &- 65 < 26 ? byte | 0x20 : byte)
                    index += 1
                    continue
                }
                // A String's bytes are valid UTF-8: the lead byte gives the length.
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
                index += length
                guard let scalar = Unicode.Scalar(value) else { continue }
                for lowered in scalar.properties.lowercaseMapping.unicodeScalars {
                    if lowered.isASCII {
                        folded.append(UInt8(lowered.value))
                    } else if let plain = accentBytes[lowered] {
                        folded.append(contentsOf: plain)
                    } else {
                        folded.append(contentsOf: String(lowered).utf8)
                    }
                }
            }
            return folded
        }
    }

    /// ASCII text folded in one pass into uninitialised storage (most pages are ASCII); nil at the
    /// first other byte.
    private static func foldedASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var isASCII = true
        let folded = [UInt8](unsafeUninitializedCapacity: bytes.count) { output, count in
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x80 else {
                    isASCII = false
                    count = 0
                    return
                }
                output[index] = byte &- 65 < 26 ? byte | 0x20 : byte
            }
            count = bytes.count
        }
        return isASCII ? folded : nil
    }

    /// The words of `text`, folded, in order, stop words and one-letter words included
    /// (snippets and phrases need them); `terms` filters them.
    package static func words(_ text: String) -> [String] {
        var words: [String] = []
        forEachWord(in: foldedBytes(text)) { words.append(String(decoding: $0, as: UTF8.self)) }
        return words
    }

    /// Calls `body` with each word's bytes (a–z and 0–9 only, so always ASCII).
    private static func forEachWord(in bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        func isDigit(_ byte: UInt8) -> Bool { byte &- 48 < 10 }
        bytes.withUnsafeBufferPointer { bytes in
            // A word is never longer than the text: one buffer, no appends.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bytes.count, 1)) { word in
                var length = 0
                for index in bytes.indices {
                    let byte = bytes[index]
                    if byte &- 97 < 26 || isDigit(byte) {
                        word[length] = byte
                        length += 1
                    } else if byte == UInt8(ascii: "."), length > 0, isDigit(word[length - 1]),
                              index + 1 < bytes.count, isDigit(bytes[index + 1]) {
                        continue // "64.9": one number
                    } else if length > 0 {
                        body(UnsafeBufferPointer(start: word.baseAddress, count: length))
                        length = 0
                    }
                }
                if length > 0 { body(UnsafeBufferPointer(start: word.baseAddress, count: length)) }
            }
        }
    }

    /// A word as the index keeps it: a final plural `s` dropped ("fits" → "fit"), but not from
    /// short words or "-ss", "-us", "-is" ("glass", "virus", "psoriasis").
    package static func stem(_ word: String) -> String {
        guard word.utf8.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is")
        else { return word }
        return String(word.dropLast())
    }

    /// Whether a word is left out of the index.
    package static func isIgnored(_ word: String) -> Bool { word.utf8.count < 2 || stopSet.contains(word) }

    /// Stop words packed into integers (none is longer than 8 bytes), so a word is checked without
    /// becoming a String.
    private static let packedStopWords: Set<UInt64> = Set(stopWords.map { packed(Array($0.utf8)[...]) })
    private static let longestStopWord = stopWords.map(\.utf8.count).max() ?? 0

    private static func packed<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var value: UInt64 = 0
        for byte in bytes { value = value << 8 | UInt64(byte) }
        return value
    }

    /// The index terms of `text`, in order, repeats kept: `words`, less `isIgnored`, through `stem`,
    /// on the words' bytes (words are ASCII, so byte tests are the String tests).
    package static func terms(_ text: String) -> [String] {
        var terms: [String] = []
        forEachTerm(in: text) { terms.append(String(decoding: $0, as: UTF8.self)) }
        return terms
    }

    /// `terms(text)`, each as its bytes (a–z and 0–9), without making Strings.
    static func forEachTerm(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        forEachWord(in: foldedBytes(text)) { word in
            let count = word.count
            if count < 2 || (count <= longestStopWord && packedStopWords.contains(packed(word))) { return }
            let last = word[count - 1], beforeLast = word[count - 2]
            let dropsPlural = count > 3 && last == UInt8(ascii: "s") && beforeLast != UInt8(ascii: "s")
                && beforeLast != UInt8(ascii: "u") && beforeLast != UInt8(ascii: "i")
            body(UnsafeBufferPointer(rebasing: word[..<(dropsPlural ? count - 1 : count)]))
        }
    }
}
