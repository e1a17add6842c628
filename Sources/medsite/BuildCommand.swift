import ArgumentParser
import Foundation
import MedsiteCore

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Validate the site and, when nothing is wrong, publish it to Output/.",
        discussion: """
        Output/ is replaced atomically and only by a build without errors: after a failed build the \
        previous site is still there, unchanged. Exit status: 0 built, 1 content errors, \
        2 usage, settings, theme or output errors.

        Builds of one site run one at a time: a second build waits for the first to finish \
        (saying so), or with --no-wait stops at once with exit status 2.

        Each problem is printed as `file:line:col: severity: [rule] message — how to fix`, then one \
        summary line: `Built 212 pages in 0.31 s · 0 errors · 3 warnings`. Drafts are checked \
        but not published; their problems are warnings. `medsite explain RULE` explains a rule.

        On a terminal, output is coloured (unless NO_COLOR is set) and builds that take more than \
        half a second show a progress line; in pipes and CI the output is plain text.
        """
    )

    @OptionGroup var options: SiteOptions
    @OptionGroup var reportFormat: ReportFormatOption

    @Option(name: .long, help: ArgumentHelp("Where to write the site. Default: DIR/Output.", valueName: "dir"))
    var output: String?

    @OptionGroup var cache: CacheOptions

    @Flag(name: .long, help: "If another build of this site is running, stop at once (exit 2) instead of waiting for it.")
    var noWait = false

    mutating func run() throws {
        let started = MonotonicClock.now()
        var buildOptions = try options.buildOptions(output: output)
        cache.apply(to: &buildOptions)
        buildOptions.waitForOtherBuilds = !noWait
        buildOptions.onWaiting = { message in FileHandle.standardError.write(Data("medsite: \(message)\n".utf8)) }
        let progress = TerminalProgress.forStandardOutput()
        buildOptions.progress = progress
        let report = SiteBuilder.build(buildOptions)
        progress?.finish()
        let seconds = MonotonicClock.seconds(since: started)
        let timing = reportFormat.format == .json ? "" : " in \(String(format: "%.2f", seconds)) s"
        let headline = report.published ? "Built \(report.pages.count) pages\(timing)" : "Not published: Output/ is unchanged"
        reportFormat.print(report, headline: headline, siteDirectory: options.site)
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }
}
