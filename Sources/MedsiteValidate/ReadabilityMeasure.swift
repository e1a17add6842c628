import MedsiteBase
import MedsiteParse

/// Word, sentence and syllable counts of an article's readable text, and its Flesch-Kincaid grade.
public struct ReadabilityMeasure: Sendable {
    public let words: Int
    public let sentences: Int
    public let syllables: Int
    let sentenceDetails: [MeasuredSentence]

    /// Flesch-Kincaid grade level, or nil when there is no text.
    public var grade: Double? {
        guard words > 0, sentences > 0 else { return nil }
        return 0.39 * Double(words) / Double(sentences) + 11.8 * Double(syllables) / Double(words) - 15.59
    }

    /// Pages this short give meaningless grades.
    static let minimumWords = 50
    static let longSentenceWords = 25

    public static func measure(_ document: MarkdownDocument) -> ReadabilityMeasure {
        measure(ProseText.blocks(of: document, phrases: ProsePhrases.builtIn))
    }

    static func measure(_ blocks: [ProseBlock]) -> ReadabilityMeasure {
        var words = 0, syllables = 0
        var sentences: [MeasuredSentence] = []
        var syllableCache = SyllableCache()
        for block in blocks {
            split(block, syllableCache: &syllableCache, into: &sentences)
        }
        for sentence in sentences {
            words += sentence.words
            syllables += sentence.syllables
        }
        return ReadabilityMeasure(words: words, sentences: sentences.count, syllables: syllables, sentenceDetails: sentences)
    }

    /// The text as measured, one block per line, each ending in a sentence mark: what an external
    /// readability tool must be given to count the same sentences (used to cross-check with textstat).
    public static func readerText(_ document: MarkdownDocument) -> String {
        ProseText.blocks(of: document, phrases: ProsePhrases.builtIn).map { block -> String in
            let text = block.text.trimmingWhitespace
            guard let last = text.unicodeScalars.last(where: { !closingMarks.contains($0) }) else { return text }
            return sentenceEnds.contains(last) ? text : text + "."
        }.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    static let sentenceEnds: Set<Unicode.Scalar> = [".", "!", "?"]
    static let closingMarks: Set<Unicode.Scalar> = ["\"", "'", ")", "]", "”", "’", "*", "_"]
    static let abbreviations: Set<String> = ["e.g.", "i.e.", "dr.", "mr.", "mrs.", "ms.", "prof.", "vs.", "approx.",
                                             "fig.", "cf.", "no.", "st.", "etc.)"]
    /// The same, as bytes, for the ASCII fast path of `endsSentence`.
    static let abbreviationBytes: [[UInt8]] = abbreviations.map { Array($0.utf8) }

    /// Splits a block into sentences at `.`, `!` or `?` ending a word (not `6.5` or `e.g.`); the end
    /// of a block (a heading, a list item) always ends a sentence.
    static func split(_ block: ProseBlock, syllableCache: inout SyllableCache, into result: inout [MeasuredSentence]) {
        var words = 0, syllables = 0
        var start: Int?
        var text = block.text
        byteClasses.withUnsafeBufferPointer { classes in
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                while index < bytes.count, classes[Int(bytes[index])] == spaceClass { index += 1 }
                guard index < bytes.count else { break }
                let tokenStart = index
                var seen: UInt8 = 0
                var hash = SyllableCache.initialHash
                while index < bytes.count {
                    let byteClass = classes[Int(bytes[index])]
                    if byteClass == spaceClass { break }
                    seen |= byteClass
                    hash = SyllableCache.hash(hash, bytes[index])
                    index += 1
                }
                guard seen & wordClass != 0 else { continue }
                let token = UnsafeBufferPointer(rebasing: bytes[tokenStart..<index])
                if start == nil { start = tokenStart }
                words += 1
                // Prose repeats its words; counting each distinct spelling once keeps long articles linear and cheap.
                syllables += syllableCache.count(token, hash: hash)
                // Only a token ending in a sentence mark or a closing one can end a sentence: most end in a letter.
                if mayEndSentence(token[token.count - 1]), endsSentence(token) {
                    result.append(MeasuredSentence(words: words, syllables: syllables, position: block.position(atUTF8Offset: start!)))
                    words = 0; syllables = 0; start = nil
                }
            }
        }}
        if words > 0, let start {
            result.append(MeasuredSentence(words: words, syllables: syllables, position: block.position(atUTF8Offset: start)))
        }
    }

    static func endsSentence(_ token: ArraySlice<UInt8>) -> Bool {
        token.withUnsafeBufferPointer { endsSentence($0) }
    }

    /// Whether a token ending in `byte` may end a sentence: `endsSentence` looks no further for others.
    @inline(__always)
    static func mayEndSentence(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: ")")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "]") || byte == 0x9D || byte == 0x99
    }

    static func endsSentence(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = token.count
        // Skip closing quotes, brackets and emphasis marks: `(see below).` or `"Stop."`
        while end > 0 {
            let byte = token[end - 1]
            if byte == UInt8(ascii: ")") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "]") {
                end -= 1
            } else if byte == 0x9D || byte == 0x99, end - 3 >= 0, token[end - 3] == 0xE2 { // ” ’
                end -= 3
            } else {
                break
            }
        }
        guard end > 0 else { return false }
        let last = token[end - 1]
        guard last == UInt8(ascii: ".") || last == UInt8(ascii: "!") || last == UInt8(ascii: "?") else { return false }
        if last == UInt8(ascii: ".") {
            let word = UnsafeBufferPointer(rebasing: token[0..<end])
            if word.allSatisfy({ $0 < 0x80 }) {
                // ASCII: compare bytes, lowercased, with no String made.
                for abbreviation in abbreviationBytes where abbreviation.count == word.count {
                    var equal = true
                    for (index, byte) in word.enumerated() where (byte &- 65 < 26 ? byte + 32 : byte) != abbreviation[index] {
                        equal = false
                        break
                    }
                    if equal { return false }
                }
            } else if abbreviations.contains(String(decoding: word, as: UTF8.self).lowercased()) {
                return false
            }
        }
        return true
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }

    /// `isSpace` and `isWordByte` as one table look-up per byte for the tokenizer.
    static let spaceClass: UInt8 = 1, wordClass: UInt8 = 2
    static let byteClasses: [UInt8] = (0...255).map { UInt8($0) }.map { isSpace($0) ? spaceClass : isWordByte($0) ? wordClass : 0 }

    /// A token is a word when it holds a letter or a digit (so "–" and "&" are not words).
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte >= 0xC0
    }
}
