import ArgumentParser
import MedsiteCore

#if canImport(Glibc)
import Glibc
#endif

/// Options every site command shares.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The site folder, holding medsite.yml and Content/.", valueName: "dir"))
    var site: String = "."

    @Option(name: .long, help: ArgumentHelp(
        "The day review dates are checked against, as YYYY-MM-DD. Default: SOURCE_DATE_EPOCH if set, else today (UTC).",
        valueName: "date"))
    var now: String?

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    func today() throws -> CalendarDate {
        if let now {
            guard let date = CalendarDate(iso: now) else {
                throw ValidationError("--now must be a real date in YYYY-MM-DD form, not '\(now)'")
            }
            return date
        }
        if let epoch = getenv("SOURCE_DATE_EPOCH").map({ String(cString: $0) }), !epoch.isEmpty {
            guard let seconds = Int(epoch) else { throw ValidationError("SOURCE_DATE_EPOCH must be whole seconds, not '\(epoch)'") }
            return CalendarDate(unixSeconds: seconds)
        }
        return CalendarDate(unixSeconds: time(nil))
    }

    func buildOptions(output: String? = nil, includeDrafts: Bool = false) throws -> BuildOptions {
        BuildOptions(siteDirectory: site, outputDirectory: output, today: try today(), strict: strict,
                     includeDrafts: includeDrafts)
    }
}
