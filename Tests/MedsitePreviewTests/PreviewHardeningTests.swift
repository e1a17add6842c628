import Foundation
import Testing
import MedsiteCore
@testable import MedsitePreview
#if canImport(Glibc)
import Glibc
#endif

/// Attacks on the preview from other pages and other local processes (issue 14, items 6, 8 and 14),
/// and what the serve log says after a rebuild (issue 18).
@Suite(.serialized) struct PreviewHardeningTests {
    static let draftWords = "UNPUBLISHED-DRAFT-WORDS"

    /// The sample site plus a draft at /secret-draft/ whose body holds `draftWords`.
    static func siteWithADraft() throws -> PreviewTestSite {
        let draft = try PreviewServerTests.draftArticle()
            .replacingOccurrences(of: "slug: draft-page", with: "slug: secret-draft") + "\n\(draftWords)\n"
        return try PreviewTestSite(extraFiles: ["Content/secret-draft.md": draft])
    }

    func get(_ port: Int, host: String, target: String = "/secret-draft/", extra: [String] = []) async throws -> RawHTTP.Response {
        let headers = ([host.isEmpty ? nil : "Host: \(host)"].compactMap { $0 } + extra + ["Connection: close"])
        return try await RawHTTP.send(port: port, (["GET \(target) HTTP/1.1"] + headers).joined(separator: "\r\n"))
    }

    // Issue 14 item 6: DNS rebinding. A page on attacker.example resolved to 127.0.0.1 sends its own name.
    @Test func onlyRequestsAddressedToThisComputerAreAnswered() async throws {
        try await withPreview(try Self.siteWithADraft()) { server in
            let port = server.port
            for host in ["attacker.example:\(port)", "attacker.example", "127.0.0.1.attacker.example:\(port)",
                         "localhost.attacker.example", "127.1:\(port)", "user@localhost:\(port)", "localhost:http",
                         "[::1]x", "0x7f000001", "10.0.0.5:\(port)"] {
                let response = try await get(port, host: host)
                #expect(response.status == 421, "Host: \(host) answered \(response.status)")
                #expect(!response.body.contains(Self.draftWords), "Host: \(host) got the draft")
                #expect(response.body.contains("localhost, 127.0.0.1 or [::1]"))
            }
            for host in ["127.0.0.1:\(port)", "localhost:\(port)", "LOCALHOST", "127.0.0.2:\(port)", "127.255.255.254",
                         "[::1]:\(port)", "[::1]"] {
                let response = try await get(port, host: host)
                #expect(response.status == 200, "Host: \(host) answered \(response.status)")
                #expect(response.body.contains(Self.draftWords))
            }
            // The other routes are behind the same check.
            #expect(try await get(port, host: "attacker.example", target: "/__medsite/status").status == 421)
            #expect(try await get(port, host: "attacker.example", target: "/__medsite/events").status == 421)
            // HTTP/1.1 without Host.
            #expect(try await get(port, host: "").status == 400)
            // A page on another site asking with fetch() or EventSource carries its Origin.
            let foreign = try await get(port, host: "127.0.0.1:\(port)", extra: ["Origin: http://attacker.example"])
            #expect(foreign.status == 403)
            #expect(!foreign.body.contains(Self.draftWords))
            #expect(try await get(port, host: "127.0.0.1:\(port)", extra: ["Origin: null"]).status == 403)
            #expect(try await get(port, host: "127.0.0.1:\(port)", extra: ["Origin: http://localhost:\(port)"]).status == 200)
        }
    }

    // Issue 14 item 14: `GET http://evil.example/ HTTP/1.1` was answered as if it were `GET /`.
    @Test func absoluteFormTargetsAreAnsweredOnlyForThisComputer() async throws {
        try await withPreview(try Self.siteWithADraft()) { server in
            let port = server.port
            let evil = try await get(port, host: "127.0.0.1:\(port)", target: "http://evil.example/secret-draft/")
            #expect(evil.status == 421)
            #expect(!evil.body.contains(Self.draftWords))
            #expect(try await get(port, host: "127.0.0.1:\(port)", target: "http://evil.example/").status == 421)
            #expect(try await get(port, host: "127.0.0.1:\(port)", target: "HTTP://EVIL.EXAMPLE:\(port)").status == 421)
            #expect(try await get(port, host: "127.0.0.1:\(port)", target: "http://127.0.0.1@evil.example/").status == 421)
            // RFC 9112: a server must accept the absolute form; the target's authority is the one that counts.
            let own = try await get(port, host: "127.0.0.1:\(port)", target: "http://127.0.0.1:\(port)/secret-draft/")
            #expect(own.status == 200)
            #expect(own.body.contains(Self.draftWords))
            #expect(try await get(port, host: "127.0.0.1:\(port)", target: "http://localhost:\(port)/secret-draft/?x=1").status == 200)
            #expect(try await get(port, host: "127.0.0.1:\(port)", target: "ftp://127.0.0.1/").status == 400)
        }
    }

    @Test func theHostGivenWithHostIsAcceptedAndEveryAddressOnlyAsDigits() {
        let named = AllowedHosts(listenHost: "preview.test")
        #expect(named.allows(authority: "preview.test:8080"))
        #expect(named.allows(authority: "localhost:8080"))
        #expect(!named.allows(authority: "attacker.example:8080"))
        let loopback = AllowedHosts(listenHost: "127.0.0.1")
        #expect(!loopback.allows(authority: "192.168.1.5:8080"))
        let everywhere = AllowedHosts(listenHost: "0.0.0.0")
        #expect(everywhere.allows(authority: "192.168.1.5:8080"))
        #expect(everywhere.allows(authority: "[fe80::1]:8080"))
        #expect(!everywhere.allows(authority: "attacker.example:8080"))
        #expect(!everywhere.allows(authority: "192.168.1.5.nip.io:8080"))
        let v6 = AllowedHosts(listenHost: "::1")
        #expect(v6.allows(authority: "[::1]:8080"))
        #expect(v6.allows(authority: "[::ffff:127.0.0.1]:8080"))
    }

    // Issue 14 item 8: Content/chart.png swapped for a link to a file outside the site, in the moments
    // before the rebuild notices (the watcher is held back here, so the moment lasts the whole test).
    @Test func aFileOrFolderSwappedForALinkOutOfContentIsNotServed() async throws {
        let outside = NSTemporaryDirectory() + "medsite-outside-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        let secret = "SECRET-FROM-OUTSIDE-THE-SITE"
        try Data(secret.utf8).write(to: URL(fileURLWithPath: outside + "/inner.png"))
        let site = try PreviewTestSite(extraFiles: [
            "Content/chart.png": "ORIGINAL-CHART", "Content/passwd.png": "ORIGINAL-PASSWD", "Content/third.png": "ORIGINAL-THIRD",
            "Content/fifo.png": "ORIGINAL-FIFO", "Content/img/inner.png": "ORIGINAL-INNER",
        ])
        try await withPreview(site, debounceMilliseconds: 600_000) { server in
            let port = server.port
            #expect(try await RawHTTP.fetch(port: port, "/chart.png").body == "ORIGINAL-CHART")
            #expect(try await RawHTTP.fetch(port: port, "/img/inner.png").body == "ORIGINAL-INNER")

            // All swaps in one burst (atomic renames of links over the files, as an attacker would).
            func swapForLink(_ relative: String, to target: String) throws {
                let temporary = site.path("Content/.swap-\(UUID().uuidString)")
                #expect(symlink(target, temporary) == 0)
                #expect(rename(temporary, site.path(relative)) == 0)
            }
            try swapForLink("Content/chart.png", to: outside + "/inner.png")
            try swapForLink("Content/passwd.png", to: "/etc/passwd")
            #expect(rename(site.path("Content/img"), site.path("Content/img-moved")) == 0)
            try swapForLink("Content/img", to: outside)
            // A link that stays inside Content/ is served, as `medsite build` publishes it.
            try swapForLink("Content/third.png", to: site.path("Content/img-moved/inner.png"))
            #expect(unlink(site.path("Content/fifo.png")) == 0)
            #expect(mkfifo(site.path("Content/fifo.png"), 0o644) == 0)

            for _ in 0..<100 {
                let chart = try await RawHTTP.fetch(port: port, "/chart.png")
                #expect(chart.status == 403)
                #expect(!chart.body.contains(secret))
            }
            let passwd = try await RawHTTP.fetch(port: port, "/passwd.png")
            #expect(passwd.status == 403)
            #expect(!passwd.body.contains("root:"))
            #expect(passwd.body.contains("Content/passwd.png is no longer a file inside Content/"))
            let folder = try await RawHTTP.fetch(port: port, "/img/inner.png")
            #expect(folder.status == 403)
            #expect(!folder.body.contains(secret))
            #expect(try await RawHTTP.fetch(port: port, "/third.png").body == "ORIGINAL-INNER")
            #expect(try await RawHTTP.fetch(port: port, "/fifo.png").status == 403)
        }
    }

    // Issue 14 item 14: 64 streams held by any local process locked the editor's page out (503).
    @Test func theEditorsPageGetsItsEventStreamWhenAllAreTaken() async throws {
        let site = try PreviewTestSite()
        try await withPreview(site, maxEventStreams: 3) { server in
            var hogs: [EventStream] = []
            for _ in 0..<3 { hogs.append(try await EventStream.open(port: server.port)) }
            for hog in hogs { #expect(hog.status == 200) }

            let editor = try await EventStream.open(port: server.port)
            #expect(editor.status == 200)
            #expect(try await editor.nextEvent("hello") != nil)
            // The oldest stream made room; the cap still holds.
            #expect(try await hogs[0].ends(within: 30))
            #expect(try await eventually { try await RawHTTP.fetch(port: server.port, "/__medsite/status").body.contains("\"event_streams\":3") })

            try site.edit("Content/is-there-a-cure-for-pml.md") { $0 + "\nA new sentence XYZZY-EDIT.\n" }
            #expect(try await editor.nextEvent("reload") != nil)
            #expect(try await RawHTTP.fetch(port: server.port, "/is-there-a-cure-for-pml/").body.contains("XYZZY-EDIT"))

            // A process that keeps opening streams pushes the editor's out too, but never keeps it out:
            // it reconnects (EventSource does, after `retry`) and is let in at once.
            for _ in 0..<5 { hogs.append(try await EventStream.open(port: server.port)) }
            #expect(try await editor.ends(within: 30))
            let reconnected = try await EventStream.open(port: server.port)
            #expect(reconnected.status == 200)
            #expect(try await reconnected.nextEvent("hello") != nil)
        }
    }

    // Issue 18: docs/preview.md says the problems follow each rebuild's line; a whole-site rebuild
    // listed only site-wide errors, so an article's own problems were missing from the log.
    @Test func everyRebuildListsTheProblemsInTheLog() async throws {
        let site = try PreviewTestSite()
        let lines = LogLines()
        let article = "Content/is-there-a-cure-for-pml.md"
        try await withPreview(site, log: lines) { server in
            func linesAfter(_ count: Int) -> [String] { Array(lines.all.dropFirst(count)) }
            func problemLines(_ lines: [String], _ rule: String) -> [String] {
                lines.filter { $0.hasPrefix("  \(article):") && $0.contains(": error: [\(rule)] ") && $0.contains(" — ") }
            }
            // A new title needs the whole site rebuilt; the missing reviewer is an error of this article.
            var before = lines.all.count
            try site.edit(article) { text in
                text.replacingOccurrences(of: "title: \"Is there a cure", with: "title: \"Is there any cure")
                    .replacingOccurrences(of: "reviewed_by:\n  - name: \"Dr Amelia Hart\"\n    credentials: \"MD FRCP (Neurology)\"\n  - name: \"Dr Rafael Moreno\"\n    credentials: \"MD (Infectious Diseases)\"\n", with: "")
            }
            #expect(try await eventually { linesAfter(before).contains { $0.hasPrefix("whole site rebuilt") } })
            #expect(problemLines(linesAfter(before), "required-field").count == 1, "\(linesAfter(before))")

            // medsite.yml changed: everything is rebuilt, and the article's error is listed again.
            before = lines.all.count
            try site.edit("medsite.yml") { $0 + "\n# a comment\n" }
            #expect(try await eventually { linesAfter(before).contains { $0.hasPrefix("whole site rebuilt (medsite.yml changed)") } })
            #expect(problemLines(linesAfter(before), "required-field").count == 1, "\(linesAfter(before))")

            // An edit of the body only rebuilds the article; its problems follow that line.
            before = lines.all.count
            try site.edit(article) { $0 + "\nAnother sentence.\n" }
            #expect(try await eventually { linesAfter(before).contains { $0.hasPrefix("\(article) changed: 1 page rebuilt") } })
            #expect(problemLines(linesAfter(before), "required-field").count == 1, "\(linesAfter(before))")
            _ = server
        }
    }
}
