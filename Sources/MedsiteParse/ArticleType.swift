import MedsiteBase

/// The kind of page: a general article, or a short answer to one patient question.
public enum ArticleType: String, Sendable, CaseIterable {
    case article
    case shortAnswer = "short-answer"
}
