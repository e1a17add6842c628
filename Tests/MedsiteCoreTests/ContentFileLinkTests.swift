import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteValidate

/// Images and files in Content/, linked from an article: published at the copy's address, and
/// reported when missing.
@Suite struct ContentFileLinkTests {
    static let bodyLine = 12

    func build(_ body: String, path: String = "Content/pml.md", files: [String: String] = [:]) throws -> (BuildReport, TestSite) {
        var all = files
        all[path] = TestSite.article(body: "## What causes it?\n\n" + body)
        let site = try TestSite(files: all)
        return (site.build(), site)
    }

    @Test func imagesAndFilesGetTheAddressOfTheirCopy() throws {
        let (report, site) = try build("![A red rash](shingles-rash.png)\n\nRead the [leaflet](leaflets/aciclovir.pdf#page=2).\n",
                                       files: ["Content/shingles-rash.png": "png", "Content/leaflets/aciclovir.pdf": "pdf"])
        #expect(!report.diagnostics.contains { $0.severity == .error }, "\(report.diagnostics)")
        let page = try #require(site.read("Output/pml/index.html"))
        #expect(page.contains("<img src=\"../shingles-rash.png\" alt=\"A red rash\""))
        #expect(page.contains("<a href=\"../leaflets/aciclovir.pdf#page=2\">leaflet</a>"))
        #expect(site.read("Output/shingles-rash.png") == "png")
    }

    @Test func filesNextToAnArticleInAFolder() throws {
        let (report, site) = try build("![A plate of food](plate.png)\n", path: "Content/diabetes/diet.md",
                                       files: ["Content/diabetes/plate.png": "png"])
        #expect(!report.has("broken-link"), "\(report.diagnostics)")
        let page = try #require(site.read("Output/diet/index.html"))
        #expect(page.contains("<img src=\"../diabetes/plate.png\""))
    }

    @Test func aMissingImageOrFileIsABrokenLinkAtItsLine() throws {
        let (report, _) = try build("![A red rash](shingles-rahs.png)\n\nRead the [leaflet](leaflet.pdf).\n",
                                    files: ["Content/shingles-rash.png": "png"])
        let broken = report.diagnostics.filter { $0.rule.id == "broken-link" }
        #expect(broken.map(\.position.line) == [Self.bodyLine + 2, Self.bodyLine + 4])
        #expect(broken.first?.message.contains("did you mean 'shingles-rash.png'") == true)
        #expect(broken.allSatisfy { $0.severity == .error })
    }

    @Test func emptyAltTextAndEmptyLinkTextAreErrors() throws {
        let (report, _) = try build("![](rash.png)\n\nSee [](https://www.nhs.uk/conditions/shingles/).\n",
                                    files: ["Content/rash.png": "png"])
        #expect(report.diagnostics.contains { $0.rule.id == "image-alt" && $0.severity == .error && $0.position.line == Self.bodyLine + 2 })
        let empty = try #require(report.diagnostics.first { $0.rule.id == "empty-link-text" })
        #expect(empty.severity == .error && empty.position.line == Self.bodyLine + 4)
        #expect(empty.fix?.contains("[") == true)
    }

    @Test func everyImageButTheFirstLoadsLazily() throws {
        let (_, site) = try build("![One](a.png)\n\n![Two](b.png)\n\n![Three](c.png)\n",
                                  files: ["Content/a.png": "a", "Content/b.png": "b", "Content/c.png": "c"])
        let page = try #require(site.read("Output/pml/index.html"))
        #expect(page.contains("<img src=\"../a.png\" alt=\"One\""))
        #expect(page.contains("<img loading=\"lazy\" src=\"../b.png\""))
        #expect(page.contains("<img loading=\"lazy\" src=\"../c.png\""))
    }

    @Test func webAddressesAndPageAddressesAreLeftAlone() throws {
        let (report, site) = try build("See [the NHS](https://www.nhs.uk/conditions/shingles/) and [the search page](../search/).\n")
        #expect(!report.has("broken-link"))
        let page = try #require(site.read("Output/pml/index.html"))
        #expect(page.contains("href=\"https://www.nhs.uk/conditions/shingles/\""))
        #expect(page.contains("href=\"../search/\""))
    }

    /// The byte test that turns most links away before the Character-by-Character one agrees with it.
    @Test func theByteTestAgreesWithTheCharacterTest() {
        let pieces = ["a", "leaflet", ".", ".md", ".pdf", "/", "..", "?", "#", "page=2", "index.html", "é", "%20", "x.png",
                      "https:", "mailto:", "\u{0600}", "\u{301}", " ", "-", "folder/"]
        var random = SeededGenerator(seed: 11)
        func below(_ count: Int) -> Int { Int.random(in: 0..<count, using: &random) }
        var files = 0
        for _ in 0..<4000 {
            let url = (0..<(1 + below(6))).map { _ in pieces[below(pieces.count)] }.joined()
            for directory in ["", "diabetes", "a/b"] {
                let fast = SiteLinks.contentFile(url, from: directory), full = SiteLinks.contentFileByCharacter(url, from: directory)
                #expect(fast?.contentPath == full?.contentPath && fast?.written == full?.written && fast?.suffix == full?.suffix, "\(url)")
                if full != nil { files += 1 }
            }
        }
        #expect(files > 500)
    }
}
