import MedsiteBase
import MedsiteParse

/// Runs every content rule over one article.
public enum ArticleValidator {
    /// The rule families, in the order their findings are most useful to read.
    static let families: [any ArticleRule.Type] = [ReviewRules.self, ReviewScheduleRules.self, TranslationRules.self, ChangeLogRules.self,
                                                   SupersededSourceRule.self, LinkRules.self,
                                                   LanguageRules.self, PlaceholderRules.self, StructureRules.self,
                                                   EmergencyAdviceRule.self, ReadabilityRules.self, TableRules.self]

    public static func validate(_ article: Article, context: ValidationContext) -> [Diagnostic] {
        var sink = DiagnosticSink(file: article.source.relativePath)
        for family in families { family.check(article, context: context, sink: &sink) }
        return sink.diagnostics
    }
}
