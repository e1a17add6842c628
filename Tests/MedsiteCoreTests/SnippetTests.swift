import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

/// Snippets: standard text written once in `Snippets/`, reviewed on its own, included in pages with
/// `> [!SNIPPET] name`, rendered in place and validated once.
struct SnippetTests {
    static func snippet(title: String = "When to call 999", lastReviewed: String = "2026-02-10", extra: String = "",
                        body: String = "> [!EMERGENCY]\n> - you have chest pain that spreads to your arm\n> - you are struggling to breathe\n") -> String {
        """
        ---
        title: "\(title)"
        last_reviewed: \(lastReviewed)
        reviewed_by: "Helen Carter, RGN (Asthma Nurse Specialist)"
        \(extra)
        ---
        \(body)
        """
    }

    /// A page whose "When to get help" section includes the snippet (line 16 of the file).
    static func page(title: String = "What is asthma?", include: String = "> [!SNIPPET] call-999", lastReviewed: String = "2026-04-07",
                     extra: String = "") -> String {
        TestSite.article(title: title, extra: extra, lastReviewed: lastReviewed,
                         body: "## When to get help\n\nMost people with asthma feel well between attacks.\n\n\(include)\n\nSee your GP if your inhaler does not help.\n")
    }

    static func site(_ files: [String: String] = [:]) throws -> TestSite {
        var all = ["Content/asthma.md": page(), "Content/copd.md": page(title: "What is COPD?"),
                   "Snippets/call-999.md": snippet()]
        for (path, text) in files { all[path] = text }
        return try TestSite(files: all)
    }

    static func errors(_ report: BuildReport) -> [Diagnostic] { report.diagnostics.filter { $0.severity == .error } }

    // MARK: Rendered in place

    @Test func aSnippetIsRenderedInPlaceOnEveryPageThatIncludesIt() throws {
        let site = try Self.site()
        let report = site.build()
        #expect(report.published && report.diagnostics.filter { $0.severity != .note }.isEmpty, "\(report.diagnostics.map(\.formatted))")
        for slug in ["asthma", "copd"] {
            let page = try #require(site.read("Output/\(slug)/index.html"))
            let before = try #require(page.range(of: "Most people with asthma feel well between attacks."))
            let snippet = try #require(page.range(of: "<div class=\"snippet\" data-snippet=\"call-999\">\n<div class=\"care-card care-card--emergency\">"))
            let after = try #require(page.range(of: "See your GP if your inhaler does not help."))
            #expect(before.upperBound < snippet.lowerBound && snippet.upperBound < after.lowerBound)
            // Under a `##` section the card's heading is an h3, as a card written in the page would be.
            #expect(page.contains("<h3 class=\"care-card__heading\"><span class=\"visually-hidden\">Emergency: </span>Call 999 or go to A&amp;E now if:</h3>"))
            #expect(page.contains("<li>you have chest pain that spreads to your arm</li>"))
            #expect(!page.contains("[!SNIPPET]"))
            // The review block names the snippet's own reviewer and date.
            #expect(page.contains("<li>When to call 999: reviewed by Helen Carter, RGN (Asthma Nurse Specialist) on <time datetime=\"2026-02-10\">10 February 2026</time></li>"))
        }
    }

    @Test func aSnippetBeforeTheFirstSectionHasAnH2CardHeadingAndLinksWork() throws {
        let site = try Self.site([
            "Content/asthma.md": TestSite.article(title: "What is asthma?", body: "> [!SNIPPET] call-999\n\n## More\n\nText about asthma here.\n"),
            "Snippets/call-999.md": Self.snippet(body: "> [!EMERGENCY]\n> - you have chest pain\n\nRead [what COPD is](copd.md) and look at the ![inhaler](inhaler.png).\n"),
            "Content/inhaler.png": "not really a png",
        ])
        let report = site.build()
        #expect(report.published, "\(report.diagnostics.map(\.formatted))")
        let page = try #require(site.read("Output/asthma/index.html"))
        #expect(page.contains("<h2 class=\"care-card__heading\">"))
        #expect(page.contains("<a href=\"../copd/\">what COPD is</a>"))
        #expect(page.contains("src=\"../inhaler.png\""))
    }

    @Test func anEmergencyCardFromASnippetCountsForThePage() throws {
        let symptoms = "## Symptoms\n\nYou may have chest pain or feel faint.\n\n"
        let with = try Self.site(["Content/asthma.md": TestSite.article(body: symptoms + "> [!SNIPPET] call-999\n")])
        #expect(!with.build().has("emergency-advice-missing"))
        let without = try Self.site(["Content/asthma.md": TestSite.article(body: symptoms)])
        #expect(without.build().has("emergency-advice-missing"))
    }

    // MARK: Validated once

    @Test func aSnippetsProblemsAreReportedOnceAtTheSnippet() throws {
        let site = try Self.site(["Snippets/call-999.md": Self.snippet(body: "> [!EMERGENCY]\n> - you have chest pain\n\nRead our [guide](http://example.com/guide?utm_source=leaflet).\n")])
        let report = site.build()
        let findings = report.diagnostics.filter { $0.rule.id == "tracking-link" || $0.rule.id == "insecure-link" }
        #expect(!findings.isEmpty, "\(report.diagnostics.map(\.formatted))")
        #expect(findings.allSatisfy { $0.file == "Snippets/call-999.md" && $0.position.line == 10 })
        #expect(Set(findings.map(\.rule.id)).count == findings.count, "one of each, not one per page")
        #expect(!report.diagnostics.contains { $0.file.hasPrefix("Content/") && $0.severity != .note }, "\(report.diagnostics.map(\.formatted))")
    }

    @Test func anUnknownSnippetIsAnErrorWithASuggestion() throws {
        let site = try Self.site(["Content/asthma.md": Self.page(include: "> [!SNIPPET] call-99")])
        let report = site.build()
        #expect(!report.published && report.exitStatus == 1)
        let diagnostic = try #require(report.diagnostics.first { $0.rule == .snippetUnknown })
        #expect(diagnostic.file == "Content/asthma.md" && diagnostic.position.line == 16)
        #expect(diagnostic.message == "there is no snippet 'call-99' in Snippets/: did you mean 'call-999'?")
        #expect(diagnostic.fix == "write `> [!SNIPPET] call-999`, or create Snippets/call-99.md")
        // The name is case-sensitive, as the file's is, but the suggestion finds it.
        let upper = try Self.site(["Content/asthma.md": Self.page(include: "> [!SNIPPET] Call-999")])
        #expect(upper.build().diagnostics.first { $0.rule == .snippetUnknown }?.message.contains("did you mean 'call-999'") == true)
        let none = try Self.site(["Content/asthma.md": Self.page(include: "> [!SNIPPET]")])
        let empty = try #require(none.build().diagnostics.first { $0.rule == .snippetUnknown })
        #expect(empty.message.contains("does not say which snippet") && empty.fix?.contains("call-999") == true)
    }

    @Test func aMisspeltMarkerSuggestsSnippet() throws {
        let site = try Self.site(["Content/asthma.md": Self.page(include: "> [!SNIPET] call-999")])
        let diagnostic = try #require(site.build().diagnostics.first { $0.rule == .careCardMarker })
        #expect(diagnostic.fix?.hasPrefix("did you mean [!SNIPPET]?") == true, "\(diagnostic.formatted)")
    }

    @Test func anIncludeQuoteHoldsOnlyTheName() throws {
        let site = try Self.site(["Content/asthma.md": Self.page(include: "> [!SNIPPET] call-999\n> and then some advice")])
        let diagnostic = try #require(site.build().diagnostics.first { $0.rule == .snippetInvalid })
        #expect(diagnostic.file == "Content/asthma.md" && diagnostic.position.line == 16)
        #expect(diagnostic.fix?.contains("leave an empty line") == true)
    }

    @Test func anIncludeStandsOnItsOwnOrInAListNeverInACard() throws {
        let card = try Self.site(["Content/asthma.md": Self.page(include: "> [!URGENT]\n> > [!SNIPPET] call-999")])
        let diagnostic = try #require(card.build().diagnostics.first { $0.rule == .snippetInvalid })
        #expect(diagnostic.position.line == 17 && diagnostic.message.contains("inside a quote or a card"), "\(diagnostic.formatted)")
        let list = try Self.site(["Content/asthma.md": Self.page(include: "- Keep your inhaler with you.\n\n  > [!SNIPPET] call-999")])
        let report = list.build()
        #expect(report.published, "\(report.diagnostics.map(\.formatted))")
        #expect(list.read("Output/asthma/index.html")?.contains("<li>\n<p>Keep your inhaler with you.</p>\n<div class=\"snippet\"") == true)
    }

    @Test func anOddNameIsNotOfferedAsAFileToCreate() throws {
        let site = try Self.site(["Content/asthma.md": Self.page(include: "> [!SNIPPET] ../../etc/passwd")])
        let diagnostic = try #require(site.build().diagnostics.first { $0.rule == .snippetUnknown })
        #expect(diagnostic.message.contains("lowercase letters, digits and hyphens") && diagnostic.fix == "use one of call-999")
    }

    @Test func aSnippetCannotIncludeASnippet() throws {
        let site = try Self.site(["Snippets/pregnancy.md": Self.snippet(title: "Pregnancy", body: "Ask a pharmacist first.\n\n> [!SNIPPET] call-999\n"),
                                  "Snippets/call-999.md": Self.snippet(body: "> [!SNIPPET] call-999\n")])
        let report = site.build()
        #expect(!report.published)
        let nested = report.diagnostics.filter { $0.rule == .snippetNested }
        #expect(nested.map(\.file).sorted() == ["Snippets/call-999.md", "Snippets/pregnancy.md"])
        #expect(nested.first { $0.file == "Snippets/pregnancy.md" }?.position.line == 9)
        #expect(nested.allSatisfy { $0.message.contains("('call-999')") && $0.fix?.contains("include both snippets in the article") == true })
    }

    @Test(arguments: [
        ("---\ntitle: \"When to call 999\"\nlast_reviewed: 2026-02-10\n---\nText.\n", "required-field", 4, "'reviewed_by' is required"),
        ("---\ntitle: \"When to call 999\"\ndescription: \"x\"\nlast_reviewed: 2026-02-10\nreviewed_by: \"Dr A, MD\"\n---\nText.\n", "unknown-field", 3, "unknown field 'description'"),
        ("---\ntitle: When to call: 999\nlast_reviewed: 2026-02-10\nreviewed_by: \"Dr A, MD\"\n---\nText.\n", "frontmatter-syntax", 2, "title"),
        ("---\ntitle: \"When to call 999\"\nlast_reviewed: 2026-02-31\nreviewed_by: \"Dr A, MD\"\n---\nText.\n", "invalid-date", 3, "last_reviewed"),
        ("Just text, no front matter.\n", "frontmatter-missing", 1, "no front matter"),
        ("---\ntitle: \"When to call 999\"\nlast_reviewed: 2026-02-10\nreviewed_by: \"Dr A, MD\"\n---\n## Call 999\n\nText.\n", "snippet-invalid", 6, "cannot hold a heading"),
    ])
    func aSnippetWithBadFrontMatterOrContentSaysWhereAndHowToFixIt(text: String, rule: String, line: Int, words: String) throws {
        let site = try Self.site(["Snippets/call-999.md": text])
        let report = site.build()
        #expect(!report.published)
        let diagnostic = try #require(report.diagnostics.first { $0.rule.id == rule }, "\(report.diagnostics.map(\.formatted))")
        #expect(diagnostic.file == "Snippets/call-999.md" && diagnostic.position.line == line, "\(diagnostic.formatted)")
        #expect(diagnostic.message.contains(words), "\(diagnostic.message)")
        #expect(diagnostic.fix?.isEmpty == false)
        // The pages that include it are not told the snippet does not exist.
        #expect(!report.has("snippet-unknown"))
    }

    @Test(arguments: [
        ("Snippets/Call 999.md", "cannot be written after [!SNIPPET]", "Snippets/call-999.md"),
        ("Snippets/call-999.txt", "holds only snippets", "end in .md"),
        ("Snippets/emergency/call-999.md", "not from folders inside it", "move the snippets"),
    ])
    func aFileThatCannotBeASnippetIsNamed(path: String, words: String, fix: String) throws {
        let site = try TestSite(files: ["Content/asthma.md": TestSite.article(), path: Self.snippet()])
        let report = site.build()
        #expect(!report.published && report.exitStatus == 1)
        let diagnostic = try #require(report.diagnostics.first { $0.rule == .snippetInvalid })
        #expect(path.hasPrefix(diagnostic.file) && diagnostic.message.contains(words) && diagnostic.fix?.contains(fix) == true,
                "\(diagnostic.formatted)")
    }

    // MARK: Reviews: dates, the ledger

    @Test func aPagesNextReviewIsTheEarliestOfItsOwnAndItsSnippets() throws {
        // The snippet is due 2027-06-01; the pages on their own in 2029.
        let site = try Self.site(["Snippets/call-999.md": Self.snippet(extra: "next_review: 2027-06-01")])
        _ = site.build()
        let page = try #require(site.read("Output/asthma/index.html"))
        #expect(page.contains("Next review due: 1 June 2027"))
        let (schedule, _) = ReviewSchedule.load(siteDirectory: site.root, today: CalendarDate(iso: "2026-11-23")!)
        let entries = try #require(schedule).entries
        let asthma = try #require(entries.first { $0.path == "Content/asthma.md" })
        #expect(asthma.nextReview == CalendarDate(iso: "2027-06-01") && asthma.dueBecause?.contains("the snippet 'call-999'") == true)
        let snippet = try #require(entries.first { $0.path == "Snippets/call-999.md" })
        #expect(snippet.isSnippet && snippet.lastReviewed == CalendarDate(iso: "2026-02-10"))
        let text = ReviewReport.format(try #require(schedule), entries: entries, as: .text)
        #expect(text.contains("due early: the snippet 'call-999' (Snippets/call-999.md) it includes is due for review on 2027-06-01"))
        #expect(text.contains("2 articles and 1 snippet as of 2026-11-23"))
    }

    @Test func anOverdueSnippetMakesItsPagesOverdue() throws {
        let site = try Self.site(["Snippets/call-999.md": Self.snippet(lastReviewed: "2023-01-10")])
        let report = site.build()
        #expect(report.published)
        let own = try #require(report.diagnostics.first { $0.rule == .reviewOverdue && $0.file == "Snippets/call-999.md" })
        #expect(own.position.line == 3 && own.message.contains("2026-01-10") && own.fix?.contains("update last_reviewed") == true)
        let page = try #require(report.diagnostics.first { $0.rule == .reviewOverdue && $0.file == "Content/asthma.md" })
        #expect(page.position.line == 16 && page.message.contains("because the snippet 'call-999' (Snippets/call-999.md) it includes is due for review on 2026-01-10"))
        #expect(page.fix == "have a clinician review Snippets/call-999.md, then update its last_reviewed")
        #expect(site.read("Output/asthma/index.html")?.contains("data-medsite=\"overdue\"") == true)
        // Under `review.overdue: unpublish` the pages that include it are withheld.
        try site.write("medsite.yml", TestSite.settings + "\nreview:\n  overdue: unpublish\n")
        let withheld = site.build()
        #expect(withheld.withheld.sorted() == ["Content/asthma.md", "Content/copd.md"], "\(withheld.diagnostics.map(\.formatted))")
        #expect(withheld.diagnostics.first { $0.file == "Snippets/call-999.md" }?.message.contains("the pages that include it are NOT published") == true)
    }

    @Test func aSnippetHasItsOwnLedgerEntryAndAChangeNeedsItsReview() throws {
        let site = try Self.site()
        #expect(site.build().published)
        let ledger = try #require(site.read(ReviewLedger.fileName))
        #expect(ledger.contains("  - path: Snippets/call-999.md\n    last_reviewed: 2026-02-10\n    reviewer: \"Helen Carter, RGN (Asthma Nurse Specialist)\""))
        let asthma = try #require(site.read("Output/asthma/index.html"))
        // The snippet's text changed, its review date did not: the snippet is flagged, not the pages.
        try site.write("Snippets/call-999.md", Self.snippet(body: "> [!EMERGENCY]\n> - you have chest pain\n"))
        let report = site.build()
        #expect(!report.published)
        let diagnostic = try #require(report.diagnostics.first { $0.rule == .changedSinceReview })
        #expect(diagnostic.file == "Snippets/call-999.md" && diagnostic.position.line == 3 && diagnostic.message.contains("snippet's clinical content"))
        #expect(report.diagnostics.filter { $0.rule == .changedSinceReview }.count == 1)
        #expect(site.read("Output/asthma/index.html") == asthma)
        // Reviewed: every page that includes it is rebuilt with the new text.
        try site.write("Snippets/call-999.md", Self.snippet(lastReviewed: "2026-11-20", body: "> [!EMERGENCY]\n> - you have chest pain\n"))
        let reviewed = site.build()
        #expect(reviewed.published && Self.errors(reviewed).isEmpty, "\(reviewed.diagnostics.map(\.formatted))")
        for slug in ["asthma", "copd"] {
            let page = try #require(site.read("Output/\(slug)/index.html"))
            #expect(!page.contains("spreads to your arm") && page.contains("you have chest pain") && page.contains("20 November 2026"))
        }
        #expect(site.read(ReviewLedger.fileName)?.contains("Snippets/call-999.md\n    last_reviewed: 2026-11-20") == true)
        // The page's own entry did not move: its reviewer read the include line, not the snippet.
        #expect(site.read(ReviewLedger.fileName)?.contains("Content/asthma.md\n    last_reviewed: 2026-04-07") == true)
    }

    @Test func includingASnippetIsAChangeToThePage() throws {
        let site = try Self.site(["Content/asthma.md": Self.page(include: "")])
        _ = site.build()
        try site.write("Content/asthma.md", Self.page())
        #expect(site.build().has("changed-since-review", file: "Content/asthma.md"))
    }

    // MARK: The build cache, the one-edit rebuild, the preview

    @Test func theCacheAndTheOneEditRebuildRenderSnippetsAsACleanBuildDoes() throws {
        var files: [String: String] = [:]
        for index in 0..<8 {
            files["Content/page-\(index).md"] = Self.page(title: "Page \(index)", include: index % 2 == 0 ? "> [!SNIPPET] call-999" : "")
        }
        let site = try Self.site(files)
        // Edits without a review are the point here: the ledger is tested on its own.
        try site.write("medsite.yml", TestSite.settings + "\nrules:\n  changed-since-review: off\n")
        #expect(site.build().published)
        #expect(site.build().published) // the cache now holds the site
        func cleanOutput() throws -> [String: String] {
            let other = NSTemporaryDirectory() + "medsite-clean-" + UUID().uuidString
            var options = site.options()
            options.outputDirectory = other
            options.useCache = false
            #expect(SiteBuilder.build(options).published)
            var pages: [String: String] = [:]
            for index in 0..<8 { pages["page-\(index)"] = try String(contentsOfFile: other + "/page-\(index)/index.html", encoding: .utf8) }
            return pages
        }
        // A text-only edit of a page that includes the snippet: the one-edit path.
        try site.write("Content/page-2.md", Self.page(title: "Page 2").replacingOccurrences(of: "feel well", with: "feel fine"))
        #expect(site.build().published)
        #expect(site.read("Output/page-2/index.html")?.contains("feel fine") == true)
        #expect(site.read("Output/page-2/index.html")?.contains("data-snippet=\"call-999\"") == true)
        // A snippet edit (reviewed): a full rebuild of the pages that include it.
        try site.write("Snippets/call-999.md", Self.snippet(lastReviewed: "2026-11-22", body: "> [!EMERGENCY]\n> - your lips turn blue\n"))
        #expect(site.build().published)
        let clean = try cleanOutput()
        for index in 0..<8 {
            let page = try #require(site.read("Output/page-\(index)/index.html"))
            #expect(page == clean["page-\(index)"], "page-\(index)")
            #expect(page.contains("your lips turn blue") == (index % 2 == 0))
        }
        // The cache reuses the result; diagnostics agree with a clean build.
        var clean2 = site.options()
        clean2.useCache = false
        #expect(site.build().diagnostics == SiteBuilder.build(clean2).diagnostics)
    }
}
