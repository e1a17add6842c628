import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

/// Every content rule with content that triggers it and content that does not.
@Suite struct ContentRulesTests {
    func check(body: String = "## What causes it?\n\nThe JC virus.\n", extra: String = "", lastReviewed: String = "2026-04-07",
               settings: String = TestSite.settings, today: String = "2026-11-23",
               others: [String: String] = [:]) throws -> BuildReport {
        var files = ["Content/pml.md": TestSite.article(extra: extra, lastReviewed: lastReviewed, body: body)]
        for (path, text) in others { files[path] = text }
        return try TestSite(settings: settings, files: files).check(today: today)
    }

    // MARK: review schedule

    @Test func reviewOverdueWarnsAfterTheDueDateOnly() throws {
        let overdue = try check(lastReviewed: "2023-04-07", today: "2026-04-08")
        #expect(overdue.has("review-overdue", line: 4))
        #expect(overdue.diagnostics.first { $0.rule.id == "review-overdue" }?.severity == .warning)
        let dueToday = try check(lastReviewed: "2023-04-07", today: "2026-04-07")
        #expect(!dueToday.has("review-overdue"))
        #expect(dueToday.has("review-due-soon"))
    }

    @Test func reviewOverdueCanBeAnError() throws {
        let report = try check(lastReviewed: "2023-04-07", settings: TestSite.settings + "\nreview:\n  overdue: error\n")
        #expect(report.diagnostics.first { $0.rule.id == "review-overdue" }?.severity == .error)
        #expect(report.exitStatus == 1)
    }

    @Test func reviewDueSoonIsANoteWithinTheConfiguredDays() throws {
        let soon = try check(lastReviewed: "2023-12-01", today: "2026-11-23")
        let note = try #require(soon.diagnostics.first { $0.rule.id == "review-due-soon" })
        #expect(note.severity == .note)
        #expect(note.message.contains("in 8 days"))
        let notYet = try check(lastReviewed: "2023-12-01", settings: TestSite.settings + "\nreview:\n  due_soon_days: 7\n")
        #expect(!notYet.has("review-due-soon"))
        #expect(!notYet.has("review-overdue"))
    }

    @Test func reviewIntervalRejectsLateOrBackwardsNextReview() throws {
        let tooLate = try check(extra: "next_review: 2030-01-01")
        #expect(tooLate.has("review-interval", line: 10))
        #expect(tooLate.exitStatus == 1)
        let backwards = try check(extra: "next_review: 2026-04-07")
        #expect(backwards.has("review-interval"))
        let fine = try check(extra: "next_review: 2027-04-07")
        #expect(!fine.has("review-interval"))
        #expect(fine.exitStatus == 0)
    }

    @Test func missingCredentialsNamesTheReviewer() throws {
        let text = TestSite.article().replacingOccurrences(of: "\"Dr Amelia Hart, MD FRCP\"", with: "\"Dr Amelia Hart\"")
        let report = try TestSite(files: ["Content/pml.md": text]).check()
        #expect(report.has("missing-credentials", line: 5))
        #expect(!(try check()).has("missing-credentials"))
    }

    // MARK: links

    @Test func insecureLinkInBodyAndSources() throws {
        let body = try check(body: "See [the NHS](http://www.nhs.uk/conditions/asthma/).\n")
        #expect(body.has("insecure-link", line: 12))
        let source = TestSite.article().replacingOccurrences(of: "url: \"https://www.ninds", with: "url: \"http://www.ninds")
        #expect(try TestSite(files: ["Content/pml.md": source]).check().has("insecure-link", line: 8))
        #expect(!(try check(body: "See [the NHS](https://www.nhs.uk/).\n")).has("insecure-link"))
    }

    @Test func trackingLinkCatchesParametersAffiliatesAndShorteners() throws {
        for url in ["https://example.org/a?utm_source=x", "https://example.org/?fbclid=1", "https://example.org/?gclid=1",
                    "https://example.org/?mc_eid=1", "https://shop.example.org/?aff_id=7", "https://www.amazon.co.uk/dp/B0?tag=me-21",
                    "https://www.ebay.com/itm/1?ref=abc", "https://bit.ly/3xyz"] {
            #expect(try check(body: "Read [this](\(url)).\n").has("tracking-link"), "\(url)")
        }
        for url in ["https://example.org/search?q=asthma", "https://github.com/x/y?tag=v1", "https://example.org/?ref=docs"] {
            #expect(!(try check(body: "Read [this](\(url)).\n")).has("tracking-link"), "\(url)")
        }
        let source = TestSite.article().replacingOccurrences(of: "leukoencephalopathy\"", with: "leukoencephalopathy?utm_medium=x\"")
        #expect(try TestSite(files: ["Content/pml.md": source]).check().has("tracking-link", line: 8))
    }

    @Test func unsafeURLOutsideRasterImages() throws {
        #expect(try check(body: "[click](javascript:alert(1))\n").has("unsafe-url", line: 12))
        #expect(try check(body: "[click](VBScript:msgbox)\n").has("unsafe-url"))
        #expect(try check(body: "[file](data:text/html;base64,PHNjcmlwdD4=)\n").has("unsafe-url"))
        #expect(try check(body: "![A chart](data:image/svg+xml;base64,PHN2Zz4=)\n").has("unsafe-url"))
        #expect(!(try check(body: "![A red dot](data:image/png;base64,iVBORw0KGgo=)\n")).has("unsafe-url"))
        #expect(!(try check(body: "[mail us](mailto:team@example.org)\n")).has("unsafe-url"))
    }

    @Test func brokenLinkChecksPagesAndAnchors() throws {
        let other = TestSite.article(title: "Other", body: "## Reducing the risk\n\nText.\n")
        func report(_ body: String) throws -> BuildReport {
            try check(body: "## Causes\n\nText.\n\n" + body + "\n", others: ["Content/dir/other.md": other])
        }
        for good in ["[a](dir/other.md)", "[a](dir/other.md#reducing-the-risk)", "[a](../other/)", "[a](/other/#sources)",
                     "[a](#causes)", "[a](#disclaimer)", "[a](../)", "[a](https://example.org/x#nowhere)"] {
            #expect(!(try report(good)).has("broken-link"), "\(good)")
        }
        for bad in ["[a](dir/othr.md)", "[a](dir/other.md#reducing-risk)", "[a](../nowhere/)", "[a](/nowhere/)",
                    "[a](#cause)", "[a](../other/#nope)", "[a](/dir/other.md)"] {
            let result = try report(bad)
            #expect(result.has("broken-link", line: 16), "\(bad)")
            #expect(result.exitStatus == 1, "\(bad)")
        }
        #expect(try report("[a](dir/othr.md)").diagnostics.contains { $0.message.contains("did you mean 'dir/other.md'?") })
    }

    @Test func linkToADraftIsAWarning() throws {
        let draft = TestSite.article(title: "Draft", extra: "draft: true")
        let report = try check(body: "See [the draft](draft.md).\n", others: ["Content/draft.md": draft])
        let finding = try #require(report.diagnostics.first { $0.rule.id == "broken-link" })
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("draft"))
    }

    // MARK: language

    @Test func promotionalLanguageInBodyAndFrontMatter() throws {
        let body = try check(body: "## Offer\n\nUse our Discount Code today.\n")
        let finding = try #require(body.diagnostics.first { $0.rule.id == "promotional-language" })
        #expect(finding.position == SourcePosition(line: 14, column: 9))
        #expect(try check(body: "Buy\nnow!\n").has("promotional-language"))
        let title = TestSite.article(title: "Order now: asthma inhalers")
        #expect(try TestSite(files: ["Content/pml.md": title]).check().has("promotional-language", line: 2))
        #expect(!(try check(body: "Nobody should buy nowhere-near-safe supplements.\n")).has("promotional-language"))
    }

    @Test func unsupportedClaimAndSitePhrases() throws {
        #expect(try check(body: "This is a miracle cure.\n").has("unsupported-claim"))
        #expect(try check(body: "It has no side effects and is 100% natural.\n").diagnostics.filter { $0.rule.id == "unsupported-claim" }.count == 2)
        #expect(try check(body: "Doctors don’t want you to know. They don't want you to know.\n").has("unsupported-claim"))
        #expect(!(try check(body: "Most people have mild side effects.\n")).has("unsupported-claim"))
        #expect(!(try check(body: "There is no miracle cure. No medicine is 100% safe, and it isn’t a cure-all.\n")).has("unsupported-claim"))
        #expect(try check(body: "No more pain with this miracle cure.\n").has("unsupported-claim"))
        #expect(try check(body: "It isn't expensive, and it has no side effects.\n").has("unsupported-claim"))
        #expect(!(try check(body: "Most people have no side effects, or only a sore arm.\n")).has("unsupported-claim"))
        let settings = TestSite.settings + "\nphrases:\n  unsupported_claims: [\"reverses ageing\"]\n  promotional: [\"book your scan\"]\n"
        let custom = try check(body: "It Reverses Ageing. Book your scan.\n", settings: settings)
        #expect(custom.has("unsupported-claim") && custom.has("promotional-language"))
    }

    // MARK: structure

    @Test func rawHTMLIsReportedButCommentsAreNot() throws {
        #expect(try check(body: "<div>Hidden words</div>\n").has("raw-html", line: 12))
        #expect(try check(body: "Some <b>bold</b> text.\n").has("raw-html"))
        #expect(!(try check(body: "<!-- editor note -->\n\nText with `<b>` in code.\n")).has("raw-html"))
    }

    /// A browser ends a comment at `<!-->`, `<!--->` or `--!>`, and cmark drops the whole line or
    /// block a comment starts: words a browser would show never reach the page.
    @Test func commentsThatHideWordsAreReported() throws {
        let cases: [(body: String, line: Int, says: String)] = [
            ("<!-->Take two tablets a day. -->\n", 12, "'Take two tablets a day."),
            ("<!--->Take two tablets a day. -->\n", 12, "'Take two tablets a day."),
            ("Intro.\n\n<!-- a note --!> Take two tablets a day. -->\n", 14, "'Take two tablets a day."),
            ("<!-- note --> Take two tablets a day.\n", 12, "'Take two tablets a day.'"),
            ("Intro.\n\n<!-- a note that is never closed\n\nTake two tablets a day.\n\nSee your GP.\n", 14, "lines 14 to 18"),
            // In a list item the comment hides the rest of the item.
            ("- Rest.\n  <!-- a note never closed\n\n  Do not take more than 8 in 24 hours.\n\nSee your GP.\n", 13, "lines 13 to 15"),
        ]
        for (body, line, says) in cases {
            let report = try check(body: body)
            let finding = try #require(report.diagnostics.first { $0.rule.id == "raw-html" }, "\(body)")
            #expect(finding.position.line == line, "\(body)")
            #expect(finding.severity == .error)
            #expect(finding.message.contains(says), "\(finding.message)")
            #expect(finding.message.contains("not published"), "\(finding.message)")
            #expect(!finding.formatted.contains("cmark") && !finding.formatted.contains("safe mode"), "\(finding.formatted)")
        }
        // Comments that hide only themselves stay allowed, one after another or over several lines.
        for body in ["<!-- a --> <!-- b -->\n\nText.\n", "<!-- a note\nover two lines -->\n\nText.\n", "<!---->\n\nText.\n",
                     "Text <!-- inline note --> here.\n"] {
            #expect(!(try check(body: body)).has("raw-html"), "\(body)")
        }
    }

    @Test func danglingListIntro() throws {
        #expect(try check(body: "This may include:\n\nSomething else.\n").has("dangling-list-intro", line: 12))
        #expect(try check(body: "Treatment may include:\n").has("dangling-list-intro"))
        #expect(!(try check(body: "This may include:\n\n- rest\n- fluids\n")).has("dangling-list-intro"))
        #expect(!(try check(body: "1. Use it:\n   - every day\n")).has("dangling-list-intro"))
    }

    @Test func duplicateParagraph() throws {
        let paragraph = "Natalizumab stops some immune cells from getting into the brain."
        let report = try check(body: "\(paragraph)\n\nOther text.\n\n\(paragraph.uppercased())\n")
        #expect(report.has("duplicate-paragraph", line: 16))
        #expect(!(try check(body: "\(paragraph)\n\nOther text.\n")).has("duplicate-paragraph"))
        #expect(!(try check(body: "Call 999.\n\nCall 999.\n")).has("duplicate-paragraph"))
    }

    @Test func headingStructure() throws {
        #expect(try check(body: "# Title again\n\nText.\n").has("heading-structure", line: 12))
        #expect(try check(body: "## A\n\nText.\n\n#### B\n\nText.\n").has("heading-structure", line: 16))
        #expect(try check(body: "## Empty\n\n## Full\n\nText.\n").has("heading-structure", line: 12))
        #expect(try check(body: "## Last\n").has("heading-structure"))
        #expect(!(try check(body: "## A\n\n### A1\n\nText.\n\n## B\n\nText.\n")).has("heading-structure"))
    }

    @Test func imageAlt() throws {
        #expect(try check(body: "![](chart.png)\n").has("image-alt", line: 12))
        #expect(!(try check(body: "![Peak flow chart](chart.png)\n")).has("image-alt"))
    }

    // MARK: readability

    static let hardText = "Immunosuppressive pharmacotherapeutic interventions necessitate comprehensive longitudinal monitoring of hematological parameters. "
    static let easyText = "Use your inhaler every day. It keeps your lungs calm. Do not stop it on your own. Ask your nurse if you are not sure. "

    @Test func readabilityWarnsAboveTheMaximumGrade() throws {
        let hard = try check(body: String(repeating: Self.hardText, count: 6) + "\n")
        let warning = try #require(hard.diagnostics.first { $0.rule.id == "readability" })
        #expect(warning.severity == .warning)
        #expect(!(try check(body: String(repeating: Self.easyText, count: 4) + "\n")).has("readability"))
        let relaxed = TestSite.settings + "\nreadability:\n  max_grade: 20\n"
        #expect(!(try check(body: String(repeating: Self.easyText + Self.hardText, count: 3) + "\n", settings: relaxed)).has("readability"))
    }

    @Test func readabilityWaiverIsReportedAsANote() throws {
        let report = try check(body: String(repeating: Self.hardText, count: 6) + "\n",
                               extra: "waive:\n  readability: \"clinical terms are unavoidable here\"")
        #expect(!report.diagnostics.contains { $0.rule.id == "readability" && $0.severity == .warning })
        let note = try #require(report.diagnostics.first { $0.rule.id == "readability" })
        #expect(note.severity == .note && note.message.contains("clinical terms are unavoidable here"))
    }

    @Test func longSentenceIsANote() throws {
        let long = (1...26).map { _ in "word" }.joined(separator: " ") + "."
        let report = try check(body: "Short one. " + long + "\n")
        let note = try #require(report.diagnostics.first { $0.rule.id == "long-sentence" })
        #expect(note.severity == .note && note.position == SourcePosition(line: 12, column: 12))
        #expect(!(try check(body: (1...25).map { _ in "word" }.joined(separator: " ") + ".\n")).has("long-sentence"))
    }

    @Test func rulesCanBeReconfiguredOrTurnedOff() throws {
        let settings = TestSite.settings + "\nrules:\n  raw-html: warning\n  image-alt: off\n"
        let report = try check(body: "<b>x</b> ![](https://www.nhs.uk/a.png)\n", settings: settings)
        #expect(report.diagnostics.first { $0.rule.id == "raw-html" }?.severity == .warning)
        #expect(!report.has("image-alt"))
        #expect(report.exitStatus == 0)
        let strict = try TestSite(settings: TestSite.settings, files: ["Content/pml.md": TestSite.article(body: "Read [it](http://example.org/).\n")])
        #expect(strict.build(strict: true).exitStatus == 1)
    }

    @Test func summariesCarryWordCountAndGrade() throws {
        let report = try check(body: String(repeating: Self.easyText, count: 4) + "\n")
        let summary = try #require(report.articles.first)
        #expect(summary.wordCount == 100)
        #expect(try #require(summary.readabilityGrade) < 4)
    }
}
