import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// Everything a build or check found out.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic] = []
    public var articles: [ArticleSummary] = []
    public var pages: [RenderedPage] = []
    public var published = false
    public var draftsSkipped = 0
    /// Overdue pages left out of Output/ under `review.overdue: unpublish` (each also reported).
    public var withheld: [String] = []
    /// 0 built (or checked) cleanly, 1 content errors, 2 settings, theme or output-folder errors.
    public var exitStatus: Int32 {
        let errors = diagnostics.filter { $0.severity == .error }
        if errors.contains(where: { $0.rule.rule?.isConfiguration ?? false }) { return 2 }
        return errors.isEmpty ? 0 : 1
    }
    public func count(_ severity: Severity) -> Int { diagnostics.filter { $0.severity == severity }.count }
}
