import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Files medsite may not read, and an output folder it may not write. Root reads and writes
/// anything, so as root the binary is run as `nobody` (setpriv, util-linux).
@Suite struct UnreadableFileTests {
    static let settings = GeneratedSite.settings(title: "Health")

    func runUnprivileged(_ arguments: [String]) throws -> (SpawnedProcess.Ending?, String) {
        let process: SpawnedProcess
        if geteuid() == 0 {
            process = try SpawnedProcess("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", MedsiteProcess.binary] + arguments)
        } else {
            process = try SpawnedProcess(MedsiteProcess.binary, arguments)
        }
        let ending = process.wait(atMost: 120)
        return (ending, process.output)
    }

    @Test func unreadableArticleFolderAndTemplateAreReported() throws {
        let site = try MedsiteProcess.makeSite([
            "medsite.yml": Self.settings,
            "Content/a.md": GeneratedSite.article(1, count: 3),
            "Content/locked.md": GeneratedSite.article(2, count: 3),
            "Content/private/b.md": GeneratedSite.article(0, count: 3),
            "Templates/partials/sources.mustache": "<ol></ol>\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: site) }
        #expect(chmod(site + "/Content/locked.md", 0) == 0)
        #expect(chmod(site + "/Content/private", 0) == 0)
        #expect(chmod(site + "/Templates/partials/sources.mustache", 0) == 0)
        defer { chmod(site + "/Content/private", 0o755) }
        let (ending, output) = try runUnprivileged(["build", "--site", site, "--now", "2026-11-23"])
        #expect(ending == .exited(1) || ending == .exited(2), "\(output)")
        #expect(output.contains("Content/locked.md:1:1: error: [unreadable-file] the file could not be read: Permission denied"), "\(output)")
        #expect(output.contains("Content/private:1:1: error: [unreadable-file] the folder could not be read"), "\(output)")
        #expect(output.contains("Templates/partials/sources.mustache:1:1: error: [unreadable-file]"), "\(output)")
        #expect(!FileManager.default.fileExists(atPath: site + "/Output"))
    }

    @Test func outputFolderThatCannotBeWrittenIsReported() throws {
        let site = try MedsiteProcess.makeSite(["medsite.yml": Self.settings, "Content/a0.md": GeneratedSite.article(0, count: 1)])
        defer { try? FileManager.default.removeItem(atPath: site) }
        #expect(chmod(site, 0o555) == 0) // readable, not writable: no staging folder can be made
        let (ending, output) = try runUnprivileged(["build", "--site", site, "--now", "2026-11-23"])
        #expect(ending == .exited(2), "\(output)")
        #expect(output.contains("error: [output-failed]") && output.contains("Permission denied"), "\(output)")
        #expect(!FileManager.default.fileExists(atPath: site + "/Output"))
    }
}
