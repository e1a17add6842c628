import Foundation
import Testing
@testable import MedsiteCore

/// `placeholder-value`: what the scaffolds write for an editor to replace never reaches a public page.
@Suite struct PlaceholderRuleTests {
    func check(_ article: String, settings: String = TestSite.settings) throws -> BuildReport {
        try TestSite(settings: settings, files: ["Content/pml.md": article]).check()
    }

    func placeholderFindings(_ article: String, settings: String = TestSite.settings) throws -> [Diagnostic] {
        try check(article, settings: settings).diagnostics.filter { $0.rule == .placeholderValue }
    }

    static let good = TestSite.article()

    func replacing(_ old: String, with new: String, in text: String = PlaceholderRuleTests.good) throws -> String {
        try #require(text.contains(old), "\(old)")
        return text.replacingOccurrences(of: old, with: new)
    }

    @Test func eachPlaceholderIsAnErrorAtItsLineWithAFix() throws {
        let cases: [(article: String, line: Int, says: String)] = [
            (try replacing("\"Dr Amelia Hart, MD FRCP\"", with: "\"\(Placeholders.reviewer)\""), 5, "'reviewed_by' is the placeholder 'Dr Alex Example'"),
            (try replacing("reviewed_by: \"Dr Amelia Hart, MD FRCP\"",
                           with: "reviewed_by:\n  - name: Dr Amelia Hart\n  - name: dr alex example\n    credentials: MBBS"), 7, "'reviewed_by[2]'"),
            (try replacing("reviewed_by: \"Dr Amelia Hart, MD FRCP\"", with: "reviewed_by: \"Name, credentials\""), 5, "placeholder 'Name'"),
            (try replacing("\"Dr Amelia Hart, MD FRCP\"", with: "\"Dr. Alex  Example, MBBS\""), 5, "'reviewed_by' is the placeholder"),
            (try replacing("sources:", with: "authors: [\"\(Placeholders.author)\"]\nsources:"), 6, "'authors' has the placeholder 'Example Editor'"),
            (try replacing("https://www.ninds.nih.gov/health-information/disorders/progressive-multifocal-leukoencephalopathy",
                           with: "https://www.example.org/pml"), 8, "example.org is reserved for examples"),
            (try replacing("https://www.ninds.nih.gov/health-information/disorders/progressive-multifocal-leukoencephalopathy",
                           with: "https://guidance.example.com/pml"), 8, "example.com"),
            (try replacing("https://www.ninds.nih.gov/health-information/disorders/progressive-multifocal-leukoencephalopathy",
                           with: "https://clinic.test/pml"), 8, ".test"),
            (try replacing("title: \"PML\"", with: "title: \"TBC\""), 7, "'sources[1].title' still holds the placeholder 'TBC'"),
            (try replacing("\"A rare infection of the brain.\"", with: "\"TODO: write the short answer\""), 3, "'description' still holds the placeholder 'TODO'"),
            (try replacing("\"What is PML?\"", with: "\"\(Placeholders.examplePrefix)What is PML?\""), 2, "the title says this is an example page"),
            (try replacing("The JC virus.", with: "Lorem ipsum dolor sit amet."), 14, "'Lorem ipsum'"),
            (try replacing("The JC virus.", with: "The JC virus. [TBC] how common it is."), 14, "'TBC'"),
            (try replacing("The JC virus.", with: "The JC virus. FIXME add the numbers."), 14, "'FIXME'"),
            (try replacing("The JC virus.", with: Placeholders.articleGuidance[2]), 14, "guidance written by medsite new"),
            (try replacing("The JC virus.", with: Placeholders.exampleNotice), 14, "an example with an invented reviewer"),
        ]
        for (article, line, says) in cases {
            let findings = try placeholderFindings(article)
            #expect(findings.count == 1, "\(article)\n\(findings.map(\.formatted))")
            let finding = try #require(findings.first)
            #expect(finding.severity == .error)
            #expect(finding.position.line == line, "\(finding.formatted)")
            #expect(finding.message.contains(says), "\(finding.formatted)")
            #expect(finding.fix?.isEmpty == false)
        }
    }

    @Test func realValuesAreNotPlaceholders() throws {
        let bodies = [
            "For example, wash your hands often. Tuberkulose (TBC) ist selten.",
            "Triple X syndrome (47,XXX) affects about 1 in 1,000 girls.",
            "Most people get better. To do list: rest, drink fluids.",
            "Is it serious? Sometimes... but usually not.",
        ]
        for body in bodies {
            #expect(try placeholderFindings(try replacing("The JC virus.", with: body)).isEmpty, "\(body)")
        }
        #expect(try placeholderFindings(try replacing("\"Dr Amelia Hart, MD FRCP\"", with: "\"Dr Alexandra Exampleton, MBBS\"")).isEmpty)
        // "TODO" is a Spanish word: on a site in another language only "TODO:" is a marker.
        let spanish = TestSite.settings.replacingOccurrences(of: "language: en-GB", with: "language: es")
        #expect(try placeholderFindings(try replacing("The JC virus.", with: "Lea TODO el prospecto."), settings: spanish).isEmpty)
        #expect(try placeholderFindings(try replacing("The JC virus.", with: "Lea TODO el prospecto.")).count == 1)
    }

    /// Like the required fields, the rule keeps a fake review off the site: neither medsite.yml nor
    /// a page's `waive:` turns it off. Only a draft (never published) makes it a warning.
    @Test func cannotBeTurnedOffOrWaivedOnlyADraftWarns() throws {
        let fake = try replacing("\"Dr Amelia Hart, MD FRCP\"", with: "\"\(Placeholders.reviewer)\"")
        let off = try check(fake, settings: TestSite.settings + "\nrules:\n  placeholder-value: off\n")
        #expect(off.diagnostics.contains { $0.rule == .placeholderValue && $0.severity == .error })
        let waived = try check(fake + "", settings: TestSite.settings)
        #expect(waived.exitStatus == 1)
        let withWaiver = try replacing("sources:", with: "waive:\n  placeholder-value: \"reviewed by phone\"\nsources:", in: fake)
        let report = try TestSite(files: ["Content/pml.md": withWaiver]).build()
        #expect(report.exitStatus == 1)
        #expect(!report.published)
        let draft = try replacing("sources:", with: "draft: true\nsources:", in: fake)
        let drafted = try TestSite(files: ["Content/pml.md": draft]).build(strict: true)
        #expect(drafted.exitStatus == 0)
        #expect(drafted.diagnostics.contains { $0.rule == .placeholderValue && $0.severity == .warning })
    }

    /// The rule and the scaffolds read one list: everything `init` and `new` write to be replaced is caught.
    @Test func catchesEveryPlaceholderTheScaffoldsWrite() throws {
        let example = SiteScaffold.exampleArticle(reviewed: CalendarDate(iso: "2026-11-23")!)
        #expect(example.contains(Placeholders.reviewer) && example.contains(Placeholders.author)
                && example.contains(Placeholders.exampleNotice))
        let exampleFindings = try placeholderFindings(example)
        #expect(exampleFindings.map(\.position.line) == [7, 21, 22, 39], "\(exampleFindings.map(\.formatted))")
        for type in ArticleType.allCases {
            let text = ArticleScaffold.text(.init(title: "Asthma", type: type))
            #expect(text.contains(Placeholders.reviewer), "the reviewer example of `new` is the placeholder")
            let guidance = type == .shortAnswer ? Placeholders.shortAnswerGuidance : Placeholders.articleGuidance
            #expect(try placeholderFindings(text).count == guidance.count)
        }
    }
}
