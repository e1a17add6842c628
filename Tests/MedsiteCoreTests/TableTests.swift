import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteParse

/// Tables as the site publishes them (accessible markup, captions, diagnostics); the GFM spec's own
/// examples are in `TableConformanceTests`.
@Suite struct TableTests {
    /// The body starts on line 12 of `TestSite.article`.
    static let bodyLine = 12

    static let doses = """
    ## Doses

    Table: Aciclovir doses by age

    | Age | Dose | How long |
    | --- | ---: | :---: |
    | 12 to 17 | 800 mg five times a day | 7 days |
    | 18 and over | 800 mg five times a day | 7 days |

    Take each dose with water.

    """

    func build(_ body: String, files: [String: String] = [:]) throws -> (BuildReport, TestSite) {
        var all = files
        all["Content/pml.md"] = TestSite.article(body: body)
        let site = try TestSite(files: all)
        return (site.build(), site)
    }

    @Test func aTableIsPublishedWithHeadersCaptionAndAScrollRegion() throws {
        let (report, site) = try build(Self.doses)
        #expect(!report.diagnostics.contains { $0.severity == .error }, "\(report.diagnostics)")
        let page = try #require(site.read("Output/pml/index.html"))
        #expect(page.contains("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"table-1\">"))
        #expect(page.contains("<caption id=\"table-1\">Aciclovir doses by age</caption>"))
        #expect(page.contains("<th scope=\"col\">Age</th><th scope=\"col\" class=\"align-right\">Dose</th><th scope=\"col\" class=\"align-center\">How long</th>"))
        #expect(page.contains("<td>12 to 17</td><td class=\"align-right\">800 mg five times a day</td><td class=\"align-center\">7 days</td>"))
        // The caption paragraph became the caption: it is not published twice.
        #expect(!page.contains("<p>Table:"))
        #expect(!page.contains("| Age |"))
        #expect(!report.has("long-sentence"), "table cells are not one run-on sentence")
    }

    @Test func aTableWithoutCaptionIsNamedByItsColumns() throws {
        let (_, site) = try build("## Doses\n\n| Age | Dose |\n| --- | --- |\n| 12 to 17 | 800 mg |\n")
        let page = try #require(site.read("Output/pml/index.html"))
        #expect(page.contains("aria-label=\"Table: Age, Dose\""))
        #expect(!page.contains("<caption"))
    }

    @Test func cellTextIsCheckedLikeAnyText() throws {
        let (report, _) = try build("## Doses\n\n| Where | Dose |\n| --- | --- |\n| [leaflet](http://example.org/a) | 800 mg |\n")
        let line = Self.bodyLine + 4
        #expect(report.diagnostics.contains { $0.rule.id == "insecure-link" && $0.position.line == line && $0.position.column == 3 },
                "\(report.diagnostics.map { "\($0.rule.id) \($0.position)" })")
    }

    @Test func linesWithoutTheDashesLineAreAnError() throws {
        let (report, _) = try build("## Doses\n\n| Aciclovir | 800 mg five times a day | 7 days |\n| Valaciclovir | 1 g three times a day | 7 days |\n")
        let problem = try #require(report.diagnostics.first { $0.rule.id == "table-malformed" })
        #expect(problem.position.line == Self.bodyLine + 2)
        #expect(problem.severity == .error)
        #expect(problem.message.contains("no line of dashes"))
        #expect(problem.fix?.contains("| --- | --- |") == true)
    }

    @Test func aDashesLineWithTheWrongCountIsAnError() throws {
        let (report, _) = try build("## Doses\n\n| Age | Dose | How long |\n| --- | --- |\n| 12 | 800 mg | 7 days |\n")
        let problem = try #require(report.diagnostics.first { $0.rule.id == "table-malformed" })
        #expect(problem.position.line == Self.bodyLine + 2)
        #expect(problem.message.contains("3 cells") && problem.message.contains("2 columns"))
        #expect(problem.fix?.contains("| --- | --- | --- |") == true)
    }

    @Test func raggedRowsAreErrorsAtTheirLine() throws {
        let (report, _) = try build("## Doses\n\n| Age | Dose |\n| --- | --- |\n| 12 to 17 |\n| 18 | 800 mg | extra |\n")
        let lines = report.diagnostics.filter { $0.rule.id == "table-malformed" }.map(\.position.line)
        #expect(lines == [Self.bodyLine + 4, Self.bodyLine + 5])
    }

    @Test func aListIntroFollowedByATableIsFine() throws {
        let (report, _) = try build("## Doses\n\nThe doses are:\n\n| Age | Dose |\n| --- | --- |\n| 12 | 800 mg |\n")
        #expect(!report.has("dangling-list-intro"))
        #expect(!report.has("heading-structure"))
    }

    @Test func cellsAreInlineTextOnly() {
        let document = MarkdownDocument(markdown: "| a |\n| - |\n| - 5 mg |\n| # not a heading |\n| 1. not a list |\n")
        let html = document.renderHTML()
        #expect(html.contains("<td>- 5 mg</td>"))
        #expect(html.contains("<td># not a heading</td>"))
        #expect(html.contains("<td>1. not a list</td>"))
    }

    @Test func aPageWithoutTablesIsUnchanged() {
        let markdown = "## Heading\n\nText with a | pipe.\n\n- item | more\n"
        #expect(MarkdownDocument(markdown: markdown).renderHTML() == MarkdownDocument(markdown: markdown, tables: .spec).renderHTML())
        #expect(!MarkdownDocument(markdown: markdown).renderHTML().contains("<table"))
    }
}
