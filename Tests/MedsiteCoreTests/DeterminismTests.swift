import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

/// Parallel and serial builds of the same site give byte-identical trees, run after run.
@Suite struct DeterminismTests {
    @Test func serialAndParallelBuildsAreByteIdentical() throws {
        var files: [String: String] = [:]
        for index in 0..<400 {
            files["Content/part\(index % 7)/a\(index).md"] = TestSite.article(
                title: "Page \(index)", slug: "page-\(index)",
                extra: "condition: \"Condition \(index % 13)\"\ntags: [t\(index % 5), shared]",
                body: "## Same heading\n\nSee [the next page](../part\(((index + 1) % 400) % 7)/a\((index + 1) % 400).md#same-heading).\n\n## Same heading\n\nMore.\n")
        }
        files["Content/leaflet.pdf"] = "%PDF-1.4 leaflet"
        let site = try TestSite(files: files)
        var trees: [TreeSnapshot] = []
        for serial in [false, true, false, true] {
            var options = site.options(today: "2026-11-20")
            options.serial = serial
            let report = SiteBuilder.build(options)
            #expect(report.exitStatus == 0, "\(report.diagnostics.filter { $0.severity == .error }.prefix(3).map(\.formatted))")
            trees.append(try TreeSnapshot(site.output))
        }
        #expect(trees[0].files.count >= 400 + 4) // pages, home, style.css, the leaflet, the marker, site pages
        for (index, tree) in trees.enumerated().dropFirst() {
            #expect(tree == trees[0], "build \(index) differs: \(tree.differences(from: trees[0]).prefix(5))")
        }
        let page = try #require(site.read("Output/page-3/index.html"))
        #expect(page.contains("href=\"../page-4/#same-heading\""))
    }

    @Test func diagnosticsComeInTheSameOrderSerialOrParallel() throws {
        var files: [String: String] = [:]
        for index in 0..<200 { files["Content/b\(index).md"] = "---\ntitle: \(index)\nmystery: x\n---\n" }
        let site = try TestSite(files: files)
        var options = site.options()
        let parallel = SiteBuilder.build(options).diagnostics.map(\.formatted)
        options.serial = true
        let serial = SiteBuilder.build(options).diagnostics.map(\.formatted)
        #expect(parallel.count > 600 && parallel == serial)
    }
}
