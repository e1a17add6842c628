import MedsiteBase
import MedsiteParse

/// One sentence as counted for readability: where it starts and how long it is.
struct MeasuredSentence {
    let words: Int
    let syllables: Int
    let position: SourcePosition
}

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
        measure(ProseText.blocks(of: document))
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
        ProseText.blocks(of: document).map { block -> String in
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
                if endsSentence(token) {
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

/// Syllable counts of the tokens of one article, keyed by the token's bytes: an open-addressing
/// table over a byte arena, as hashing an `ArraySlice<UInt8>` key through `Hasher` cost more than
/// counting the syllables.
struct SyllableCache {
    private var arena: [UInt8] = []
    /// Per entry: where its bytes start in `arena`, how many there are, its hash and its count.
    private var entries: [(start: Int, length: Int, hash: UInt64, syllables: Int)] = []
    /// Entry number + 1 per slot, 0 when empty; the count of slots is a power of two.
    private var slots = [Int](repeating: 0, count: 1024)

    /// FNV-1a, computed by the caller while it finds the token's end.
    static let initialHash: UInt64 = 0xcbf29ce484222325
    @inline(__always)
    static func hash(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x100000001b3 }

    mutating func count(_ token: UnsafeBufferPointer<UInt8>) -> Int {
        count(token, hash: token.reduce(Self.initialHash, Self.hash))
    }

    mutating func count(_ token: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while slots[slot] != 0 {
            let entry = entries[slots[slot] - 1]
            if entry.hash == hash, entry.length == token.count, arena.withUnsafeBufferPointer({ arena in
                for index in 0..<token.count where arena[entry.start + index] != token[index] { return false }
                return true
            }) {
                return entry.syllables
            }
            slot = (slot + 1) & mask
        }
        let syllables = Syllables.count(token)
        entries.append((arena.count, token.count, hash, syllables))
        arena.append(contentsOf: token)
        slots[slot] = entries.count
        if entries.count * 2 > slots.count { grow() }
        return syllables
    }

    private mutating func grow() {
        slots = [Int](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (number, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash ^ (entry.hash >> 29)) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = number + 1
        }
    }
}

/// English syllable estimate from spelling: vowel groups, corrected for silent endings and for
/// vowel pairs read as two syllables. Tuned against the CMU Pronouncing Dictionary (about 97% of
/// the words of the sample articles exactly right; averages are what readability needs).
enum Syllables {
    static func count(_ token: ArraySlice<UInt8>) -> Int {
        token.withUnsafeBufferPointer { count($0) }
    }

    /// Runs for every distinct word of every page: no heap allocation (the letters go to a stack buffer).
    static func count(_ token: UnsafeBufferPointer<UInt8>) -> Int {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, token.count)) { letters in
            var length = 0
            var allUpper = true
            for byte in token {
                if byte &- 65 < 26 {
                    letters[length] = byte + 32
                    length += 1
                } else if byte &- 97 < 26 {
                    letters[length] = byte
                    length += 1
                    allUpper = false
                }
            }
            // Abbreviations (PML, JC, MS) count as one syllable, as in textstat for words outside its dictionary.
            guard length > 0, !(allUpper && length <= 4) else { return 1 }
            return count(word: UnsafeBufferPointer(rebasing: letters[0..<length]))
        }
    }

    static func count(word: [UInt8]) -> Int {
        word.withUnsafeBufferPointer { count(word: $0) }
    }

    static func count(word: UnsafeBufferPointer<UInt8>) -> Int {
        guard word.count > 3 else { return 1 }
        // The word without its silent ending is `core`, the first `length` letters of `word`.
        var length = word.count
        if ends(word, length, "es") {
            let before = word[length - 3]
            let keep = before == UInt8(ascii: "s") || before == UInt8(ascii: "x") || before == UInt8(ascii: "z")
                || before == UInt8(ascii: "c") || before == UInt8(ascii: "g") || ends(word, length, "ches") || ends(word, length, "shes")
                || (before == UInt8(ascii: "l") && length >= 4 && !isVowel(word[length - 4]))
            if !keep { length -= 2 }
        } else if ends(word, length, "ed") {
            let before = word[length - 3]
            if before != UInt8(ascii: "t"), before != UInt8(ascii: "d") { length -= 2 }
        } else if ends(word, length, "e") {
            let consonantLE = ends(word, length, "le") && length >= 3 && !isVowel(word[length - 3])
            if !consonantLE, !ends(word, length, "ee") { length -= 1 }
        }
        var count = 0
        var previousVowel = false
        for index in 0..<length {
            let vowel = isVowel(word[index])
            if vowel, !previousVowel { count += 1 }
            previousVowel = vowel
        }
        // Non-overlapping occurrences, scanning left to right (as a regular expression would).
        var index = 0
        while index + 2 <= length {
            if isSplitPair(word[index], word[index + 1]) {
                count += 1
                index += 2
            } else {
                index += 1
            }
        }
        index = 0
        while index + 3 <= length {
            if isJoinedTriple(word[index], word[index + 1], word[index + 2]) {
                count -= 1
                index += 3
            } else {
                index += 1
            }
        }
        if ends(word, length, "eon") { count -= 1 }
        // "being", "ongoing": a vowel before -ing is its own syllable.
        if length >= 4 {
            for index in 1...(length - 3) where isVowel(word[index - 1]) && word[index] == UInt8(ascii: "i")
                && word[index + 1] == UInt8(ascii: "n") && word[index + 2] == UInt8(ascii: "g") {
                count += 1
            }
        }
        // Silent e before a suffix: "likely", "management" (the endings exclude one another).
        let suffixLength = ends(word, length, "ely") ? 2 : ends(word, length, "ement") ? 4 : ends(word, length, "ements") ? 5 : ends(word, length, "eness") ? 4 : ends(word, length, "eful") ? 3
            : ends(word, length, "eless") ? 4 : nil
        if let suffixLength, length > suffixLength + 2, !isVowel(word[length - suffixLength - 2]) { count -= 1 }
        if length >= 3 {
            for index in 1..<(length - 1) where word[index] == UInt8(ascii: "y") && isVowel(word[index - 1], y: false)
                && isVowel(word[index + 1], y: false) {
                count += 1
                break
            }
        }
        if ends(word, word.count, "ism") { count += 1 }
        return max(1, count)
    }

    static func isVowel(_ byte: UInt8, y: Bool = true) -> Bool {
        switch byte {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"): return true
        case UInt8(ascii: "y"): return y
        default: return false
        }
    }

    /// Whether the first `length` bytes of `word` end with `suffix`.
    @inline(__always)
    static func ends(_ word: UnsafeBufferPointer<UInt8>, _ length: Int, _ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard length >= count else { return false }
        let start = length - count
        for index in 0..<count where word[start + index] != suffix.utf8Start[index] { return false }
        return true
    }

    /// ia io iu eo ua uo ii: vowel pairs read as two syllables.
    static func isSplitPair(_ a: UInt8, _ b: UInt8) -> Bool {
        switch (a, b) {
        case (UInt8(ascii: "i"), UInt8(ascii: "a")), (UInt8(ascii: "i"), UInt8(ascii: "o")), (UInt8(ascii: "i"), UInt8(ascii: "u")),
             (UInt8(ascii: "e"), UInt8(ascii: "o")), (UInt8(ascii: "u"), UInt8(ascii: "a")), (UInt8(ascii: "u"), UInt8(ascii: "o")),
             (UInt8(ascii: "i"), UInt8(ascii: "i")):
            return true
        default:
            return false
        }
    }

    /// tio sio cio cia tia gio gia sia xio qua gua quo geo ceo peo: read as one syllable.
    static func isJoinedTriple(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        switch (b, c) {
        case (UInt8(ascii: "i"), UInt8(ascii: "o")):
            return a == UInt8(ascii: "t") || a == UInt8(ascii: "s") || a == UInt8(ascii: "c") || a == UInt8(ascii: "g") || a == UInt8(ascii: "x")
        case (UInt8(ascii: "i"), UInt8(ascii: "a")):
            return a == UInt8(ascii: "c") || a == UInt8(ascii: "t") || a == UInt8(ascii: "g") || a == UInt8(ascii: "s")
        case (UInt8(ascii: "u"), UInt8(ascii: "a")):
            return a == UInt8(ascii: "q") || a == UInt8(ascii: "g")
        case (UInt8(ascii: "u"), UInt8(ascii: "o")):
            return a == UInt8(ascii: "q")
        case (UInt8(ascii: "e"), UInt8(ascii: "o")):
            return a == UInt8(ascii: "g") || a == UInt8(ascii: "c") || a == UInt8(ascii: "p")
        default:
            return false
        }
    }
}

/// Readability grade for the page, and sentences too long to read comfortably.
enum ReadabilityRules: ArticleRule {
    static func check(_ article: Article, context: ValidationContext, sink: inout DiagnosticSink) {
        report(ReadabilityMeasure.measure(article.document), for: article, context: context, sink: &sink)
    }

    static func report(_ measure: ReadabilityMeasure, for article: Article, context: ValidationContext,
                       sink: inout DiagnosticSink) {
        for sentence in measure.sentenceDetails where sentence.words > ReadabilityMeasure.longSentenceWords {
            sink.report(.longSentence, at: sentence.position, "this sentence has \(sentence.words) words",
                        fix: "split it, or turn a run of items into a list")
        }
        let maximum = context.settings.maxReadabilityGrade
        guard measure.words >= ReadabilityMeasure.minimumWords, let grade = measure.grade, grade > maximum else { return }
        let hardest = measure.sentenceDetails.sorted { ($0.words, -$0.position.line) > ($1.words, -$1.position.line) }
            .prefix(3).map { "line \($0.position.line) (\($0.words) words)" }
        let position = measure.sentenceDetails.first?.position ?? article.document.document.position
        sink.report(.readability, at: position,
                    "Flesch-Kincaid grade \(formatGrade(grade)) is above the site's maximum of \(formatGrade(maximum)) (\(measure.words) words, \(formatGrade(Double(measure.words) / Double(measure.sentences))) words per sentence, \(String(format2: Double(measure.syllables) / Double(measure.words))) syllables per word)",
                    fix: "shorten the longest sentences — \(hardest.joined(separator: ", ")) — and use everyday words; or waive the rule with a reason")
    }

    /// One decimal, without Foundation: 7.96 → "8.0".
    static func formatGrade(_ value: Double) -> String { String(format1: value) }
}

extension ArticleValidator {
    /// `validate`, also returning the readability measure, computed once for both the rule and the
    /// article summary (word count and grade in reports).
    public static func validateMeasuring(_ article: Article, context: ValidationContext) -> ([Diagnostic], ReadabilityMeasure) {
        var sink = DiagnosticSink(file: article.source.relativePath)
        // The prose blocks are read once, for the language and placeholder rules and the measure.
        let blocks = ProseText.blocks(of: article.document)
        for family in families where ObjectIdentifier(family) != ObjectIdentifier(ReadabilityRules.self) {
            if ObjectIdentifier(family) == ObjectIdentifier(LanguageRules.self) {
                LanguageRules.check(article, blocks: blocks, context: context, sink: &sink)
            } else if ObjectIdentifier(family) == ObjectIdentifier(EmergencyAdviceRule.self) {
                EmergencyAdviceRule.check(article, blocks: blocks, sink: &sink)
            } else if ObjectIdentifier(family) == ObjectIdentifier(PlaceholderRules.self) {
                PlaceholderRules.check(article, blocks: blocks, context: context, sink: &sink)
            } else {
                family.check(article, context: context, sink: &sink)
            }
        }
        let measure = ReadabilityMeasure.measure(blocks)
        ReadabilityRules.report(measure, for: article, context: context, sink: &sink)
        return (sink.diagnostics, measure)
    }
}
