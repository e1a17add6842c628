import MedsiteBase
import MedsiteParse

/// One family of content rules. Rules only report; the severity policy decides what stops a build.
public protocol ArticleRule {
    static func check(_ article: Article, context: ValidationContext, sink: inout DiagnosticSink)
}
