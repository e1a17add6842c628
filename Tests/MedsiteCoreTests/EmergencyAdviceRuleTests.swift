import Foundation
import Testing
@testable import MedsiteCore

/// `emergency-advice-missing`: a page describing emergency symptoms shows an emergency care card.
@Suite struct EmergencyAdviceRuleTests {
    func findings(_ body: String, extra: String = "") throws -> (found: [Diagnostic], report: BuildReport) {
        let report = try TestSite(files: ["Content/pml.md": TestSite.article(extra: extra, body: body)]).check()
        return (report.diagnostics.filter { $0.rule.id == "emergency-advice-missing" }, report)
    }

    static let bodyLine = 12

    @Test func emergencySymptomsWithoutACardAreAWarningAtTheFirstPhrase() throws {
        let cases: [(body: String, phrase: String, line: Int)] = [
            ("Most rashes are harmless.\n\nCall 999 if you have chest pain.\n", "chest pain", 2),
            ("## Signs\n\nThe signs of a stroke come on suddenly.\n", "signs of a stroke", 2),
            ("- swelling of the lips\n- Anaphylaxis can follow a sting\n", "anaphylaxis", 1),
            ("Sepsis is rare. Later, chest pain.\n", "sepsis", 0),
            ("If you have suicidal thoughts, talk to someone.\n", "suicidal thoughts", 0),
            ("You may be too breathless to speak.\n", "too breathless to speak", 0),
        ]
        for (body, phrase, line) in cases {
            let (found, _) = try findings(body)
            #expect(found.count == 1, "\(body)")
            #expect(found.first?.severity == .warning)
            #expect(found.first?.position.line == Self.bodyLine + line, "\(body)")
            #expect(found.first?.message.contains("'\(phrase)'") == true, "\(found.first?.message ?? "")")
            #expect(found.first?.fix?.contains("> [!EMERGENCY]") == true)
        }
        // The column points at the phrase.
        let (found, _) = try findings("Call 999 if you have chest pain.\n")
        #expect(found.first?.position.column == 22)
    }

    @Test func anEmergencyCardSatisfiesTheRule() throws {
        let (found, report) = try findings("Chest pain can be serious.\n\n> [!EMERGENCY]\n> - you have chest pain that spreads to your arm\n")
        #expect(found.isEmpty)
        #expect(report.errorCount == 0)
    }

    @Test func otherCardsDoNot() throws {
        let (found, _) = try findings("> [!URGENT]\n> - you have chest pain\n")
        #expect(found.count == 1)
    }

    @Test func deniedSymptomsAndOrdinaryWordsAreNotReported() throws {
        for body in ["You do not have chest pain with a cold.\n", "This rash is not a sign of a stroke.\n",
                     "Heat stroke is not covered here. Brush strokes in art therapy.\n",
                     "There is no sepsis risk from the vaccine.\n", "A nosebleed usually stops on its own.\n"] {
            let (found, _) = try findings(body)
            #expect(found.isEmpty, "\(body): \(found.map(\.formatted))")
        }
        // A denial reaches only its own clause.
        let (found, _) = try findings("There is no fever, but chest pain started today.\n")
        #expect(found.count == 1)
    }

    @Test func theRuleCanBeWaivedWithAReason() throws {
        let (found, report) = try findings("Rehabilitation after a stroke: the signs of a stroke are in another leaflet.\n",
                                           extra: "waive: {emergency-advice-missing: \"long-term care page; the emergency page is linked\"}")
        #expect(found.count == 1)
        #expect(found.first?.severity == .note)
        #expect(found.first?.message.contains("waived for this page: long-term care page") == true)
        #expect(report.warningCount == 0)
    }

    @Test func theSampleSiteHasNoPageWithoutItsEmergencyCard() throws {
        let report = SiteBuilder.check(BuildOptions(siteDirectory: TestSite.repositoryRoot, today: CalendarDate(iso: "2026-11-23")!))
        #expect(!report.has("emergency-advice-missing"), "\(report.diagnostics.filter { $0.rule.id == "emergency-advice-missing" }.map(\.formatted))")
        #expect(!report.has("care-card-marker"))
        #expect(!report.has("care-card-empty"))
    }
}
