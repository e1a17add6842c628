import Foundation
import ArgumentParser
import MedsiteCore

/// `--format text|json|github`, shared by `check` and `build`.
struct ReportFormatOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Output format: text, json (one document) or github (workflow annotations).",
                                            valueName: "format"))
    var format: ReportFormat = .text

    func print(_ report: BuildReport, headline: String, siteDirectory: String) {
        if format == .text {
            // Plain text goes through the printer that adds colour on a terminal (never with NO_COLOR).
            let printer = DiagnosticPrinter()
            printer.print(report.diagnostics)
            printer.summary(headline, report: report)
            return
        }
        Swift.print(DiagnosticFormatter.format(report, as: format, headline: headline, siteDirectory: siteDirectory),
                    terminator: "")
    }
}
