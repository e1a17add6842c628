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
        var result = ""
        result.unicodeScalars.reserveCapacity(text.utf8.count)
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII { result.unicodeScalars.append(scalar) } else if let plain = accents[scalar] {
                result += plain
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The words of `text`, folded, in order, stop words and one-letter words included
    /// (snippets and phrases need them); `terms` filters them.
    package static func words(_ text: String) -> [String] {
        var words: [String] = []
        var word: [UInt8] = []
        let bytes = Array(fold(text).utf8)
        func isDigit(_ byte: UInt8) -> Bool { (48...57).contains(byte) }
        for (index, byte) in bytes.enumerated() {
            if (97...122).contains(byte) || isDigit(byte) {
                word.append(byte)
            } else if byte == UInt8(ascii: "."), let last = word.last, isDigit(last),
                      index + 1 < bytes.count, isDigit(bytes[index + 1]) {
                continue // "64.9": one number
            } else if !word.isEmpty {
                words.append(String(decoding: word, as: UTF8.self))
                word.removeAll(keepingCapacity: true)
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
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

    /// The index terms of `text`, in order, repeats kept.
    package static func terms(_ text: String) -> [String] {
        words(text).filter { !isIgnored($0) }.map(stem)
    }
}
