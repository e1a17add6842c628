import Foundation
import MedsiteCore
@testable import MedsiteLinkCheck
import Testing

/// `check --external` against the scripted server on 127.0.0.1: each case a link checker meets.
@Suite struct ExternalLinkCheckTests {
    /// No retry waits; a timeout long enough for a loaded machine (the whole suite runs at once on
    /// two cores) but short enough that the test of the slow case stays quick (`timeout`).
    static func settings(cacheFile: String? = nil, timeout: Double = 5) -> LinkCheckSettings {
        var settings = LinkCheckSettings(cacheFile: cacheFile)
        settings.timeout = timeout
        settings.defaultRetryWait = 0
        settings.maxRetryWait = 1
        return settings
    }

    static let siteSettings = """
    title: Test Health
    base_url: https://health.example.org/
    disclaimers:
      general: "This information does not replace advice from your doctor."
    """

    /// An article whose sources are `sources` and whose body links to `links`, one per line.
    static func article(sources: [String], links: [String] = [], extra: String = "") -> String {
        let sourceLines = sources.enumerated().map { index, url in
            "  - title: \"Source \(index + 1)\"\n    url: \"\(url)\"\n    publisher: \"Test\""
        }.joined(separator: "\n")
        let body = links.enumerated().map { index, url in "See [page \(index + 1)](\(url)).\n" }.joined(separator: "\n")
        return """
        ---
        title: "What is PML?"
        description: "A rare infection of the brain."
        last_reviewed: 2026-04-07
        reviewed_by: "Dr Amelia Hart, MD FRCP"
        sources:
        \(sourceLines)
        \(extra)
        ---
        ## What causes it?

        \(body)
        """
    }

    static func site(_ files: [String: String], settings: String = siteSettings) throws -> String {
        let root = NSTemporaryDirectory() + "medsite-links-" + UUID().uuidString
        for (path, text) in files.merging(["medsite.yml": settings], uniquingKeysWith: { $1 }) {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    static func check(_ root: String, settings: LinkCheckSettings) async throws -> ExternalLinkReport {
        let options = BuildOptions(siteDirectory: root, today: CalendarDate(iso: "2026-11-23")!)
        let inventory = try #require(ExternalLinkInventory.gather(options).0)
        return await ExternalLinkCheck.run(inventory, settings: settings)
    }

    @Test func eachCaseGetsItsVerdict() async throws {
        let server = try await ScriptedServer.start()
        defer { Task { await server.stop() } }
        let cases: [(path: String, verdict: LinkCheckResult.Verdict)] = [
            ("/ok", .ok), ("/head-refused", .ok), ("/head-broken", .ok), ("/temporary", .ok), ("/busy-once", .ok),
            ("/failing-once", .ok), ("/chain-start", .moved), ("/permanent-then-temporary", .moved),
            ("/missing", .dead), ("/gone", .dead), ("/loop-a", .dead), ("/moved-then-missing", .dead),
            ("/slow", .unavailable), ("/busy", .unavailable), ("/busy-long", .unavailable), ("/failing", .unavailable),
            ("/forbidden", .unavailable), ("/no-location", .unavailable), ("/to-ftp", .unavailable),
        ]
        let unreachable = ["http://no-such-site.invalid/page", "http://127.0.0.1:1/closed"]
        let root = try Self.site(["Content/a.md": Self.article(sources: cases.map { server.url($0.path) } + unreachable)])
        let report = try await Self.check(root, settings: Self.settings(timeout: 1.5))
        for (path, verdict) in cases {
            #expect(report.results[server.url(path)]?.verdict == verdict, "\(path): \(String(describing: report.results[server.url(path)]))")
        }
        #expect(report.results["http://no-such-site.invalid/page"]?.verdict == .dead)
        #expect(report.results["http://no-such-site.invalid/page"]?.reason == "there is no site called no-such-site.invalid")
        #expect(report.results["http://127.0.0.1:1/closed"]?.verdict == .dead)
        #expect(report.results["http://127.0.0.1:1/closed"]?.reason.contains("refused the connection") == true)

        // Redirects: the permanent chain ends at its last page; a temporary hop stops the move there.
        #expect(report.results[server.url("/chain-start")]?.movedTo == server.url("/chain-end"))
        #expect(report.results[server.url("/permanent-then-temporary")]?.movedTo == server.url("/temporary"))
        #expect(report.results[server.url("/loop-a")]?.reason.contains("go round in a circle") == true)
        #expect(report.results[server.url("/moved-then-missing")]?.reason
                == "the site answered 404 Not Found (after redirecting to \(server.url("/missing")))")
        #expect(report.results[server.url("/slow")]?.reason.contains("did not answer within 1.5 s") == true)
        #expect(report.results[server.url("/failing")]?.reason == "the site answered 503 Service Unavailable, twice")

        // HEAD first, GET only when HEAD is refused; a 429 or 5xx asked once more; a long Retry-After not waited for.
        let log = server.log
        #expect(log.requests(to: "/ok") == ["HEAD /ok"])
        #expect(log.requests(to: "/head-refused") == ["HEAD /head-refused", "GET /head-refused"])
        #expect(log.requests(to: "/busy") == ["HEAD /busy", "GET /busy"])
        #expect(log.requests(to: "/busy-long") == ["HEAD /busy-long"])
        #expect(log.requests(to: "/failing") == ["HEAD /failing", "GET /failing", "GET /failing"])
        #expect(log.requests(to: "/gone") == ["HEAD /gone", "GET /gone"])
    }

    /// Each finding at every place the address is used, with its rule, line, and the fix; one request
    /// for an address written twice (with different `#fragments`).
    @Test func findingsAtEveryUseWithFixes() async throws {
        let server = try await ScriptedServer.start()
        defer { Task { await server.stop() } }
        let root = try Self.site([
            "Content/a.md": Self.article(sources: [server.url("/missing"), server.url("/chain-start")],
                                         links: [server.url("/missing#section"), server.url("/chain-start#part"), server.url("/ok")]),
            "Content/b.md": Self.article(sources: [server.url("/gone"), "mailto:editor@example.org"], links: [server.url("/missing")]),
        ])
        let report = try await Self.check(root, settings: Self.settings())
        let lines = report.diagnostics.map(\.formatted)
        let missing = server.url("/missing"), moved = server.url("/chain-start"), end = server.url("/chain-end")
        #expect(lines == [
            "Content/a.md:8:10: error: [source-dead] sources[1].url '\(missing)' is dead: the site answered 404 Not Found — find where the publisher moved it (search their site for its title) and update the url, or cite a current source instead",
            "Content/a.md:11:10: warning: [source-moved] sources[2].url '\(moved)' has moved permanently to \(end) — check that it is the same document, then update the url to \(end)",
            "Content/a.md:17:5: error: [link-dead] link '\(missing)#section' is dead: the site answered 404 Not Found — update the link to the page's new address, link to another page with the same information, or remove it",
            "Content/a.md:19:5: warning: [link-moved] link '\(moved)#part' has moved permanently to \(end)#part — check that it is the same page, then update the link to \(end)#part",
            "Content/b.md:8:10: error: [source-dead] sources[1].url '\(server.url("/gone"))' is dead: the site answered 410 Gone — find where the publisher moved it (search their site for its title) and update the url, or cite a current source instead",
            "Content/b.md:17:5: error: [link-dead] link '\(missing)' is dead: the site answered 404 Not Found — update the link to the page's new address, link to another page with the same information, or remove it",
        ], "\(lines.joined(separator: "\n"))")
        #expect(server.log.requests(to: "/missing") == ["HEAD /missing", "GET /missing"])
        #expect(report.uses[missing]?.count == 3)
        #expect(report.results.keys.sorted() == [moved, server.url("/gone"), missing, server.url("/ok")].sorted())
    }

    /// medsite.yml's `rules:`, waivers and drafts apply as to every other finding.
    @Test func severityPolicyApplies() async throws {
        let server = try await ScriptedServer.start()
        defer { Task { await server.stop() } }
        let root = try Self.site([
            "Content/a.md": Self.article(sources: [server.url("/missing")], links: [server.url("/gone")]),
            "Content/draft.md": Self.article(sources: [server.url("/missing")], extra: "draft: true"),
            "Content/waived.md": Self.article(sources: [server.url("/missing")],
                                              extra: "waive:\n  source-dead: \"withdrawn; the reviewer keeps the archived copy\""),
        ], settings: Self.siteSettings + "\nrules:\n  link-dead: warning\n")
        let report = try await Self.check(root, settings: Self.settings())
        let found = report.diagnostics.map { "\($0.file) \($0.severity.rawValue) \($0.rule.id)" }
        #expect(found == [
            "Content/a.md error source-dead", "Content/a.md warning link-dead",
            "Content/draft.md warning source-dead", "Content/waived.md note source-dead",
        ], "\(found)")
    }

    /// No more requests to one host at once than the limit, and no more in all than the cap.
    @Test(arguments: [(perHost: 1, total: 8), (perHost: 2, total: 8), (perHost: 8, total: 3)])
    func limitsBoundConcurrentRequests(limits: (perHost: Int, total: Int)) async throws {
        let server = try await ScriptedServer.start()
        defer { Task { await server.stop() } }
        let bound = min(limits.perHost, limits.total)
        // Each request is held until `bound` are in flight together (or 5 s), then 0.2 s more: a
        // limiter that let more through would show a higher peak, one that let fewer would be slow.
        let root = try Self.site(["Content/a.md": Self.article(sources: (1...6).map { server.url("/held/\(bound)/\($0)") })])
        var settings = Self.settings(timeout: 20)
        (settings.perHostLimit, settings.totalLimit) = (limits.perHost, limits.total)
        let report = try await Self.check(root, settings: settings)
        #expect(report.results.values.allSatisfy { $0.verdict == .ok }, "\(report.results)")
        let peak = server.log.peakInFlight
        #expect(peak <= bound, "peak \(peak) with limits \(limits)")
        #expect(peak == bound, "peak \(peak) with limits \(limits)")
    }

    /// A repeat run within a day asks nothing it knows; a busy site is asked again; `refresh` and a
    /// day's age ask again.
    @Test func cacheMakesARepeatRunAskNothing() async throws {
        let server = try await ScriptedServer.start()
        defer { Task { await server.stop() } }
        let root = try Self.site(["Content/a.md": Self.article(sources: [server.url("/ok"), server.url("/missing"), server.url("/chain-start")])])
        let cacheFile = root + "/.medsite-cache/" + LinkCheckSettings.cacheFileName
        let start = 1_790_000_000
        var settings = Self.settings(cacheFile: cacheFile)
        settings.now = { start }
        let first = try await Self.check(root, settings: settings)
        let askedFirst = server.log.requests.count
        #expect(askedFirst > 0 && first.fromCache.isEmpty)
        #expect(FileManager.default.fileExists(atPath: cacheFile))

        settings.now = { start + 3_600 }
        let second = try await Self.check(root, settings: settings)
        #expect(server.log.requests.count == askedFirst, "a repeat run within a day asks nothing")
        #expect(second.fromCache.count == 3, "\(first.results)")
        #expect(second.diagnostics.map(\.formatted) == first.diagnostics.map(\.formatted))

        settings.refresh = true
        _ = try await Self.check(root, settings: settings)
        #expect(server.log.requests.count > askedFirst)

        settings.refresh = false
        let beforeExpiry = server.log.requests.count
        settings.now = { start + 3_600 + 86_400 }
        let expired = try await Self.check(root, settings: settings)
        #expect(expired.fromCache.isEmpty)
        #expect(server.log.requests.count > beforeExpiry)
    }

    @Test func unavailableResultsAreAskedAgain() async throws {
        let server = try await ScriptedServer.start()
        defer { Task { await server.stop() } }
        let root = try Self.site(["Content/a.md": Self.article(sources: [server.url("/ok"), server.url("/failing")])])
        let settings = Self.settings(cacheFile: root + "/.medsite-cache/" + LinkCheckSettings.cacheFileName)
        _ = try await Self.check(root, settings: settings)
        let second = try await Self.check(root, settings: settings)
        #expect(second.fromCache == [server.url("/ok")])
        #expect(server.log.requests(to: "/failing").count == 6)
        #expect(server.log.requests(to: "/ok").count == 1)
    }

    /// When no site answers at all, the machine is offline: nothing is called dead or cached.
    @Test func offlineIsNotDead() async throws {
        let root = try Self.site(["Content/a.md": Self.article(sources: ["https://first.invalid/a", "https://second.invalid/b"])])
        let cacheFile = root + "/.medsite-cache/" + LinkCheckSettings.cacheFileName
        let report = try await Self.check(root, settings: Self.settings(cacheFile: cacheFile))
        #expect(report.offline)
        #expect(report.diagnostics.map(\.rule.id) == ["external-check-failed"])
        #expect(!FileManager.default.fileExists(atPath: cacheFile))
    }

    /// A plain http:// source that the site sends on to its https:// address is reported as such,
    /// with the fragment the editor wrote kept on the new address.
    @Test func secureUpgradeMessage() throws {
        let reference = ExternalReference(url: "http://www.nice.org.uk/guidance/ng28#recommendations", kind: .source,
                                          position: SourcePosition(line: 9, column: 10), label: "sources[1].url")
        let result = LinkCheckResult(verdict: .moved, status: 200, movedTo: "https://www.nice.org.uk/guidance/ng28",
                                     isSecureUpgrade: true, reason: "", checkedAt: 0)
        let diagnostic = try #require(ExternalLinkCheck.diagnostic(for: reference, result: result, file: "Content/a.md"))
        #expect(diagnostic.formatted == "Content/a.md:9:10: warning: [source-moved] sources[1].url 'http://www.nice.org.uk/guidance/ng28#recommendations' "
                + "now sends readers on to its secure address https://www.nice.org.uk/guidance/ng28#recommendations — check that it is the same "
                + "document, then update the url to https://www.nice.org.uk/guidance/ng28#recommendations")
    }

    /// Addresses as editors write them: an international site name is asked for in its ASCII form,
    /// a space is percent-encoded, and a name that cannot be an address is not called dead.
    @Test func addressesAreNormalisedForTheRequest() {
        #expect(WebAddress("https://bücher.example/x")?.requestURL == "https://xn--bcher-kva.example/x")
        #expect(WebAddress("https://example.org/a leaflet.pdf")?.requestURL == "https://example.org/a%20leaflet.pdf")
        #expect(WebAddress("https://exa mple.org/") == nil)
        #expect(WebAddress("https://EXAMPLE.org:8443/A")?.hostKey == "example.org:8443")
        #expect(WebAddress.resolve("/b#part", against: "http://a.example/x/y?q=1") == "http://a.example/b")
        #expect(WebAddress.resolve("//b.example/p", against: "https://a.example/x") == "https://b.example/p")
    }

    @Test func secureUpgradeAndRetryAfter() {
        #expect(WebAddress.isSecureUpgrade(from: "http://nhs.uk/conditions/asthma", to: "https://www.nhs.uk/conditions/asthma/"))
        #expect(!WebAddress.isSecureUpgrade(from: "http://nhs.uk/conditions/asthma", to: "https://nhs.uk/conditions/"))
        #expect(!WebAddress.isSecureUpgrade(from: "https://nhs.uk/a", to: "https://nhs.uk/a/"))
        var settings = Self.settings()
        settings.maxRetryWait = 10
        settings.now = { 1_445_412_480 } // Wed, 21 Oct 2015 07:28:00 GMT
        let probe = LinkProbe(client: .shared, settings: settings, limiter: RequestLimiter(perHost: 1, total: 1), lookups: HostLookups())
        #expect(probe.retryWait("3") == 3)
        #expect(probe.retryWait("120") == nil)
        #expect(probe.retryWait("Wed, 21 Oct 2015 07:28:05 GMT") == 5)
        #expect(probe.retryWait("Wed, 21 Oct 2015 09:28:00 GMT") == nil)
        #expect(probe.retryWait(nil) == 0)
    }
}
