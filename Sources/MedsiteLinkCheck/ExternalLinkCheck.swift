import AsyncHTTPClient
import Dispatch
import Foundation
import MedsiteCore
import NIOCore
import NIOPosix

/// `medsite check --external`: every source and external link of the site, asked over the network,
/// each distinct address once, and each finding reported at every place the address is used.
/// Never part of a build, which must not depend on other sites being up.
public enum ExternalLinkCheck {
    /// Checks every address of `inventory`, reusing results from the last day unless `refresh`.
    public static func run(_ inventory: ExternalLinkInventory, settings: LinkCheckSettings) async -> ExternalLinkReport {
        var cache = LinkCheckCache(file: settings.cacheFile)
        let now = settings.now()
        var results: [String: LinkCheckResult] = [:]
        var fromCache: Set<String> = []
        var toAsk: [String] = []
        for address in inventory.requestAddresses {
            if !settings.refresh, let cached = cache.fresh(address, now: now, lifetime: settings.cacheLifetime) {
                results[address] = cached
                fromCache.insert(address)
            } else {
                toAsk.append(address)
            }
        }
        settings.onStart?(toAsk.count, fromCache.count)
        let asked = toAsk.isEmpty ? [:] : await ask(toAsk, settings: settings)
        results.merge(asked) { _, new in new }
        let offline = seemsOffline(asked)
        if !offline, !asked.isEmpty {
            cache.record(asked, now: now, lifetime: settings.cacheLifetime)
            cache.save()
        }
        var diagnostics: [Diagnostic] = []
        for page in inventory.pages {
            var found: [Diagnostic] = []
            for reference in page.references {
                guard let result = results[reference.requestAddress], !(offline && asked[reference.requestAddress] != nil) else { continue }
                if let diagnostic = diagnostic(for: reference, result: result, file: page.path) { found.append(diagnostic) }
            }
            diagnostics += inventory.judge(found, of: page)
        }
        if offline {
            let hosts = Set(asked.keys.compactMap { WebAddress($0)?.host }).count
            diagnostics.append(Diagnostic(
                file: ContentScanner.folderName, position: .start, rule: .externalCheckFailed,
                message: "no site could be reached: every one of the \(asked.count) addresses on \(hosts) sites failed to look up or connect, "
                    + "so this computer seems to be offline; none of them was marked dead",
                fix: "check the network connection (or the CI job's network access) and run medsite check --external again"))
        }
        return ExternalLinkReport(diagnostics: Diagnostic.sorted(diagnostics), results: results, fromCache: fromCache,
                                  uses: uses(in: inventory), offline: offline)
    }

    /// `run` for callers that are not async (the CLI's `check`): waits for it on this thread.
    public static func runWaiting(_ inventory: ExternalLinkInventory, settings: LinkCheckSettings) -> ExternalLinkReport {
        let box = ReportBox()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.report = await run(inventory, settings: settings)
            done.signal()
        }
        done.wait()
        return box.report!
    }

    private final class ReportBox: @unchecked Sendable {
        var report: ExternalLinkReport?
    }

    /// Every address asked at once, each request under the per-host and overall limits.
    static func ask(_ addresses: [String], settings: LinkCheckSettings) async -> [String: LinkCheckResult] {
        let milliseconds = Int64(max(0.001, settings.timeout) * 1000)
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, // followed one hop at a time by LinkProbe, to see each
            timeout: .init(connect: .milliseconds(milliseconds), read: .milliseconds(milliseconds)),
            decompression: .disabled)
        // A refused connection is an answer here, not something to retry until the deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
        let probe = LinkProbe(client: client, settings: settings,
                              limiter: RequestLimiter(perHost: settings.perHostLimit, total: settings.totalLimit),
                              lookups: HostLookups())
        let results = await withTaskGroup(of: (String, LinkCheckResult).self) { group in
            for address in addresses {
                group.addTask { (address, await probe.check(address)) }
            }
            var results: [String: LinkCheckResult] = [:]
            for await (address, result) in group { results[address] = result }
            return results
        }
        try? await client.shutdown()
        return results
    }

    /// No site answered at all, on at least two sites: the network, not the sources, is down.
    static func seemsOffline(_ asked: [String: LinkCheckResult]) -> Bool {
        let hosts = Set(asked.keys.compactMap { WebAddress($0)?.host })
        return hosts.count >= 2 && asked.values.allSatisfy { $0.gotNoAnswer && $0.verdict != .ok }
    }

    /// The finding for one use of an address, before the severity policy.
    static func diagnostic(for reference: ExternalReference, result: LinkCheckResult, file: String) -> Diagnostic? {
        let isSource = reference.kind == .source
        let shown = "\(reference.label) '\(LinkProbe.shortened(reference.url))'"
        switch result.verdict {
        case .ok:
            return nil
        case .moved:
            guard var target = result.movedTo else { return nil }
            // The fragment the editor wrote still belongs on the new address.
            if !target.contains("#"), let hash = reference.url.firstIndex(of: "#") { target += reference.url[hash...] }
            let message = result.isSecureUpgrade ? "\(shown) now sends readers on to its secure address \(target)"
                : "\(shown) has moved permanently to \(target)"
            return Diagnostic(file: file, position: reference.position, rule: isSource ? .sourceMoved : .linkMoved, message: message,
                              fix: isSource ? "check that it is the same document, then update the url to \(target)"
                                  : "check that it is the same page, then update the \(reference.label) to \(target)")
        case .dead:
            return Diagnostic(file: file, position: reference.position, rule: isSource ? .sourceDead : .linkDead,
                              message: "\(shown) is dead: \(result.reason)",
                              fix: isSource ? "find where the publisher moved it (search their site for its title) and update the url, or cite a current source instead"
                                  : "update the \(reference.label) to the page's new address, link to another page with the same information, or remove it")
        case .unavailable:
            return Diagnostic(file: file, position: reference.position, rule: isSource ? .sourceUnavailable : .linkUnavailable,
                              message: "\(shown) could not be checked: \(result.reason)",
                              fix: "open it in a browser; if it stays unavailable for days, replace it")
        }
    }

    static func uses(in inventory: ExternalLinkInventory) -> [String: [ExternalLinkReport.Use]] {
        var uses: [String: [ExternalLinkReport.Use]] = [:]
        for page in inventory.pages {
            for reference in page.references {
                uses[reference.requestAddress, default: []].append(ExternalLinkReport.Use(file: page.path, reference: reference))
            }
        }
        return uses
    }
}
