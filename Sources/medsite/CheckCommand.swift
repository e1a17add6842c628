import Foundation
import ArgumentParser
import MedsiteCore

extension ReportFormat: ExpressibleByArgument {}
extension ReviewFormat: ExpressibleByArgument {}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the site without writing anything (for editors, pre-commit hooks and CI).",
        discussion: """
        Runs every rule (`medsite explain` lists them) and renders in memory, exactly as build does, \
        but never touches Output/. Articles unchanged since the last build keep that build's findings \
        (the build cache; --no-cache checks everything again). \
        Exit status: 0 no errors, 1 content errors, 2 usage, settings or theme errors.
        """
    )

    @OptionGroup var options: SiteOptions
    @OptionGroup var output: ReportFormatOption
    @OptionGroup var cache: CacheOptions

    mutating func run() throws {
        let started = MonotonicClock.now()
        var buildOptions = try options.buildOptions()
        cache.apply(to: &buildOptions)
        let report = SiteBuilder.check(buildOptions)
        let seconds = MonotonicClock.seconds(since: started)
        let headline = "Checked \(report.articles.count) article\(report.articles.count == 1 ? "" : "s")"
            + (output.format == .json ? "" : " in \(String(format: "%.2f", seconds)) s")
        output.print(report, headline: headline, siteDirectory: options.site)
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }
}
