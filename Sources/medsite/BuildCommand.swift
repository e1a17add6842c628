import ArgumentParser
import MedsiteCore

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Validate the site and, when nothing is wrong, publish it to Output/.",
        discussion: """
        Output/ is replaced atomically and only by a build without errors: after a failed build the \
        previous site is still there, unchanged. Exit status: 0 built, 1 content errors, \
        2 usage, settings, theme or output errors.
        """
    )

    @OptionGroup var options: SiteOptions

    @Option(name: .long, help: ArgumentHelp("Where to write the site. Default: DIR/Output.", valueName: "dir"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("The build cache folder (keep it between CI runs). Default: DIR/.medsite-cache.", valueName: "dir"))
    var cache: String?

    @Flag(name: .long, help: "Ignore the build cache: parse, render and compare every page.")
    var noCache = false

    mutating func run() throws {
        let started = MonotonicClock.now()
        var buildOptions = try options.buildOptions(output: output)
        buildOptions.cacheDirectory = cache
        buildOptions.useCache = !noCache
        let report = SiteBuilder.build(buildOptions)
        let printer = DiagnosticPrinter()
        printer.print(report.diagnostics)
        let seconds = MonotonicClock.seconds(since: started)
        if report.published {
            printer.summary("Built \(report.pages.count) pages in \(String(format: "%.2f", seconds)) s", report: report)
        } else {
            printer.summary("Not published: Output/ is unchanged", report: report)
        }
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }
}
