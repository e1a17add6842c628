import Foundation
import ArgumentParser
import MedsiteCore

/// `--format text|json|github`, shared by `check` and `build`.
struct ReportFormatOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Output format: text, json (one document) or github (workflow annotations).",
                                            valueName: "format"))
    var format: ReportFormat = .text

    /// `extraJSON`: members added to the JSON document after the standard ones (`check --external`'s results).
    func print(_ report: BuildReport, headline: String, siteDirectory: String, extraJSON: [(String, JSONValue)] = []) {
        if format == .text {
            // Plain text goes through the printer that adds colour on a terminal (never with NO_COLOR).
            let printer = DiagnosticPrinter()
            printer.print(report.diagnostics)
            printer.summary(headline, report: report)
            return
        }
        if format == .json, !extraJSON.isEmpty, case .object(let members) = DiagnosticFormatter.json(report, headline: headline) {
            Swift.print(JSONValue.object(members + extraJSON).serialized())
            return
        }
        Swift.print(DiagnosticFormatter.format(report, as: format, headline: headline, siteDirectory: siteDirectory),
                    terminator: "")
    }
}
