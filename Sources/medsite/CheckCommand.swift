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
        (the build cache; --no-cache checks everything again).

        --external also asks other sites for every source `url` and every http(s) link and image in \
        the articles, each address once: HEAD, then GET when HEAD is refused; redirects followed, a \
        permanent move reported with the new address; at most --max-per-host requests to one site and \
        --max-concurrent in all; results kept a day in the cache folder (--refresh asks again). Dead \
        sources and links (404, 410, no such site, connection refused) are errors, moved ones warnings, \
        busy or slow sites warnings. Run it on a schedule rather than on every change: other sites' \
        outages must not block a build.

        Exit status: 0 no errors, 1 content errors (dead sources and links included), 2 usage, \
        settings or theme errors, or no site reachable at all with --external.
        """
    )

    @OptionGroup var options: SiteOptions
    @OptionGroup var output: ReportFormatOption
    @OptionGroup var cache: CacheOptions
    @OptionGroup var external: ExternalCheckOptions

    mutating func run() throws {
        let started = MonotonicClock.now()
        var buildOptions = try options.buildOptions()
        cache.apply(to: &buildOptions)
        var report = SiteBuilder.check(buildOptions)
        let externalReport = external.check(into: &report, options: buildOptions)
        let seconds = MonotonicClock.seconds(since: started)
        let headline = "Checked \(report.articles.count) article\(report.articles.count == 1 ? "" : "s")"
            + (externalReport.map { " and \($0.headline)" } ?? "")
            + (output.format == .json ? "" : " in \(String(format: "%.2f", seconds)) s")
        output.print(report, headline: headline, siteDirectory: options.site,
                     extraJSON: externalReport.map { [("external_links", $0.json)] } ?? [])
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }
}
