import ArgumentParser
import Foundation
import MedsiteCore
import MedsiteLinkCheck

/// `check --external` and its options: sources and external links asked over the network.
struct ExternalCheckOptions: ParsableArguments {
    @Flag(name: .long, help: ArgumentHelp(
        "Also ask other sites for every source and external link: dead ones (404, 410, no such site) are errors, moved ones warnings. Needs the network; never part of build."))
    var external = false

    @Option(name: .long, help: ArgumentHelp("With --external: seconds to wait for each answer. Default: 15.", valueName: "seconds"))
    var timeout: Double?

    @Flag(name: .long, help: "With --external: ask again even for addresses checked within the last day (the cache).")
    var refresh = false

    @Option(name: .customLong("max-per-host"),
            help: ArgumentHelp("With --external: requests to one site at a time. Default: 2.", valueName: "n"))
    var maxPerHost: Int?

    @Option(name: .customLong("max-concurrent"),
            help: ArgumentHelp("With --external: requests at a time over all sites. Default: 8.", valueName: "n"))
    var maxConcurrent: Int?

    func validate() throws {
        if !external {
            let given = [timeout != nil ? "--timeout" : nil, refresh ? "--refresh" : nil, maxPerHost != nil ? "--max-per-host" : nil,
                         maxConcurrent != nil ? "--max-concurrent" : nil].compactMap { $0 }
            if let first = given.first { throw ValidationError("\(first) only applies with --external") }
        }
        if let timeout, !(timeout > 0 && timeout <= 600) { throw ValidationError("--timeout must be between 0 and 600 seconds, not \(timeout)") }
        if let maxPerHost, !(1...64).contains(maxPerHost) { throw ValidationError("--max-per-host must be between 1 and 64, not \(maxPerHost)") }
        if let maxConcurrent, !(1...256).contains(maxConcurrent) {
            throw ValidationError("--max-concurrent must be between 1 and 256, not \(maxConcurrent)")
        }
    }

    /// Checks the site's external addresses and adds the findings to `report`; nil without
    /// --external, or when the site's settings could not be read (the report already says why).
    func check(into report: inout BuildReport, options: BuildOptions) -> ExternalLinkReport? {
        guard external else { return nil }
        let (inventory, _) = ExternalLinkInventory.gather(options)
        guard let inventory else { return nil }
        var settings = LinkCheckSettings(cacheFile: FileSystem.join(options.resolvedCacheDirectory, LinkCheckSettings.cacheFileName))
        if let timeout { settings.timeout = timeout }
        if let maxPerHost { settings.perHostLimit = maxPerHost }
        if let maxConcurrent { settings.totalLimit = maxConcurrent }
        settings.refresh = refresh
        if isatty(STDERR_FILENO) == 1 {
            let timeout = settings.timeout
            settings.onStart = { asking, fromCache in
                guard asking > 0 else { return }
                FileHandle.standardError.write(Data(("Asking other sites about \(asking) address\(asking == 1 ? "" : "es")"
                    + (fromCache > 0 ? " (\(fromCache) known from the last day)" : "")
                    + ", waiting up to \(Int(timeout.rounded(.up))) s for each…\n").utf8))
            }
        }
        let found = ExternalLinkCheck.runWaiting(inventory, settings: settings)
        report.diagnostics = Diagnostic.sorted(report.diagnostics + found.diagnostics)
        return found
    }
}
