import MedsiteBase
import MedsiteParse

/// `emergency-advice-missing`: a page that describes emergency symptoms shows an emergency care card.
enum EmergencyAdviceRule: ArticleRule {
    static func check(_ article: Article, context: ValidationContext, sink: inout DiagnosticSink) {
        check(article, blocks: ProseText.blocks(of: article.document, phrases: ProsePhrases.matcher(for: context.settings)), sink: &sink)
    }

    /// `check` with the article's prose blocks, which validation reads once for several rules.
    static func check(_ article: Article, blocks: [ProseBlock], sink: inout DiagnosticSink) {
        // An emergency card from an included snippet (`> [!SNIPPET] call-999`) counts.
        guard !article.document.careCards.contains(where: { $0.kind == .emergency }),
              !article.includedSnippets.contains(where: { $0.careCards.contains(.emergency) }),
              let (phrase, position) = firstSymptom(in: blocks) else { return }
        sink.report(.emergencyAdviceMissing, at: position,
                    "the page describes an emergency ('\(phrase)') but has no emergency care card telling patients what to do now",
                    fix: "add the card under the symptoms: a line `> [!EMERGENCY]`, then one line `> - …` for each sign (e.g. `> - you have \(phrase)`); "
                        + "if the page rightly has none, waive the rule with the reason (`waive: {emergency-advice-missing: \"…\"}`)")
    }

    /// The first symptom the page asserts, in reading order.
    static func firstSymptom(in blocks: [ProseBlock]) -> (String, SourcePosition)? {
        for block in blocks {
            let found = block.phrases[ProsePhrases.emergencySymptoms].filter { !isDenied($0.offset, in: block.text) }
            if let first = found.min(by: { $0.offset < $1.offset }) {
                return (first.phrase, block.position(atUTF8Offset: first.offset))
            }
        }
        return nil
    }

    /// Words that deny the symptom right after them: "no chest pain", "not a sign of a stroke".
    static let negations: Set<String> = ["no", "not", "never", "without", "isn't", "aren't", "doesn't", "don't", "isnt", "arent", "doesnt", "dont"]

    /// Words that start a new clause a denial before them does not reach into: "no fever but chest pain".
    static let turns: Set<String> = ["but", "although", "though", "yet", "however", "while", "whereas"]

    /// Whether one of `negations` is among the three words before the phrase, in the same clause.
    /// "Chest pain is not always a heart attack" still describes chest pain; "you do not have chest
    /// pain" does not.
    static func isDenied(_ offset: Int, in text: String) -> Bool {
        let before = String(decoding: text.utf8.prefix(offset), as: UTF8.self).lowercased().replacing("’", with: "'")
        var words: [Substring] = []
        for piece in before.split(whereSeparator: { $0 == " " }).reversed() {
            if piece.last.map({ ",;:.!?".contains($0) }) == true || turns.contains(String(piece)) { break }
            words.append(piece)
            if words.count == 3 { break }
        }
        return words.contains { negations.contains(String($0)) }
    }
}
