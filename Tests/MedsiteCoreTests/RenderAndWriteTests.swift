import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

@Suite struct RenderAndWriteTests {
    static let bareArticleTemplate = """
    {{<layout}}{{$content}}<h1>{{article.title}}</h1>{{{article.body}}}{{/content}}{{/layout}}
    """

    @Test func templateWithoutSafetyBlocksGetsThemInsertedBeforeMainWithAWarning() throws {
        let site = try TestSite(files: ["Content/pml.md": TestSite.article(),
                                        "Templates/article.mustache": Self.bareArticleTemplate])
        let report = site.build()
        #expect(report.exitStatus == 0)
        let warning = try #require(report.diagnostics.first { $0.rule.id == "template-missing-safety-block" && $0.message.contains("disclaimer") })
        #expect(warning.severity == .warning)
        #expect(warning.file == "Templates/article.mustache")
        #expect(report.has("template-missing-safety-block") && report.diagnostics.contains { $0.message.contains("review dates") })
        let page = try #require(site.read("Output/pml/index.html"))
        let main = try #require(page.range(of: "</main>"))
        let disclaimer = try #require(page.range(of: "This information does not replace advice from your doctor."))
        let review = try #require(page.range(of: "Page last reviewed: 7 April 2026"))
        #expect(disclaimer.lowerBound < main.lowerBound && review.lowerBound < main.lowerBound)
        #expect(page.contains("Next review due: 7 April 2029"))
        #expect(page.contains("Reviewed by Dr Amelia Hart, MD FRCP"))
    }

    @Test func templateWithoutMainGetsSafetyBlocksBeforeBody() throws {
        let site = try TestSite(files: [
            "Content/pml.md": TestSite.article(),
            "Templates/layout.mustache": "<!DOCTYPE html><html><body>{{$content}}{{/content}}</body></html>",
            "Templates/article.mustache": Self.bareArticleTemplate,
        ])
        #expect(site.build().exitStatus == 0)
        let page = try #require(site.read("Output/pml/index.html"))
        #expect(page.contains("Page last reviewed: 7 April 2026"))
        #expect(page.range(of: "data-medsite=\"disclaimer\"")!.lowerBound < page.range(of: "</body>")!.lowerBound)
    }

    @Test func aDisclaimerMarkerWithTheWrongTextDoesNotCount() throws {
        let template = "{{<layout}}{{$content}}<aside data-medsite=\"disclaimer\">Not medical advice.</aside>{{> partials/review}}{{/content}}{{/layout}}"
        let site = try TestSite(files: ["Content/pml.md": TestSite.article(), "Templates/article.mustache": template])
        let report = site.build()
        #expect(report.diagnostics.contains { $0.rule.id == "template-missing-safety-block" && $0.message.contains("disclaimer") })
        #expect(!report.diagnostics.contains { $0.message.contains("review dates") })
        #expect(site.read("Output/pml/index.html")?.contains("This information does not replace advice from your doctor.") == true)
    }

    @Test func defaultThemeNeedsNoInsertion() throws {
        let site = try TestSite(files: ["Content/pml.md": TestSite.article()])
        let report = site.build()
        #expect(report.diagnostics.isEmpty)
        #expect(report.pages.allSatisfy { $0.inserted.isEmpty })
    }

    @Test func failedBuildLeavesThePreviousOutputExactlyAsItWas() throws {
        let site = try TestSite(files: ["Content/pml.md": TestSite.article()])
        #expect(site.build().exitStatus == 0)
        let before = try Self.snapshot(site.output)
        try site.write("Content/broken.md", "---\ntitle: Broken\n---\n")
        try site.write("Content/pml.md", TestSite.article(title: "Changed title"))
        let report = site.build()
        #expect(report.exitStatus == 1)
        #expect(!report.published)
        #expect(try Self.snapshot(site.output) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root).filter { $0.contains("staging") }
        #expect(leftovers.isEmpty)
    }

    @Test func refusesToReplaceAFolderMedsiteDidNotWrite() throws {
        let site = try TestSite(files: ["Content/pml.md": TestSite.article(), "Output/precious.txt": "keep me"])
        let report = site.build()
        #expect(report.exitStatus == 2)
        #expect(report.has("output-failed"))
        #expect(site.read("Output/precious.txt") == "keep me")
    }

    @Test func draftsAreNotPublishedAndTheirErrorsDoNotBlockTheSite() throws {
        let site = try TestSite(files: ["Content/pml.md": TestSite.article(),
                                        "Content/wip.md": "---\ntitle: Work in progress\ndraft: true\n---\n"])
        let report = site.build()
        #expect(report.exitStatus == 0)
        #expect(report.draftsSkipped == 1)
        #expect(report.diagnostics.allSatisfy { $0.severity == .warning && $0.file == "Content/wip.md" })
        #expect(!FileManager.default.fileExists(atPath: site.output + "/wip"))
        #expect(site.read("Output/index.html")?.contains("Work in progress") == false)
    }

    @Test func contentAssetsAreCopiedAtTheirPath() throws {
        let site = try TestSite(files: ["Content/pml.md": TestSite.article(), "Content/images/brain.svg": "<svg/>"])
        #expect(site.build().exitStatus == 0)
        #expect(site.read("Output/images/brain.svg") == "<svg/>")
        #expect(site.read("Output/assets/style.css")?.contains("prefers-color-scheme") == true)
    }

    @Test func linksToSourceFilesBecomePageAddressesAndHeadingsGetIDs() throws {
        let body = "## Why it matters\n\nSee [the other page](neuro/other.md#what-causes-it) and [here](#why-it-matters).\n\n## Sources\n\nText.\n"
        let site = try TestSite(files: ["Content/pml.md": TestSite.article(body: body),
                                        "Content/neuro/other.md": TestSite.article(title: "Other", slug: "other-page")])
        #expect(site.build().exitStatus == 0)
        let page = try #require(site.read("Output/pml/index.html"))
        #expect(page.contains("<a href=\"../other-page/#what-causes-it\">the other page</a>"))
        #expect(page.contains("<h2 id=\"why-it-matters\">Why it matters"))
        // The theme's own "Sources" section has id="sources"; the body's heading must not collide with it.
        #expect(page.contains("<h2 id=\"sources-2\">Sources"))
        #expect(page.contains("<h2 id=\"sources\">Sources</h2>"))
    }

    @Test func homePageListsArticlesGroupedByConditionAToZ() throws {
        let site = try TestSite(files: [
            "Content/a.md": TestSite.article(title: "Zeta", extra: "condition: Migraine"),
            "Content/b.md": TestSite.article(title: "Alpha", extra: "condition: Asthma"),
            "Content/c.md": TestSite.article(title: "Beta", extra: "condition: asthma care"),
        ])
        #expect(site.build().exitStatus == 0)
        let home = try #require(site.read("Output/index.html"))
        let asthma = try #require(home.range(of: ">Asthma<")), migraine = try #require(home.range(of: ">Migraine<"))
        #expect(asthma.lowerBound < migraine.lowerBound)
        #expect(home.contains("href=\"b/\">Alpha</a>"))
    }

    @Test func frontMatterTextIsEscapedInPages() throws {
        let site = try TestSite(files: ["Content/pml.md": TestSite.article(title: "<script>alert(1)</script> \\\"quoted\\\"")])
        #expect(site.build().exitStatus == 0)
        let page = try #require(site.read("Output/pml/index.html"))
        #expect(!page.contains("<script>alert(1)"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func embeddedThemeMatchesTemplatesFolder() throws {
        let folder = TestSite.repositoryRoot + "/Templates/"
        for (path, text) in DefaultTheme.files {
            #expect(try String(contentsOfFile: folder + path, encoding: .utf8) == text, "\(path) differs from Templates/")
        }
        let onDisk = FileManager.default.enumerator(atPath: folder)!.compactMap { $0 as? String }
            .filter { !FileSystem.isDirectory(folder + $0) }
        #expect(Set(onDisk) == Set(DefaultTheme.files.keys))
    }

    static func snapshot(_ root: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: root)! where !FileSystem.isDirectory(root + "/" + path) {
            result[path] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + path))
        }
        return result
    }
}
