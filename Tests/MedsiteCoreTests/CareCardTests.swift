import Foundation
import Testing
@testable import MedsiteCore

/// Care cards, callouts and do-and-don't lists (`> [!EMERGENCY]`…): read while parsing, published
/// as NHS-style cards, every malformed marker reported at its line.
@Suite struct CareCardTests {
    /// The body's HTML and the build's diagnostics for one article with this body.
    func build(_ body: String, settings: String = TestSite.settings) throws -> (html: String, report: BuildReport) {
        let site = try TestSite(settings: settings, files: ["Content/pml.md": TestSite.article(body: body)])
        let report = site.build()
        return (site.read("Output/pml/index.html") ?? "", report)
    }

    /// The first line of the body is line 12 of the file (`TestSite.article`).
    static let bodyLine = 12

    @Test func emergencyCardHasItsHeadingHiddenLabelAndContent() throws {
        let (html, report) = try build("## When to get help\n\n> [!EMERGENCY]\n> - you have chest pain\n> - you are struggling to breathe\n")
        #expect(report.errorCount == 0, "\(report.diagnostics.map(\.formatted))")
        #expect(html.contains("""
            <div class="care-card care-card--emergency">
            <h3 class="care-card__heading"><span class="visually-hidden">Emergency: </span>Call 999 or go to A&amp;E now if:</h3>
            <div class="care-card__content">
            <ul>
            <li>you have chest pain</li>
            """))
        #expect(!html.contains("[!EMERGENCY]"))
        #expect(!html.contains("<blockquote>"))
    }

    @Test func everyKindHasItsClassAndDefaultHeading() throws {
        let cases: [(marker: String, classes: String, heading: String?)] = [
            ("URGENT", "care-card care-card--urgent", "<span class=\"visually-hidden\">Urgent advice: </span>Ask for an urgent GP appointment or get help from NHS 111 if:"),
            ("NON-URGENT", "care-card care-card--non-urgent", "<span class=\"visually-hidden\">Non-urgent advice: </span>See a GP if:"),
            ("WARNING", "callout callout--warning", "Important"),
            ("DO", "do-dont do-dont--do", "Do"),
            ("DONT", "do-dont do-dont--dont", "Don't"),
            ("Don’t", "do-dont do-dont--dont", "Don't"),
            ("note", "callout callout--note", nil),
        ]
        for (marker, classes, heading) in cases {
            let (html, report) = try build("## Advice\n\n> [!\(marker)]\n> - drink plenty of fluids\n")
            #expect(report.errorCount == 0, "\(marker): \(report.diagnostics.map(\.formatted))")
            #expect(html.contains("<div class=\"\(classes)\">"), "\(marker)")
            if let heading {
                #expect(html.contains("__heading\">\(heading)</h3>"), "\(marker): \(html)")
            } else {
                #expect(html.contains("<span class=\"visually-hidden\">Information: </span>\n<div class=\"callout__content\">"), "\(html)")
            }
        }
    }

    @Test func wordsAfterTheMarkerHeadTheCardWhenMoreFollows() throws {
        let (html, _) = try build("> [!NON-URGENT] Speak to a *pharmacist* if:\n> - the rash spreads\n")
        // Before the first `##` section the card heading is an h2.
        #expect(html.contains("<h2 class=\"care-card__heading\"><span class=\"visually-hidden\">Non-urgent advice: </span>Speak to a <em>pharmacist</em> if:</h2>"))
        let (warning, _) = try build("## School\n\n> [!WARNING] School, nursery or work\n> Stay away until the spots have crusted over.\n")
        #expect(warning.contains("<h3 class=\"callout__heading\"><span class=\"visually-hidden\">Important: </span>School, nursery or work</h3>"), "\(warning)")
        let (alone, _) = try build("## Taking it\n\n> [!WARNING] Do not drink alcohol while you take it.\n")
        #expect(alone.contains("Important</h3>\n<div class=\"callout__content\">\n<p>Do not drink alcohol while you take it.</p>"), "\(alone)")
    }

    @Test func headingLevelFollowsTheSection() throws {
        let (html, report) = try build("## Symptoms\n\n### In children\n\n> [!URGENT]\n> - a fever over 39C\n")
        #expect(report.errorCount == 0)
        #expect(html.contains("<h4 class=\"care-card__heading\">"))
        // The card heading is not an article heading: no id, no `#` link, not in the contents list.
        #expect(!html.contains("id=\"ask-for"))
    }

    @Test func headingsAndNumberComeFromSettings() throws {
        let settings = TestSite.settings.replacingOccurrences(of: "language: en-GB", with: "language: en-US")
            + "\ncare:\n  urgent_heading: \"Call your doctor's office today if:\"\n  do_heading: \"Try to\"\n"
        let (html, report) = try build("> [!EMERGENCY]\n> - you have chest pain\n\n> [!URGENT]\n> - it spreads\n\n> [!DO]\n> - rest\n", settings: settings)
        #expect(report.errorCount == 0, "\(report.diagnostics.map(\.formatted))")
        #expect(html.contains("Call 911 or go to the emergency department now if:</h2>"))
        #expect(html.contains("Call your doctor's office today if:</h2>"))
        #expect(html.contains("<h2 class=\"do-dont__heading\">Try to</h2>"))
        let numbered = TestSite.settings + "\ncare:\n  emergency_number: \"112\"\n  emergency_heading: \"Ring {number} now if:\"\n"
        let (custom, _) = try build("> [!EMERGENCY]\n> - you have chest pain\n", settings: numbered)
        #expect(custom.contains("Ring 112 now if:</h2>"))
    }

    @Test func aHeadingSettingThatIsNotTextIsASettingsError() throws {
        let (_, report) = try build("Text.\n", settings: TestSite.settings + "\ncare:\n  urgent_heading: [a, b]\n")
        #expect(report.has("invalid-settings"))
    }

    @Test func unknownMarkerIsAnErrorWithASuggestion() throws {
        let cases: [(marker: String, says: String)] = [
            ("EMERGANCY", "did you mean [!EMERGENCY]?"), ("Warnign", "did you mean [!WARNING]?"),
            ("IMPORTANT", "did you mean [!WARNING]?"), ("TIP", "did you mean [!NOTE]?"), ("DANGER", "use one of [!EMERGENCY], [!URGENT]"),
        ]
        for (marker, says) in cases {
            let (_, report) = try build("Some text.\n\n> [!\(marker)]\n> - call for help\n")
            let found = report.diagnostics.filter { $0.rule.id == "care-card-marker" }
            #expect(found.count == 1, "\(marker)")
            #expect(found.first?.severity == .error)
            #expect(found.first?.position.line == Self.bodyLine + 2, "\(marker)")
            #expect(found.first?.fix?.contains(says) == true, "\(marker): \(found.first?.fix ?? "")")
        }
    }

    @Test func emptyCardsAndListsWithoutItemsAreErrors() throws {
        for body in ["> [!EMERGENCY]\n", "> [!DO]\n> Rest as much as you can.\n", "> [!NOTE]\n"] {
            let (_, report) = try build("Some text.\n\n" + body)
            #expect(report.has("care-card-empty", line: Self.bodyLine + 2), "\(body): \(report.diagnostics.map(\.formatted))")
        }
    }

    @Test func ordinaryQuotesAndPagesWithoutCardsAreUnchanged() throws {
        let body = "## Quote\n\n> A patient said: [!] is not a marker\n\n> Plain quote with [!NOTE] later on.\n"
        let (html, report) = try build(body)
        #expect(report.errorCount == 0)
        #expect(html.contains("<blockquote>\n<p>A patient said: [!] is not a marker</p>\n</blockquote>"))
        #expect(html.contains("<blockquote>\n<p>Plain quote with [!NOTE] later on.</p>\n</blockquote>"))
        // cmark's own output for a page with no marker.
        let document = MarkdownDocument(markdown: "> Plain quote with [!NOTE] later on.\n")
        #expect(document.formCareCards(wording: CareCardWording(), file: "x.md").isEmpty)
        #expect(document.renderHTML() == "<blockquote>\n<p>Plain quote with [!NOTE] later on.</p>\n</blockquote>\n")
        #expect(document.careCards.isEmpty)
    }

    @Test func aCardAfterAColonIsTheListItPromises() throws {
        let (_, report) = try build("## Help\n\nGet help if you notice these signs:\n\n> [!URGENT]\n> - a new weakness\n")
        #expect(!report.has("dangling-list-intro"), "\(report.diagnostics.map(\.formatted))")
    }

    @Test func rulesStillReadTheWordsInsideACard() throws {
        // A promotional phrase inside a card is found like anywhere else.
        let (_, report) = try build("> [!NOTE]\n> Use the discount code SAVE10.\n")
        #expect(report.has("promotional-language", line: Self.bodyLine + 1))
    }
}

extension BuildReport {
    var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
}
