extension RuleID {
    static let readability: RuleID = "readability"
    static let longSentence: RuleID = "long-sentence"
}

extension RuleCatalogue {
    static let readabilityRules: [Rule] = [
        Rule(.readability, .warning, "The text is harder to read than the site's maximum grade.",
             "Health information should be readable by most adults: the NHS and the US NIH aim for a reading age of 9 to 11 (US grade 6 to 8). medsite computes the Flesch-Kincaid grade, 0.39 × words per sentence + 11.8 × syllables per word − 15.59, on the text readers see (headings and list items count as sentences; code is left out) and warns above `readability.max_grade` in medsite.yml (default 8). Pages under 50 words are not graded. Fix: use shorter sentences (the message names the longest) and everyday words, explaining each medical term once; where clinical terms are unavoidable, waive the rule for the page with a reason: `waive: {readability: \"…\"}`."),
        Rule(.longSentence, .note, "A sentence has more than 25 words.",
             "Long sentences are the main reason a health page is hard to read, especially for readers who are unwell, anxious or reading in a second language. Fix: split the sentence in two, or turn a run of items into a list."),
    ]
}

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
        var words = 0, syllables = 0
        var sentences: [MeasuredSentence] = []
        var syllableCache: [ArraySlice<UInt8>: Int] = [:]
        for block in ProseText.blocks(of: document) {
            for sentence in split(block, syllableCache: &syllableCache) {
                words += sentence.words
                syllables += sentence.syllables
                sentences.append(sentence)
            }
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

    /// Splits a block into sentences at `.`, `!` or `?` ending a word (not `6.5` or `e.g.`); the end
    /// of a block (a heading, a list item) always ends a sentence.
    static func split(_ block: ProseBlock, syllableCache: inout [ArraySlice<UInt8>: Int]) -> [MeasuredSentence] {
        var result: [MeasuredSentence] = []
        var words = 0, syllables = 0
        var start: Int?
        let bytes = Array(block.text.utf8)
        var index = 0
        while index < bytes.count {
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count else { break }
            let tokenStart = index
            while index < bytes.count, !isSpace(bytes[index]) { index += 1 }
            let token = bytes[tokenStart..<index]
            guard token.contains(where: isWordByte) else { continue }
            if start == nil { start = tokenStart }
            words += 1
            // Prose repeats its words; counting each distinct spelling once keeps long articles linear and cheap.
            if let known = syllableCache[token] {
                syllables += known
            } else {
                let counted = Syllables.count(token)
                syllableCache[token] = counted
                syllables += counted
            }
            if endsSentence(token) {
                result.append(MeasuredSentence(words: words, syllables: syllables, position: block.position(atUTF8Offset: start!)))
                words = 0; syllables = 0; start = nil
            }
        }
        if words > 0, let start {
            result.append(MeasuredSentence(words: words, syllables: syllables, position: block.position(atUTF8Offset: start)))
        }
        return result
    }

    static func endsSentence(_ token: ArraySlice<UInt8>) -> Bool {
        var end = token.endIndex
        // Skip closing quotes, brackets and emphasis marks: `(see below).` or `"Stop."`
        while end > token.startIndex {
            let byte = token[end - 1]
            if byte == UInt8(ascii: ")") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "]") {
                end -= 1
            } else if byte == 0x9D || byte == 0x99, end - 3 >= token.startIndex, token[end - 3] == 0xE2 { // ” ’
                end -= 3
            } else {
                break
            }
        }
        guard end > token.startIndex else { return false }
        let last = token[end - 1]
        guard last == UInt8(ascii: ".") || last == UInt8(ascii: "!") || last == UInt8(ascii: "?") else { return false }
        if last == UInt8(ascii: ".") {
            let word = String(decoding: token[token.startIndex..<end], as: UTF8.self).lowercased()
            if abbreviations.contains(word) { return false }
        }
        return true
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }

    /// A token is a word when it holds a letter or a digit (so "–" and "&" are not words).
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte >= 0xC0
    }
}

/// English syllable estimate from spelling: vowel groups, corrected for silent endings and for
/// vowel pairs read as two syllables. Tuned against the CMU Pronouncing Dictionary (about 97% of
/// the words of the sample articles exactly right; averages are what readability needs).
enum Syllables {
    static func count(_ token: ArraySlice<UInt8>) -> Int {
        var letters: [UInt8] = []
        var allUpper = true
        for byte in token {
            if (byte >= 65 && byte <= 90) { letters.append(byte + 32) } else if (byte >= 97 && byte <= 122) {
                letters.append(byte)
                allUpper = false
            }
        }
        // Abbreviations (PML, JC, MS) count as one syllable, as in textstat for words outside its dictionary.
        guard !letters.isEmpty, !(allUpper && letters.count <= 4) else { return 1 }
        return count(word: letters)
    }

    static func count(word: [UInt8]) -> Int {
        guard word.count > 3 else { return 1 }
        var core = word
        if ends(core, "es") {
            let before = core[core.count - 3]
            let keep = "sxzcg".utf8.contains(before) || ends(core, "ches") || ends(core, "shes")
                || (before == UInt8(ascii: "l") && core.count >= 4 && !isVowel(core[core.count - 4]))
            if !keep { core.removeLast(2) }
        } else if ends(core, "ed") {
            let before = core[core.count - 3]
            if before != UInt8(ascii: "t"), before != UInt8(ascii: "d") { core.removeLast(2) }
        } else if ends(core, "e") {
            let consonantLE = ends(core, "le") && core.count >= 3 && !isVowel(core[core.count - 3])
            if !consonantLE, !ends(core, "ee") { core.removeLast() }
        }
        var count = 0
        var previousVowel = false
        for byte in core {
            let vowel = isVowel(byte)
            if vowel, !previousVowel { count += 1 }
            previousVowel = vowel
        }
        count += occurrences(core, of: splitPairs)
        count -= occurrences(core, of: joinedTriples)
        if ends(core, "eon") { count -= 1 }
        // "being", "ongoing": a vowel before -ing is its own syllable.
        for index in core.indices.dropFirst() where index + 3 <= core.count && isVowel(core[index - 1])
            && core[index] == UInt8(ascii: "i") && core[index + 1] == UInt8(ascii: "n") && core[index + 2] == UInt8(ascii: "g") {
            count += 1
        }
        // Silent e before a suffix: "likely", "management".
        let silentBefore: [(StaticString, Int)] = [("ely", 2), ("ement", 4), ("ements", 5), ("eness", 4), ("eful", 3), ("eless", 4)]
        for (suffix, length) in silentBefore where ends(core, suffix) {
            if core.count > length + 2, !isVowel(core[core.count - length - 2]) { count -= 1 }
            break
        }
        if core.count >= 3 {
            for index in 1..<(core.count - 1) where core[index] == UInt8(ascii: "y") && isVowel(core[index - 1], y: false)
                && isVowel(core[index + 1], y: false) {
                count += 1
                break
            }
        }
        if ends(word, "ism") { count += 1 }
        return max(1, count)
    }

    static func isVowel(_ byte: UInt8, y: Bool = true) -> Bool {
        switch byte {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"): return true
        case UInt8(ascii: "y"): return y
        default: return false
        }
    }

    static func ends(_ word: [UInt8], _ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard word.count >= count else { return false }
        let start = word.count - count
        for index in 0..<count where word[start + index] != suffix.utf8Start[index] { return false }
        return true
    }

    static let splitPairs: [[UInt8]] = ["ia", "io", "iu", "eo", "ua", "uo", "ii"].map { Array($0.utf8) }
    static let joinedTriples: [[UInt8]] = ["tio", "sio", "cio", "cia", "tia", "gio", "gia", "sia", "xio", "qua", "gua",
                                           "quo", "geo", "ceo", "peo"].map { Array($0.utf8) }

    /// Non-overlapping occurrences, scanning left to right (as a regular expression would). No allocation:
    /// this runs for every word of every page.
    static func occurrences(_ word: [UInt8], of patterns: [[UInt8]]) -> Int {
        var count = 0
        var index = 0
        while index < word.count {
            var matched = 0
            for pattern in patterns where index + pattern.count <= word.count {
                var equal = true
                for offset in 0..<pattern.count where word[index + offset] != pattern[offset] {
                    equal = false
                    break
                }
                if equal {
                    matched = pattern.count
                    break
                }
            }
            if matched > 0 {
                count += 1
                index += matched
            } else {
                index += 1
            }
        }
        return count
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

extension String {
    /// A number rounded to one decimal place, as "8.3" (deterministic, no locale).
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        self = "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    /// Two decimal places, as "1.52".
    init(format2 value: Double) {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let fraction = abs(hundredths) % 100
        self = "\(sign)\(abs(hundredths) / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

extension ArticleValidator {
    /// `validate`, also returning the readability measure, computed once for both the rule and the
    /// article summary (word count and grade in reports).
    public static func validateMeasuring(_ article: Article, context: ValidationContext) -> ([Diagnostic], ReadabilityMeasure) {
        var sink = DiagnosticSink(file: article.source.relativePath)
        for family in families where ObjectIdentifier(family) != ObjectIdentifier(ReadabilityRules.self) {
            family.check(article, context: context, sink: &sink)
        }
        let measure = ReadabilityMeasure.measure(article.document)
        ReadabilityRules.report(measure, for: article, context: context, sink: &sink)
        return (sink.diagnostics, measure)
    }
}
