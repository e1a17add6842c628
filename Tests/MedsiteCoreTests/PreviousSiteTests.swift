import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteBase

/// Issue 19: an update of several files brings the previous site kept beside Output/ forward by
/// the files that differ and swaps it in, instead of linking every file into a new tree.
@Suite struct PreviousSiteTests {
    static func files(_ contents: [String: String]) -> [OutputFile] {
        contents.keys.sorted().map { OutputFile(path: $0, content: .text(contents[$0]!)) }
    }

    /// Every file under `root` (medsite's marker aside) with its text.
    static func tree(_ root: String) -> [String: String] {
        var result: [String: String] = [:]
        for path in BuildCache.files(under: root, includeLinks: true) where path != OutputWriter.markerName {
            result[path] = FileSystem.readText(FileSystem.join(root, path)) ?? "<unreadable>"
        }
        return result
    }

    static func identity(_ path: String) -> [Int] {
        var info = stat()
        guard stat(path, &info) == 0 else { return [] }
        return [Int(info.st_ino), Int(info.st_ctim.tv_sec), Int(info.st_ctim.tv_nsec)]
    }

    @Test func updatesBringThePreviousSiteForwardAndNeverTrustAStateThatDoesNotMatch() throws {
        let parent = NSTemporaryDirectory() + "medsite-previous-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let output = parent + "/Output", previous = parent + "/.Output.previous", state = previous + ".state"
        var site: [String: String] = [:]
        for index in 0..<20 { site["p\(index)/index.html"] = "page \(index), first version" }
        try OutputWriter.publish(Self.files(site), to: output)
        let untouched = output + "/p19/index.html"
        let published = Self.identity(untouched)

        @discardableResult
        func update(_ changes: [String: String], _ step: String) throws -> [String]? {
            let before = site
            for (path, text) in changes { site[path] = text }
            var files = Self.files(changes)
            // A new file is listed in the marker, as IncrementalBuild does.
            if changes.keys.contains(where: { before[$0] == nil }) {
                let listed = (site.keys + [OutputWriter.markerName]).sorted().joined(separator: "\n")
                files.append(OutputFile(path: OutputWriter.markerName, content: .text(OutputWriter.markerHeading + listed + "\n")))
            }
            let result = try OutputWriter.update(files, in: output)
            #expect(Self.tree(output) == site, "\(step): Output/ is the new site")
            #expect(result.written == files.map(\.path).filter { before[$0] != site[$0] || $0 == OutputWriter.markerName }.sorted(), "\(step)")
            if result.written.count > 1 { #expect(Self.tree(previous) == before, "\(step): the site swapped out is kept") }
            return result.touched
        }

        // No previous site yet: a whole tree of links (every file's ctime moves), the old one kept.
        #expect(try update(["p0/index.html": "page 0, v1", "p1/index.html": "page 1, v1"], "first") == nil)
        #expect(FileSystem.exists(state))
        let linked = Self.identity(untouched)
        #expect(linked.first == published.first && linked != published)

        // Brought forward: the files the last update changed are linked, this one's written.
        #expect(try update(["p1/index.html": "page 1, v2", "p2/index.html": "page 2, v2", "search/new.json": "{}"], "second")
                == ["p0/index.html"])
        #expect(Self.tree(output)["search/new.json"] == "{}", "in a folder the previous site did not have")
        #expect(Self.identity(untouched) == linked, "a file no update changed is not touched")
        // One file: renamed over its page, and remembered as a difference from the previous site.
        #expect(try update(["p5/index.html": "page 5, v3"], "one file") == ["p5/index.html"])
        #expect(try update(["p0/index.html": "page 0, v4", "p3/index.html": "page 3, v4"], "fourth")
                == [OutputWriter.markerName, "p1/index.html", "p2/index.html", "p5/index.html", "search/new.json"])
        #expect(Self.identity(untouched) == linked)
        #expect(try update(["p3/index.html": "page 3, v4"], "nothing changed") == [])

        // A state that names another folder, or a path outside the site, is never used.
        let recorded = try #require(FileSystem.readText(state))
        try recorded.replacingOccurrences(of: "\nprevious ", with: "\nprevious 1").write(toFile: state, atomically: true, encoding: .utf8)
        #expect(try update(["p6/index.html": "page 6, v5", "p7/index.html": "page 7, v5"], "another folder") == nil)
        try (try #require(FileSystem.readText(state)) + "../escaped\n").write(toFile: state, atomically: true, encoding: .utf8)
        #expect(try update(["p6/index.html": "page 6, v6", "p7/index.html": "page 7, v6"], "a path outside") == nil)
        #expect(!FileSystem.exists(parent + "/escaped"))

        // Its state lost (a kill), a previous site changed by hand is never published.
        unlink(state)
        try Data("changed by hand".utf8).write(to: URL(fileURLWithPath: previous + "/p19/index.html"), options: .atomic)
        #expect(try update(["p8/index.html": "page 8, v7", "p9/index.html": "page 9, v7"], "state lost") == nil)

        // A full build keeps the site it replaced when they differ in few files (here a changed
        // page, the marker, and a file dropped with its folder); the next update brings it forward.
        let beforeFullBuild = site
        site["p10/index.html"] = "page 10, full build"
        site["search/new.json"] = nil
        try OutputWriter.publish(Self.files(site), to: output)
        #expect(Self.tree(output) == site)
        #expect(Self.tree(previous) == beforeFullBuild, "the replaced site is kept")
        #expect(try update(["p11/index.html": "page 11, v8", "p12/index.html": "page 12, v8"], "after a full build")
                == [OutputWriter.markerName, "p10/index.html"])
        #expect(!FileSystem.exists(output + "/search"), "no folder left empty")
        #expect(Self.identity(untouched) == Self.identity(previous + "/p19/index.html"), "shared with the previous site")

        // A full build that changes more files (every one here) removes it: keeping it would double
        // the disk Output/ takes.
        for index in 20..<(StagedSite.keptDifferenceLimit + 20) { site["p\(index)/index.html"] = "page \(index)" }
        for path in site.keys { site[path] = site[path]! + " (new title)" }
        try OutputWriter.publish(Self.files(site), to: output)
        #expect(Self.tree(output) == site)
        #expect(!FileSystem.exists(previous) && !FileSystem.exists(state))
    }
}
