import Foundation
import Testing

/// Same input and `--now` → byte-identical Output/, across separate processes (Swift seeds its
/// hashing per process, so any output that followed Dictionary order would differ), site folders,
/// wall-clock times and SOURCE_DATE_EPOCH.
@Suite struct DeterministicOutputTests {
    /// The sample site plus generated articles, copied to a fresh folder.
    static func sampleSite() throws -> String {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        var files: [String: String] = [:]
        for index in 0..<300 { files["Content/generated/a\(index).md"] = GeneratedSite.article(index, count: 300) }
        let site = try MedsiteProcess.makeSite(files)
        for item in ["Content", "Snippets", "medsite.yml"] {
            let source = repository + "/" + item
            if item == "Content" {
                for entry in try FileManager.default.contentsOfDirectory(atPath: source) {
                    try FileManager.default.copyItem(atPath: source + "/" + entry, toPath: site + "/Content/" + entry)
                }
            } else {
                try FileManager.default.copyItem(atPath: source, toPath: site + "/" + item)
            }
        }
        return site
    }

    @Test func outputIsByteIdenticalAcrossRunsFoldersAndClocks() throws {
        let first = try Self.sampleSite(), second = try Self.sampleSite()
        defer { for site in [first, second] { try? FileManager.default.removeItem(atPath: site) } }
        func build(_ site: String, environment: [String: String] = [:], now: String? = "2026-11-20") throws -> Tree {
            let result = try MedsiteProcess.run(["build", "--site", site] + (now.map { ["--now", $0] } ?? []), environment: environment)
            #expect(result.status == 0, "\(result.stdout)")
            return Tree(site + "/Output")
        }
        let reference = try build(first)
        #expect(reference.files.count > 300)
        sleep(1) // a timestamp with one-second resolution would now differ
        #expect(try build(first) == reference, "rebuild differs")
        #expect(try build(second) == reference, "another folder differs")
        // 2026-11-20T12:00:00Z: the same day given by SOURCE_DATE_EPOCH instead of --now.
        #expect(try build(second, environment: ["SOURCE_DATE_EPOCH": "1795176000"], now: nil) == reference)
        let faketime = "/usr/bin/faketime"
        // libfaketime's clock interposition does not finish under the sanitizers; `make sanitize` sets this.
        let underSanitizer = ProcessInfo.processInfo.environment["MEDSITE_SANITIZER"] != nil
        #expect(FileManager.default.isExecutableFile(atPath: faketime), "install faketime (Debian package; `make test` does)")
        if FileManager.default.isExecutableFile(atPath: faketime), !underSanitizer {
            // A build run with the wall clock years away must not differ either.
            let run = try SpawnedProcess(faketime, ["-f", "+3000d", MedsiteProcess.binary, "build", "--site", second, "--now", "2026-11-20"])
            #expect(run.wait(atMost: 300) == .exited(0), "\(run.output)")
            #expect(Tree(second + "/Output") == reference, "the wall clock leaked into the output")
        }
        let pages = reference.files.filter { $0.key.hasSuffix(".html") }.map { String(decoding: $0.value, as: UTF8.self) }
        let today = Self.todayStrings()
        #expect(!pages.contains { page in today.contains { page.contains($0) } }, "today's date appears in a page")
    }

    /// Today's date (UTC) as pages would spell it, unless it happens to be the --now day.
    static func todayStrings() -> [String] {
        let now = Date()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        let iso = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        guard iso != "2026-11-20" else { return [] }
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return [iso, "\(parts.day!) \(months[parts.month! - 1]) \(parts.year!)"]
    }
}
