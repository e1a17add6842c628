import Foundation
import Testing

/// `--cache DIR` and `--no-cache` on the real binary.
@Suite struct BuildCacheOptionTests {
    static let article = """
    ---
    title: "What is PML?"
    description: "A rare infection of the brain."
    last_reviewed: 2026-04-07
    reviewed_by: "Dr Amelia Hart, MD FRCP"
    sources:
      - title: "PML"
        url: "https://www.ninds.nih.gov/health-information/disorders/progressive-multifocal-leukoencephalopathy"
    ---
    The JC virus causes it.
    """

    @Test func cacheFolderOptionAndNoCache() throws {
        let site = try MedsiteProcess.makeSite(["medsite.yml": BuildCommandTests.settings, "Content/pml.md": Self.article])
        let cache = site + "/ci-cache"
        let first = try MedsiteProcess.run(["build", "--site", site, "--now", "2026-11-23", "--cache", cache])
        #expect(first.status == 0)
        #expect(FileManager.default.fileExists(atPath: cache + "/build.bin"))
        #expect(!FileManager.default.fileExists(atPath: site + "/.medsite-cache"))
        let second = try MedsiteProcess.run(["build", "--site", site, "--now", "2026-11-23", "--cache", cache])
        #expect(second.status == 0 && second.stdout.range(of: #"Built [0-9]+ pages"#, options: .regularExpression) != nil)
        let uncached = try MedsiteProcess.run(["build", "--site", site, "--now", "2026-11-23", "--no-cache"])
        #expect(uncached.status == 0)
        #expect(!FileManager.default.fileExists(atPath: site + "/.medsite-cache"))
        #expect(FileManager.default.fileExists(atPath: site + "/Output/pml/index.html"))
    }
}
