import Foundation
import Testing

@Suite struct CheckCommandTests {
    static var repository: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }
    static var promotional: String { repository + "/Tests/MedsiteCoreTests/Fixtures/promotional" }

    @Test func checkWritesNothingAndFailsOnErrors() throws {
        let site = try MedsiteProcess.makeSite(["medsite.yml": BuildCommandTests.settings,
                                                "Content/a.md": "---\ntitle: A\n---\n<div>x</div>\n"])
        let result = try MedsiteProcess.run(["check", "--site", site, "--now", "2026-11-23"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("Content/a.md:4:1: error: [raw-html]"))
        #expect(result.stdout.contains("Checked 1 article"))
        #expect(!FileManager.default.fileExists(atPath: site + "/Output"))
    }

    /// The real program's output, as a terminal would get it: YAML mistakes in words, with the line and
    /// a caret; escapes from the front matter shown, not acted on.
    @Test func terminalOutputShowsTheLineAndNeverRawEscapes() throws {
        let site = try MedsiteProcess.makeSite([
            "medsite.yml": BuildCommandTests.settings,
            "Content/a.md": "---\ntitle: Shingles: what to expect\n---\nBody\n",
            "Content/b.md": "---\ntitle: \"\\e[2K\\r\\e[1Aforged\\e]0;owned\\a\"\ndisclaimer: \"\\e[31mred\\u202E\"\n---\nBody\n",
        ])
        let result = try MedsiteProcess.run(["check", "--site", site, "--now", "2026-11-23"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("""
            Content/a.md:2:16: error: [frontmatter-syntax] the title contains ': ', which YAML reads as the start of another field \
            — put the title in double quotes: title: "Shingles: what to expect"
                2 | title: Shingles: what to expect
                  |                ^

            """), "\(result.stdout)")
        #expect(!result.stdout.contains("\u{1B}") && !result.stdout.contains("\u{7}") && !result.stdout.contains("\r")
                && !result.stdout.contains("\u{202E}"), "\(result.stdout.debugDescription)")
        #expect(result.stdout.contains("disclaimer '<U+001B>[31mred<U+202E>' is not defined"), "\(result.stdout)")
    }

    @Test func sampleSiteChecksClean() throws {
        let result = try MedsiteProcess.run(["check", "--site", Self.repository, "--now", "2026-11-23"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("0 errors · 0 warnings"))
    }

    @Test func jsonIsOneDocumentWithArticles() throws {
        let result = try MedsiteProcess.run(["check", "--site", Self.repository, "--now", "2026-11-23", "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let articles = try #require(object["articles"] as? [[String: Any]])
        #expect(articles.count == 7)
        let diet = try #require(articles.first { $0["slug"] as? String == "type-2-diabetes-diet" })
        #expect(diet["path"] as? String == "Content/diabetes/type-2-diabetes-diet.md")
        #expect((diet["word_count"] as? Int ?? 0) > 300)
        #expect(diet["readability_grade"] is Double)
    }

    @Test func githubAnnotations() throws {
        let result = try MedsiteProcess.run(["check", "--site", Self.promotional, "--now", "2026-11-23", "--format", "github"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("::error file=") && result.stdout.contains("/Content/pml-treatment-market-report.md,line=12,col=3,title=medsite [promotional-language]::"))
    }

    @Test func buildTakesTheFormatFlag() throws {
        let result = try MedsiteProcess.run(["build", "--site", Self.promotional, "--now", "2026-11-23", "--format", "json",
                                             "--output", NSTemporaryDirectory() + "medsite-never-" + UUID().uuidString])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["published"] as? Bool == false)
    }

    @Test func explainListsAndExplains() throws {
        let list = try MedsiteProcess.run(["explain"])
        #expect(list.status == 0 && list.stdout.contains("tracking-link") && list.stdout.contains("review-overdue"))
        let one = try MedsiteProcess.run(["explain", "dangling-list-intro"])
        #expect(one.status == 0 && one.stdout.contains("Fix:"))
        let typo = try MedsiteProcess.run(["explain", "raw-htm"])
        #expect(typo.status == 2 && typo.stderr.contains("did you mean 'raw-html'?"))
    }

    @Test func reviewScheduleFormats() throws {
        let text = try MedsiteProcess.run(["review", "--site", Self.repository, "--now", "2026-11-23"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Next change: 2028-08-03 (Content/diabetes/type-2-diabetes-diet.md becomes due soon)"), "\(text.stdout)")
        let csv = try MedsiteProcess.run(["review", "--site", Self.repository, "--now", "2028-08-10", "--format", "csv", "--within", "30"])
        #expect(csv.stdout.split(separator: "\r\n").count == 2)
        #expect(csv.stdout.contains("Content/diabetes/type-2-diabetes-diet.md,type-2-diabetes-diet,Eating well with type 2 diabetes,due soon,2025-09-02,2028-09-02,23,"))
        let json = try MedsiteProcess.run(["review", "--site", Self.repository, "--now", "2028-09-03", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let articles = try #require(object["articles"] as? [[String: Any]])
        #expect(articles.first?["status"] as? String == "overdue")
    }
}
