import ArgumentParser
import Foundation
import MedsiteCore

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "The editorial schedule: every article's review dates, reviewer and status, soonest first.",
        discussion: """
        Also prints the next date on which a build's outcome will change (a page becomes due soon or \
        overdue), so CI can schedule its next rebuild. Exit status: 0, or 1 when an article could not \
        be read or dated (it is listed as unscheduled), 2 on usage or settings errors.
        """
    )

    @OptionGroup var options: SiteOptions

    @Option(name: .long, help: ArgumentHelp("Only articles due within this many days (overdue ones included).", valueName: "days"))
    var within: Int?

    @Option(name: .long, help: ArgumentHelp("Output format: text, csv or json.", valueName: "format"))
    var format: ReviewFormat = .text

    mutating func validate() throws {
        if let within, within < 0 { throw ValidationError("--within must be zero or more days, not \(within)") }
    }

    mutating func run() throws {
        let today = try options.today()
        let (schedule, diagnostics) = ReviewSchedule.load(siteDirectory: options.site, today: today)
        for diagnostic in diagnostics {
            FileHandle.standardError.write(Data((diagnostic.formatted + "\n").utf8))
        }
        guard let schedule else { throw ExitCode(2) }
        let entries = within.map { schedule.within(days: $0) } ?? schedule.entries
        print(ReviewReport.format(schedule, entries: entries, as: format), terminator: "")
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
