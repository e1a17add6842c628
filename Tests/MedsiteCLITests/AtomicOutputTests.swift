import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A generated site big enough that a build takes a while, so it can be killed at many moments.
enum GeneratedSite {
    static func settings(title: String) -> String {
        """
        title: \(title)
        base_url: https://health.example.org/
        language: en-GB
        disclaimers:
          general: "This information does not replace advice from your doctor."
        default_disclaimer: general
        # These sites' edits test publishing, not reviews (review integrity: ReviewLedgerTests).
        rules:
          changed-since-review: off
        """
    }

    static func article(_ index: Int, count: Int) -> String {
        let paragraph = "People with article \(index) often ask what the condition means for daily life. "
            + "This paragraph explains it in plain words, with a link to [the next page](a\((index + 1) % count).md). "
        return """
        ---
        title: "Article number \(index)"
        description: "What article \(index) says, in one sentence."
        condition: "Condition \(index % 40)"
        last_reviewed: 2026-04-07
        reviewed_by: "Dr Amelia Hart, MD FRCP"
        sources:
          - title: "Source \(index)"
            url: "https://www.nhs.uk/conditions/source-\(index)/"
            publisher: "Example Health"
        ---
        ## What is it?

        \(String(repeating: paragraph, count: 12))

        ## What helps?

        - Rest
        - Fluids
        - Talking to your doctor

        \(String(repeating: paragraph, count: 12))

        """
    }

    /// Writes `count` articles; the settings' title, shown on every page, is the variant.
    static func make(count: Int, title: String) throws -> String {
        var files = ["medsite.yml": settings(title: title)]
        for index in 0..<count { files["Content/a\(index).md"] = article(index, count: count) }
        return try MedsiteProcess.makeSite(files)
    }

    static func setTitle(_ title: String, site: String) throws {
        try settings(title: title).write(toFile: site + "/medsite.yml", atomically: true, encoding: .utf8)
    }
}

/// Every file of a tree with its bytes.
struct Tree: Equatable {
    let files: [String: Data]

    init(_ root: String) {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = FileManager.default.contents(atPath: root + "/" + path) ?? Data("<unreadable>".utf8)
            }
        }
        self.files = files
    }

    func differences(from other: Tree) -> [String] {
        Array(Set(files.keys).union(other.files.keys).filter { files[$0] != other.files[$0] }.sorted().prefix(5))
    }
}

/// SIGKILL at many moments of real builds: Output/ is always one complete site, never a mixture,
/// and the next build removes what the killed one left behind.
@Suite(.serialized) struct AtomicOutputTests {
    static let rounds = Int(ProcessInfo.processInfo.environment["MEDSITE_KILL_ROUNDS"] ?? "") ?? 10

    func leftovers(in site: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: site)) ?? []).filter {
            $0.hasPrefix(".Output.") && ![".Output.lock", ".Output.previous", ".Output.previous.state"].contains($0)
        }
    }

    @Test(.timeLimit(.minutes(20))) func killedBuildsNeverLeaveAPartialSite() throws {
        let site = try GeneratedSite.make(count: 400, title: "Health A")
        defer { try? FileManager.default.removeItem(atPath: site) }
        let arguments = ["build", "--site", site, "--now", "2026-11-23"]
        let output = site + "/Output"

        // The two complete sites a killed build may leave: the previous one, or the new one.
        var started = Date()
        let first = try SpawnedProcess(MedsiteProcess.binary, arguments)
        #expect(first.wait(atMost: 300) == .exited(0), "\(first.output)")
        let fullBuild = Date().timeIntervalSince(started)
        let siteA = Tree(output)
        try GeneratedSite.setTitle("Health B", site: site)
        // How long a build takes to reach its write phase (the staging folder), so that some kills
        // surely land before it.
        started = Date()
        let second = try SpawnedProcess(MedsiteProcess.binary, arguments)
        var untilStaging = fullBuild
        while !second.poll() {
            if !leftovers(in: site).isEmpty { untilStaging = min(untilStaging, Date().timeIntervalSince(started)) }
            usleep(500)
        }
        #expect(second.ending == .exited(0))
        let siteB = Tree(output)
        #expect(siteA.files.count > 400 && siteA.files.count == siteB.files.count)
        #expect(siteA.differences(from: siteB).count == 5, "every page shows the site title")

        var generator = SystemRandomNumberGenerator()
        var killedDuringWrite = 0, killedBeforeWrite = 0, finishedFirst = 0
        var previous = (name: "Health B", tree: siteB)
        for round in 0..<Self.rounds {
            let next = previous.name == "Health A" ? (name: "Health B", tree: siteB) : (name: "Health A", tree: siteA)
            try GeneratedSite.setTitle(next.name, site: site)
            let build = try SpawnedProcess(MedsiteProcess.binary, arguments)
            var sawStaging = false
            if round % 2 == 0 {
                // Anywhere in the build (load, parse, validate and render while pages are staged, swap),
                // or, every other time, early: while the articles are still being parsed.
                let latest = round % 4 == 0 ? fullBuild * 1.1 : untilStaging * 0.5
                usleep(UInt32(Double.random(in: 0...latest, using: &generator) * 1_000_000))
                sawStaging = !leftovers(in: site).isEmpty
            } else {
                // Inside the write phase: wait for the staging folder, then a little longer.
                let deadline = Date().addingTimeInterval(fullBuild * 3 + 10)
                while leftovers(in: site).isEmpty, !build.poll(), Date() < deadline { usleep(500) }
                sawStaging = !leftovers(in: site).isEmpty
                usleep(UInt32.random(in: 0...150_000, using: &generator))
            }
            build.kill()
            if build.ending == .signaled(SIGKILL) {
                if sawStaging { killedDuringWrite += 1 } else { killedBeforeWrite += 1 }
            } else {
                finishedFirst += 1
                #expect(build.ending == .exited(0))
            }

            let afterKill = Tree(output)
            #expect(afterKill == previous.tree || afterKill == next.tree,
                    "round \(round): Output/ is a mixture: \(afterKill.differences(from: previous.tree))")
            if build.ending == .exited(0) { #expect(afterKill == next.tree) }

            // The next build publishes the new site and clears what the killed build left.
            let rebuild = try SpawnedProcess(MedsiteProcess.binary, arguments)
            #expect(rebuild.wait(atMost: 300) == .exited(0), "\(rebuild.output)")
            #expect(Tree(output) == next.tree, "round \(round)")
            #expect(leftovers(in: site).isEmpty, "round \(round): \(leftovers(in: site))")
            previous = next
        }
        // The kills must really have landed inside builds, including the write phase.
        #expect(killedDuringWrite >= Self.rounds / 4, "killed in write phase: \(killedDuringWrite)")
        #expect(killedBeforeWrite >= 1, "killed before the write phase: \(killedBeforeWrite)")
        print("AtomicOutputTests: \(Self.rounds) kills; \(killedBeforeWrite) before the write phase, \(killedDuringWrite) during it, \(finishedFirst) finished first; full build \(String(format: "%.2f", fullBuild)) s, write phase after \(String(format: "%.2f", untilStaging)) s")
    }

    @Test func failedBuildLeavesThePreviousOutputUnchanged() throws {
        let site = try GeneratedSite.make(count: 20, title: "Health A")
        defer { try? FileManager.default.removeItem(atPath: site) }
        let arguments = ["build", "--site", site, "--now", "2026-11-23"]
        #expect(try MedsiteProcess.run(arguments).status == 0)
        let before = Tree(site + "/Output")
        try "---\ntitle: broken\n".write(toFile: site + "/Content/a3.md", atomically: true, encoding: .utf8)
        let result = try MedsiteProcess.run(arguments)
        #expect(result.status == 1)
        #expect(result.stdout.contains("Content/a3.md:1:1: error: [frontmatter-syntax]"))
        #expect(Tree(site + "/Output") == before)
        #expect(leftovers(in: site).isEmpty)
    }

    @Test func refusesToReplaceAFolderItDidNotWrite() throws {
        let site = try GeneratedSite.make(count: 3, title: "Health A")
        let documents = site + "/Documents"
        try FileManager.default.createDirectory(atPath: documents, withIntermediateDirectories: true)
        try "precious".write(toFile: documents + "/thesis.txt", atomically: true, encoding: .utf8)
        let result = try MedsiteProcess.run(["build", "--site", site, "--now", "2026-11-23", "--output", documents])
        #expect(result.status == 2)
        #expect(result.stdout.contains("[output-failed]"))
        #expect(try String(contentsOfFile: documents + "/thesis.txt", encoding: .utf8) == "precious")
        #expect(try FileManager.default.contentsOfDirectory(atPath: documents) == ["thesis.txt"])
    }
}
