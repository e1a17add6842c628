import MedsiteBase

/// Whether a claim phrase found in a text is asserted, or denied, hedged, asked or debunked.
///
/// "Most people have no side effects" is patient information; "Our tea has no side effects" is a
/// promise. The phrase lists find the words; this reads the sentence around them, the way an editor
/// would: a denial ("there is no miracle cure") or a debunking ("websites that claim…", "it is a
/// myth that…", "… This is not true.") clears every claim; a hedge or scope ("most", "may",
/// "usually", "for most people", "if"), or a question, clears the claims that are true of some
/// people (`scoped`) but not the ones that are never honest ("miracle cure", "100% safe").
enum ClaimContext {
    /// Claims that are true of some people, some of the time, so a hedge or a scope makes them honest.
    static let scoped: Set<String> = [
        "no side effects", "without any side effects", "without side effects", "completely safe", "totally safe",
        "perfectly safe", "safe for everyone", "works for everyone", "works for everybody", "risk-free",
    ]

    /// Words that deny what follows them in the same clause.
    static let negations: Set<String> = [
        "no", "not", "never", "nothing", "none", "nobody", "neither", "nor", "without", "cannot", "can't", "won't",
        "isn't", "aren't", "doesn't", "don't", "didn't", "wasn't", "weren't", "hasn't", "haven't", "shouldn't",
        "wouldn't", "couldn't", "mustn't", "isnt", "arent", "doesnt", "dont", "cant", "wont",
    ]

    /// Words that limit a claim to some people or some of the time, or make it a condition.
    static let hedges: Set<String> = [
        "most", "many", "some", "few", "several", "may", "might", "can", "could", "usually", "often", "rarely",
        "sometimes", "generally", "typically", "normally", "mostly", "occasionally", "likely", "unlikely",
        "probably", "possibly", "majority", "if", "unless", "whether", "who", "plenty", "lot", "lots", "normal",
        "common", "commonly", "frequently",
    ]

    /// Scopes written after the claim: "no side effects for most people".
    static let scopesAfter: [String] = [
        "for most", "in most", "for many", "in many", "for some", "in some", "most of the time", "usually", "generally",
    ]

    /// A sentence holding one of these reports or debunks a claim rather than making it.
    static let debunkingCues: [String] = [
        "claim", "claims", "claimed", "claiming", "myth", "myths", "not true", "untrue", "beware", "wary",
        "be careful of", "suspicious of", "no such thing", "don't believe", "do not believe", "don't trust",
        "do not trust", "scam", "misleading", "no evidence", "sold as", "marketed as", "advertised as", "promoted as",
        "so-called", "waste of money",
    ]

    /// The sentence after a claim that denies it: "Some websites say it is a miracle cure. This is not true."
    static let denialsAfter: [String] = [
        "this is not true", "that is not true", "this isn't true", "that isn't true", "that's not true",
        "this is false", "that is false", "this is a myth", "that is a myth", "it is not true", "it isn't true",
        "not true", "this is wrong", "that is wrong",
    ]

    /// A claim followed by these is the subject of a denial: "no side effects doesn't mean…".
    static let negatedVerbs: Set<String> = ["doesn't", "isn't", "aren't", "don't", "won't", "can't", "cannot", "wasn't",
                                            "doesnt", "isnt", "arent", "dont", "wont", "cant"]
    static let auxiliaries: Set<String> = ["does", "is", "are", "do", "will", "was", "can", "did"]

    /// Words that end a clause for the purpose of negation ("it isn't dear, and it has no side effects").
    static let clauseWords: Set<String> = ["and", "but", "or", "so", "while", "whereas", "although", "though", "yet", "however"]
    /// Words that turn a sentence around, so hedges before them do not reach past them
    /// ("some pills upset your stomach, but this one has no side effects").
    static let contrastWords: Set<String> = ["but", "while", "whereas", "although", "though", "yet", "however", "unlike"]

    /// Whether `phrase` (normalised), found at UTF-8 `offset` of `text`, is a claim the text makes.
    static func isAsserted(_ phrase: String, in text: String, at offset: Int) -> Bool {
        let bytes = Array(text.utf8)
        let offset = min(max(0, offset), bytes.count)
        let start = sentenceStart(bytes, before: offset)
        let end = sentenceEnd(bytes, from: min(bytes.count, offset + phrase.utf8.count))
        let before = tokens(String(decoding: bytes[start..<offset], as: UTF8.self))
        let sentence = " " + words(String(decoding: bytes[start..<end], as: UTF8.self)).joined(separator: " ") + " "
        let after = words(String(decoding: bytes[min(bytes.count, offset + phrase.utf8.count)..<end], as: UTF8.self))
            .joined(separator: " ")

        // Denied in its own clause: "there is no miracle cure", "nobody can promise a guaranteed cure".
        let clause = Array(before.reversed().prefix { !$0.isBoundary }.prefix(6).reversed())
        for (index, token) in clause.enumerated() where negations.contains(token.word) {
            // "No more pain with this miracle cure" promises; it does not deny.
            if token.word == "no", index + 1 < clause.count, ["more", "longer", "need"].contains(clause[index + 1].word) { continue }
            return false
        }
        // Or the claim is what a denial is about: "having no side effects does not mean…".
        let next2 = tokens(String(decoding: bytes[min(bytes.count, offset + phrase.utf8.count)..<end], as: UTF8.self))
            .prefix(2).map(\.word)
        if let verb = next2.first, negatedVerbs.contains(verb)
            || (auxiliaries.contains(verb) && next2.count > 1 && (next2[1] == "not" || next2[1] == "never")) {
            return false
        }
        if debunkingCues.contains(where: { sentence.contains(" " + $0 + " ") }) { return false }
        let next = words(String(decoding: bytes[end...], as: UTF8.self)).prefix(4).joined(separator: " ")
        if denialsAfter.contains(where: { next == $0 || next.hasPrefix($0 + " ") }) { return false }

        guard scoped.contains(phrase) else { return true }
        if end > 0, bytes[end - 1] == UInt8(ascii: "?") { return false }
        let reach = before.reversed().prefix { !$0.isContrast }
        if reach.contains(where: { hedges.contains($0.word) }) { return false }
        if scopesAfter.contains(where: { (" " + after + " ").contains(" " + $0 + " ") }) { return false }
        return true
    }

    struct Token {
        let word: String
        /// Punctuation or a joining word that ends a clause.
        let isBoundary: Bool
        let isContrast: Bool
    }

    /// The words of `text` in lowercase, with clause punctuation (, ; : —) as boundary tokens.
    static func tokens(_ text: String) -> [Token] {
        var result: [Token] = []
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            // ", and" starts a new statement: "many customers use it, and it is completely safe".
            let startsStatement = word == "and" && result.last?.word == ","
            result.append(Token(word: word, isBoundary: clauseWords.contains(word),
                                isContrast: contrastWords.contains(word) || startsStatement))
            word = ""
        }
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "'" || character == "’" || character == "-" {
                word.append(character == "’" ? "'" : character)
            } else {
                flush()
                if character == "," || character == ":" || character == "—" || character == "–" {
                    result.append(Token(word: String(character), isBoundary: true, isContrast: false))
                } else if character == ";" {
                    result.append(Token(word: ";", isBoundary: true, isContrast: true))
                }
            }
        }
        flush()
        return result
    }

    static func words(_ text: String) -> [String] {
        tokens(text).filter { $0.word.first?.isLetter == true || $0.word.first?.isNumber == true }.map(\.word)
    }

    static func isSentenceEnd(_ bytes: [UInt8], at index: Int) -> Bool {
        let byte = bytes[index]
        guard byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") else { return false }
        return index + 1 == bytes.count || bytes[index + 1] == 32 || bytes[index + 1] == 10
    }

    static func sentenceStart(_ bytes: [UInt8], before offset: Int) -> Int {
        var index = offset - 1
        while index >= 0 {
            if isSentenceEnd(bytes, at: index) { return index + 1 }
            index -= 1
        }
        return 0
    }

    /// Just past the sentence's closing punctuation (or the end of the text).
    static func sentenceEnd(_ bytes: [UInt8], from offset: Int) -> Int {
        var index = offset
        while index < bytes.count {
            if isSentenceEnd(bytes, at: index) { return index + 1 }
            index += 1
        }
        return bytes.count
    }
}
