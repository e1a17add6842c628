import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// How `check` and `build` print what they found.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// `path:line:col: severity: [rule] message — fix` (with the source line and a caret under it for
    /// YAML mistakes), then a summary line.
    case text
    /// One JSON document: every diagnostic, every article (path, slug, grade, words), the counts.
    case json
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::…`), then the summary.
    case github
}
