import Foundation
import MedsiteCore

/// Prints diagnostics as `path:line:col: severity: [rule] message` lines, then a summary line.
struct DiagnosticPrinter {
    func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { Swift.print(diagnostic.formatted) }
    }

    func summary(_ headline: String, report: BuildReport) {
        var parts = [headline, plural(report.count(.error), "error"), plural(report.count(.warning), "warning")]
        if report.count(.note) > 0 { parts.append(plural(report.count(.note), "note")) }
        if report.draftsSkipped > 0 { parts.append("\(plural(report.draftsSkipped, "draft")) not published") }
        Swift.print(parts.joined(separator: " · "))
    }

    func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
}

enum MonotonicClock {
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
    static func seconds(since start: UInt64) -> Double { Double(now() - start) / 1e9 }
}
