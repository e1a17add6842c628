import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 14, item 3: a text-only rebuild of several pages (the cache's fast path) is as atomic as a
/// full build: killed at any moment or out of disk space, Output/ is the old site or the new one.
@Suite(.serialized) struct AtomicUpdateTests {
    static let edited = 30  // within IncrementalBuild's limit, so the fast path runs

    /// Body text only (what other pages see of the articles stays), in the first `edited` articles.
    static func setWording(_ wording: String, site: String, count: Int = edited) throws {
        for index in 0..<count {
            let path = site + "/Content/a\(index).md"
            var text = try String(contentsOfFile: path, encoding: .utf8)
            for other in ["plain words", "simple words"] { text = text.replacingOccurrences(of: other, with: wording) }
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    static func temporaryFiles(_ tree: Tree) -> [String] {
        tree.files.keys.filter { $0.contains(".medsite-tmp") || $0.contains(".medsite-updating") }.sorted()
    }

    /// What a build leaves beside Output/ besides its lock and the previous site an update keeps
    /// (PreviousSiteTests).
    static func besideOutput(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter {
            $0.hasPrefix(".Output.") && ![".Output.lock", ".Output.previous", ".Output.previous.state"].contains($0)
        }
    }

    @Test(.timeLimit(.minutes(20))) func killedMultiPageRebuildsNeverMixTwoSites() throws {
        let site = try GeneratedSite.make(count: 400, title: "Health A")
        defer { try? FileManager.default.removeItem(atPath: site) }
        let arguments = ["build", "--site", site, "--now", "2026-11-23"]
        let output = site + "/Output"
        #expect(try MedsiteProcess.run(arguments).status == 0)
        let plain = Tree(output)
        try Self.setWording("simple words", site: site)
        var started = Date()
        let timed = try MedsiteProcess.run(arguments)
        let rebuild = Date().timeIntervalSince(started)
        #expect(timed.status == 0)
        let simple = Tree(output)
        #expect(plain.differences(from: simple).count == 5, "the edited pages differ")
        let pages = (0..<Self.edited).map { output + "/a\($0)/index.html" }
        #expect(pages.allSatisfy { FileManager.default.fileExists(atPath: $0) }, "pages at their slugs")
        func inodes() -> [UInt] {
            pages.map { var info = stat(); return stat($0, &info) == 0 ? UInt(info.st_ino) : 0 }
        }

        var generator = SystemRandomNumberGenerator()
        var previous = (wording: "simple words", tree: simple)
        var killed = 0, killedAsPagesChanged = 0
        let rounds = Int(ProcessInfo.processInfo.environment["MEDSITE_KILL_ROUNDS"] ?? "") ?? 12
        for round in 0..<rounds {
            let next = previous.wording == "plain words" ? (wording: "simple words", tree: simple) : (wording: "plain words", tree: plain)
            try Self.setWording(next.wording, site: site)
            let before = inodes()
            started = Date()
            let build = try SpawnedProcess(MedsiteProcess.binary, arguments)
            if round % 2 == 0 {
                usleep(UInt32(Double.random(in: 0...(rebuild * 1.2), using: &generator) * 1_000_000))
            } else {
                // The moment the first page is replaced: the worst moment for a page-by-page update.
                while inodes() == before, !build.poll(), Date().timeIntervalSince(started) < 60 {}
                killedAsPagesChanged += build.poll() ? 0 : 1
            }
            build.kill()
            if build.ending == .signaled(SIGKILL) { killed += 1 }
            let afterKill = Tree(output)
            #expect(afterKill == previous.tree || afterKill == next.tree,
                    "round \(round): a mixture: \(afterKill.differences(from: previous.tree)) old vs \(afterKill.differences(from: next.tree)) new")
            #expect(Self.temporaryFiles(afterKill).isEmpty, "round \(round): \(Self.temporaryFiles(afterKill))")
            let again = try MedsiteProcess.run(arguments)
            #expect(again.status == 0, "round \(round): \(again.stdout)")
            #expect(Tree(output) == next.tree, "round \(round)")
            #expect(Self.besideOutput(site).isEmpty, "round \(round): \(Self.besideOutput(site))")
            previous = next
        }
        #expect(killed >= rounds / 2 && killedAsPagesChanged >= rounds / 4,
                "kills landed: \(killed), \(killedAsPagesChanged) as the pages changed")
        print("AtomicUpdateTests: \(rounds) rounds, \(killed) killed, \(killedAsPagesChanged) as the first page changed; rebuild \(String(format: "%.2f", rebuild)) s")
    }

    @Test(.timeLimit(.minutes(10))) func aFullDiskLeavesTheOldSiteAndSaysSoTruly() throws {
        let mountPoint = NSTemporaryDirectory() + "medsite-tmpfs-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: mountPoint) }
        let mount = try SpawnedProcess("/bin/mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", mountPoint])
        guard mount.wait(atMost: 20) == .exited(0) else {
            print("AtomicUpdateTests: full-disk test skipped, mounting a tmpfs is not permitted here: \(mount.output)")
            return
        }
        defer { _ = try? SpawnedProcess("/bin/umount", [mountPoint]).wait(atMost: 20) }
        let generated = try GeneratedSite.make(count: 120, title: "Health A")
        defer { try? FileManager.default.removeItem(atPath: generated) }
        let site = mountPoint + "/site"
        try FileManager.default.copyItem(atPath: generated, toPath: site)
        let cache = NSTemporaryDirectory() + "medsite-cache-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let arguments = ["build", "--site", site, "--now", "2026-11-23", "--cache", cache]
        let output = site + "/Output"
        #expect(try MedsiteProcess.run(arguments).status == 0)
        let old = Tree(output)

        try Self.setWording("simple words", site: site)
        // Fill the disk, then leave room for half a page: no new page fits (a page-by-page update
        // frees each old page as it renames the new one over it, so it needs room for one).
        let filler = mountPoint + "/filler"
        let descriptor = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let block = [UInt8](repeating: 0x61, count: 4096)
        while block.withUnsafeBytes({ write(descriptor, $0.baseAddress!, $0.count) }) == 4096 {}
        let pageSize = try #require(old.files["a0/index.html"]).count
        var info = stat()
        fstat(descriptor, &info)
        #expect(ftruncate(descriptor, info.st_size - off_t(pageSize / 2)) == 0)
        close(descriptor)

        let failed = try MedsiteProcess.run(arguments)
        #expect(failed.status == 2, "\(failed.stdout)")
        #expect(failed.stdout.contains("[output-failed]"), "\(failed.stdout)")
        let afterFailure = Tree(output)
        #expect(afterFailure == old, "Output/ is the old site: \(afterFailure.differences(from: old))")
        #expect(failed.stdout.contains("Output/ is unchanged") == (afterFailure == old), "every message is true: \(failed.stdout)")
        #expect(Self.temporaryFiles(afterFailure).isEmpty, "\(Self.temporaryFiles(afterFailure))")
        #expect(Self.besideOutput(site).isEmpty, "\(Self.besideOutput(site))")

        try FileManager.default.removeItem(atPath: filler)
        let built = try MedsiteProcess.run(arguments)
        #expect(built.status == 0, "\(built.stdout)")
        let expected = Tree(output)
        #expect(expected != old)
        let reference = NSTemporaryDirectory() + "medsite-reference-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: reference) }
        #expect(try MedsiteProcess.run(["build", "--site", site, "--now", "2026-11-23", "--no-cache", "--output", reference]).status == 0)
        #expect(Tree(reference) == expected, "after the disk is freed, the new site in full")
    }
}
