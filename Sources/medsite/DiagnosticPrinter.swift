import Foundation
import MedsiteCore

/// Prints diagnostics as `path:line:col: severity: [rule] message` lines, then a summary line.
/// Colour only on a terminal without NO_COLOR (see `TerminalStyle`).
struct DiagnosticPrinter {
    var style = TerminalStyle.forStandardOutput()

    func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { Swift.print(style.colourize(diagnostic.formattedWithSource)) }
    }

    /// `Built 212 pages in 0.31 s · 0 errors · 3 warnings`
    func summary(_ headline: String, report: BuildReport) {
        var parts = [headline, plural(report.count(.error), "error"), plural(report.count(.warning), "warning")]
        if report.count(.note) > 0 { parts.append(plural(report.count(.note), "note")) }
        if report.draftsSkipped > 0 { parts.append("\(plural(report.draftsSkipped, "draft")) not published") }
        if !report.withheld.isEmpty { parts.append("\(plural(report.withheld.count, "overdue page")) not published") }
        Swift.print(style.colourize(parts.joined(separator: " · ")))
    }

    func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
}
