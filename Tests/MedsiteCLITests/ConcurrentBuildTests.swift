import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 14, item 2: builds of one site at the same moment, with real processes: two containers'
/// builds (each pid 1 in its own pid namespace), and one build suspended while another starts.
@Suite(.serialized) struct ConcurrentBuildTests {
    static func staging(in site: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: site)) ?? []).filter { $0.hasPrefix(".Output.staging-") }
    }

    /// Output/ of a clean build of the site as it is now, made in a folder of its own.
    static func reference(_ site: String) throws -> Tree {
        let folder = NSTemporaryDirectory() + "medsite-reference-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try MedsiteProcess.run(["build", "--site", site, "--now", "2026-11-23", "--no-cache", "--output", folder])
        #expect(result.status == 0, "\(result.stdout)")
        return Tree(folder)
    }

    /// Whether this kernel lets us make pid namespaces (root, no seccomp filter refusing it).
    static var unshareWorks: Bool {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare"),
              let probe = try? SpawnedProcess("/usr/bin/unshare", ["--pid", "--fork", "--mount-proc", "/bin/sh", "-c", "test $$ -eq 1"]) else { return false }
        return probe.wait(atMost: 20) == .exited(0)
    }

    @Test(.timeLimit(.minutes(15))) func twoBuildsInTwoPidNamespacesPublishOneWholeSite() throws {
        guard Self.unshareWorks else {
            print("ConcurrentBuildTests: skipped, this kernel refuses `unshare --pid --fork --mount-proc` here")
            return
        }
        let site = try GeneratedSite.make(count: 400, title: "Health A")
        defer { try? FileManager.default.removeItem(atPath: site) }
        let arguments = [MedsiteProcess.binary, "build", "--site", site, "--now", "2026-11-23"]
        let namespaced = ["--pid", "--fork", "--mount-proc"] + arguments
        var generator = SystemRandomNumberGenerator()
        for (round, title) in ["Health B", "Health A", "Health B"].enumerated() {
            try GeneratedSite.setTitle(title, site: site)
            let expected = try Self.reference(site)
            // Each medsite is pid 1 of its own namespace, as in `docker run -v $PWD:/site`.
            let first = try SpawnedProcess("/usr/bin/unshare", namespaced)
            let deadline = Date().addingTimeInterval(120)
            while Self.staging(in: site).isEmpty, !first.poll(), Date() < deadline { usleep(500) }
            usleep(UInt32.random(in: 0...100_000, using: &generator))
            let second = try SpawnedProcess("/usr/bin/unshare", namespaced)
            #expect(first.wait(atMost: 300) == .exited(0), "round \(round): \(first.output)")
            #expect(second.wait(atMost: 300) == .exited(0), "round \(round): \(second.output)")
            let published = Tree(site + "/Output")
            #expect(published == expected, "round \(round): Output/ differs from a clean build: \(published.differences(from: expected)), \(published.files.count) of \(expected.files.count) files")
            #expect(Self.staging(in: site).isEmpty, "round \(round)")
        }
    }

    @Test(.timeLimit(.minutes(15))) func aSuspendedBuildKeepsTheNextOneWaiting() throws {
        let site = try GeneratedSite.make(count: 400, title: "Health A")
        defer { try? FileManager.default.removeItem(atPath: site) }
        let arguments = ["build", "--site", site, "--now", "2026-11-23"]
        let suspended = try SpawnedProcess(MedsiteProcess.binary, arguments)
        let deadline = Date().addingTimeInterval(120)
        while Self.staging(in: site).isEmpty, !suspended.poll(), Date() < deadline { usleep(500) }
        #expect(kill(suspended.pid, SIGSTOP) == 0) // Ctrl-Z, mid-way through writing
        defer { kill(suspended.pid, SIGCONT) }
        // The editor changes the site and builds again while the first build is stopped.
        try GeneratedSite.setTitle("Health B", site: site)
        let expected = try Self.reference(site)
        let refused = try MedsiteProcess.run(arguments + ["--no-wait"])
        #expect(refused.status == 2, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stdout.contains("another build of this site is running"), "\(refused.stdout)\(refused.stderr)")
        let waiting = try SpawnedProcess(MedsiteProcess.binary, arguments)
        sleep(2)
        #expect(!waiting.poll(), "the second build waits while the first holds the site: \(waiting.output)")
        #expect(waiting.output.contains("waiting for another build of this site to finish"), "\(waiting.output)")
        kill(suspended.pid, SIGCONT)
        #expect(suspended.wait(atMost: 300) == .exited(0), "\(suspended.output)")
        #expect(waiting.wait(atMost: 300) == .exited(0), "\(waiting.output)")
        #expect(Tree(site + "/Output") == expected, "the last build's site is published")
        // And the cache vouches for what Output/ says: a further build changes nothing.
        let again = try MedsiteProcess.run(arguments)
        #expect(again.status == 0)
        #expect(Tree(site + "/Output") == expected)
    }
}
