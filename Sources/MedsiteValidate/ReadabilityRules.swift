import MedsiteBase
import MedsiteParse

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
        // Flesch-Kincaid counts English syllables: on other languages its grade means nothing (a
        // Spanish sentence has more syllables per word), so other languages get no grade at all.
        guard context.settings.isEnglish else { return }
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
    /// article summary (word count and grade in reports), and the page's long paragraphs, which
    /// `SharedParagraphs` compares across pages.
    public static func validateMeasuring(_ article: Article, context: ValidationContext) -> ([Diagnostic], ReadabilityMeasure) {
        let (diagnostics, measure, _) = validateMeasuringParagraphs(article, context: context)
        return (diagnostics, measure)
    }

    public static func validateMeasuringParagraphs(_ article: Article,
                                                   context: ValidationContext) -> ([Diagnostic], ReadabilityMeasure, [ParagraphKey]) {
        var paragraphs: [ParagraphKey] = []
        var sink = DiagnosticSink(file: article.source.relativePath)
        // The prose blocks are read (and searched for phrases) once, for the language, placeholder and
        // emergency rules and the measure.
        let phrases = ProsePhrases.matcher(for: context.settings)
        let blocks = ProseText.blocks(of: article.document, phrases: phrases)
        for family in families where ObjectIdentifier(family) != ObjectIdentifier(ReadabilityRules.self) {
            if ObjectIdentifier(family) == ObjectIdentifier(LanguageRules.self) {
                LanguageRules.check(article, blocks: blocks, phrases: phrases, context: context, sink: &sink)
            } else if ObjectIdentifier(family) == ObjectIdentifier(EmergencyAdviceRule.self) {
                EmergencyAdviceRule.check(article, blocks: blocks, sink: &sink)
            } else if ObjectIdentifier(family) == ObjectIdentifier(PlaceholderRules.self) {
                PlaceholderRules.check(article, blocks: blocks, context: context, sink: &sink)
            } else if ObjectIdentifier(family) == ObjectIdentifier(StructureRules.self) {
                StructureRules.check(article, context: context, sink: &sink, paragraphs: &paragraphs)
            } else {
                family.check(article, context: context, sink: &sink)
            }
        }
        let measure = ReadabilityMeasure.measure(blocks)
        ReadabilityRules.report(measure, for: article, context: context, sink: &sink)
        return (sink.diagnostics, measure, paragraphs)
    }
}
