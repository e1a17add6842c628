import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// Formats a build or check report; shared by the CLI and the preview server.
public enum DiagnosticFormatter {
    /// The whole output for `report`. `headline` starts the summary ("Built 8 pages in 0.2 s").
    /// `siteDirectory` prefixes paths in GitHub annotations, which are relative to the repository.
    public static func format(_ report: BuildReport, as format: ReportFormat, headline: String,
                              siteDirectory: String = ".") -> String {
        switch format {
        case .text:
            return (report.diagnostics.map(\.formattedWithSource) + [summary(report, headline: headline)]).joined(separator: "\n") + "\n"
        case .github:
            return (report.diagnostics.map { githubAnnotation($0, siteDirectory: siteDirectory) }
                    + [summary(report, headline: headline)]).joined(separator: "\n") + "\n"
        case .json:
            return json(report, headline: headline).serialized() + "\n"
        }
    }

    public static func summary(_ report: BuildReport, headline: String) -> String {
        var parts = [headline, plural(report.count(.error), "error"), plural(report.count(.warning), "warning")]
        if report.count(.note) > 0 { parts.append(plural(report.count(.note), "note")) }
        if report.draftsSkipped > 0 { parts.append("\(plural(report.draftsSkipped, "draft")) not published") }
        if !report.withheld.isEmpty { parts.append("\(plural(report.withheld.count, "overdue page")) not published") }
        return parts.joined(separator: " · ")
    }

    static func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }

    public static func json(_ report: BuildReport, headline: String) -> JSONValue {
        .object([
            ("summary", .string(summary(report, headline: headline))),
            ("exit_status", .integer(Int(report.exitStatus))),
            ("published", .bool(report.published)),
            ("counts", .object([("error", .integer(report.count(.error))), ("warning", .integer(report.count(.warning))),
                                ("note", .integer(report.count(.note)))])),
            ("diagnostics", .array(report.diagnostics.map(json))),
            ("articles", .array(report.articles.map(json))),
            ("withheld", .array(report.withheld.map { .string($0) })),
        ])
    }

    static func json(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            ("file", .string(diagnostic.file)), ("line", .integer(diagnostic.position.line)),
            ("column", .integer(diagnostic.position.column)), ("severity", .string(diagnostic.severity.rawValue)),
            ("rule", .string(diagnostic.rule.id)), ("message", .string(diagnostic.message)), ("fix", .optional(diagnostic.fix)),
            // The line `column` points into, when the problem is best seen in it (YAML mistakes).
            ("source_line", .optional(diagnostic.sourceLine)),
        ])
    }

    static func json(_ article: ArticleSummary) -> JSONValue {
        .object([
            ("path", .string(article.path)), ("slug", .string(article.slug)), ("title", .string(article.title)),
            ("draft", .bool(article.draft)), ("word_count", .integer(article.wordCount)),
            ("readability_grade", article.readabilityGrade.map { .number($0) } ?? .null),
            ("last_reviewed", .optional(article.lastReviewed?.iso)), ("next_review", .optional(article.nextReview?.iso)),
        ])
    }

    /// `::warning file=Content/a.md,line=4,col=1,title=review-overdue::message — fix`
    public static func githubAnnotation(_ diagnostic: Diagnostic, siteDirectory: String = ".") -> String {
        let command = switch diagnostic.severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
        var path = diagnostic.file
        if siteDirectory != ".", !siteDirectory.isEmpty {
            path = FileSystem.join(siteDirectory, path)
        }
        if path.hasPrefix("./") { path.removeFirst(2) }
        var message = diagnostic.message
        if let fix = diagnostic.fix { message += " — " + fix }
        return "::\(command) file=\(escapeProperty(path)),line=\(diagnostic.position.line),col=\(diagnostic.position.column),"
            + "title=\(escapeProperty("medsite [\(diagnostic.rule.id)]"))::\(escapeData(message))"
    }

    /// GitHub's escaping for workflow command data and properties. `%`, CR and LF are GitHub's own
    /// escapes; every other control character (a terminal escape in the run log) is shown as
    /// `<U+001B>`, as in text output, since GitHub has no escape for it.
    static func escapeData(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            default:
                if VisibleText.mustEscape(scalar) { result += VisibleText.notation(scalar) } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    static func escapeProperty(_ text: String) -> String {
        var result = ""
        for character in escapeData(text) {
            switch character {
            case ":": result += "%3A"
            case ",": result += "%2C"
            default: result.append(character)
            }
        }
        return result
    }
}
