import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

/// What a patient sees and hears on the pages (issue 18, "Patients"): each test reads the built HTML.
@Suite struct PatientPagesTests {
    static func build(_ files: [String: String], settings: String = TestSite.settings,
                      today: String = "2026-11-23") throws -> TestSite {
        let site = try TestSite(settings: settings, files: files)
        let report = site.build(today: today)
        #expect(report.exitStatus == 0, "\(report.diagnostics.map(\.formatted))")
        return site
    }

    /// The text between `<tag` … and its closing tag, first occurrence after `marker`.
    static func element(_ html: String, from marker: String, to end: String) -> String? {
        guard let start = html.range(of: marker),
              let stop = html.range(of: end, range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<stop.upperBound])
    }

    // MARK: Heading anchors

    @Test func headingAnchorsAreHiddenFromScreenReadersAndTheTabOrder() throws {
        let site = try Self.build(["Content/pml.md": TestSite.article()])
        let page = try #require(site.read("Output/pml/index.html"))
        #expect(page.contains(##"<h2 id="what-causes-it">What causes it?&#160;<a class="heading-anchor" href="#what-causes-it" aria-hidden="true" tabindex="-1">#</a></h2>"##))
        #expect(!page.contains("Link to this section"))
    }

    // MARK: Byline

    @Test func bylineNamesTheAuthorsAndTheReviewersWithTheirCredentials() throws {
        let site = try Self.build([
            "Content/pml.md": TestSite.article(extra: #"authors: ["Sam Okafor", "Lena Fischer", "Ana Ruiz"]"#),
            "Content/one.md": TestSite.article(title: "One author", slug: "one", extra: "authors: Sam Okafor"),
            "Content/none.md": TestSite.article(title: "No author", slug: "none"),
        ])
        let page = try #require(site.read("Output/pml/index.html"))
        let byline = try #require(Self.element(page, from: "<p class=\"byline\">", to: "</p>"))
        #expect(byline.contains("Written by Sam Okafor, Lena Fischer and Ana Ruiz"), "\(byline)")
        #expect(byline.contains("Medically reviewed by Dr Amelia Hart, MD FRCP"), "\(byline)")
        let one = try #require(site.read("Output/one/index.html"))
        #expect(one.contains("Written by Sam Okafor<br>"))
        let none = try #require(site.read("Output/none/index.html"))
        #expect(!none.contains("Written by"))
    }

    // MARK: Short answers

    @Test func aShortAnswerWhoseTitleIsItsQuestionShowsTheQuestionOnce() throws {
        let restated = TestSite.article(title: "Can PML be cured?", slug: "restated",
                                        extra: "type: short-answer\nquestion: \"can PML be cured\"")
        let different = TestSite.article(title: "Is there a cure for PML?", slug: "different",
                                         extra: "type: short-answer\nquestion: \"My husband has PML: will he get better?\"")
        let site = try Self.build(["Content/restated.md": restated, "Content/different.md": different])
        let page = try #require(site.read("Output/restated/index.html"))
        let main = try #require(Self.element(page, from: "<main", to: "</main>"))
        #expect(!main.lowercased().contains("can pml be cured</p>"), "the question repeats the heading")
        #expect(!main.contains("class=\"question\""))
        // The kicker above the heading and the box below it both said "Short answer".
        #expect(main.components(separatedBy: "Short answer").count - 1 == 1, "\(main)")
        let other = try #require(site.read("Output/different/index.html"))
        #expect(other.contains("<p class=\"question\">My husband has PML: will he get better?</p>"))
    }

    // MARK: Condition pages

    @Test func conditionPagesExplainTheICD10CodeInsteadOfShowingItBare() throws {
        let site = try Self.build(["Content/cure.md": SitePagesTests.shortAnswer()])
        let page = try #require(site.read("Output/conditions/progressive-multifocal-leukoencephalopathy/index.html"))
        let details = try #require(Self.element(page, from: "<details class=\"condition-code\">", to: "</details>"))
        #expect(details.contains("<summary>Doctors' code for this condition</summary>"))
        #expect(details.contains("ICD-10 code: A81.2"))
        #expect(details.contains("International Classification of Diseases"))
        #expect(!page.contains("<p class=\"meta\">ICD-10 code"))
    }

    // MARK: A to Z

    @Test func theAToZShowsTheWholeAlphabetWithEmptyLettersInert() throws {
        let site = try Self.build([
            "Content/pml.md": TestSite.article(extra: "condition:\n  name: PML"),
            "Content/asthma.md": TestSite.article(title: "Asthma", slug: "asthma", extra: "condition:\n  name: asthma"),
        ])
        let home = try #require(site.read("Output/index.html"))
        let nav = try #require(Self.element(home, from: "<nav class=\"letters\"", to: "</nav>"))
        let items = nav.components(separatedBy: "<li>").dropFirst()
        #expect(items.count == 26, "\(nav)")
        #expect(nav.contains("<li><a href=\"#letter-a\">A</a></li>"))
        #expect(nav.contains("<li><a href=\"#letter-p\">P</a></li>"))
        #expect(nav.contains("<li><span class=\"letter-empty\">Q<span class=\"visually-hidden\"> (no conditions)</span></span></li>"))
        #expect(!nav.contains("href=\"#letter-q\"") && !nav.contains("href=\"#letter-z\""))
        #expect(home.contains("id=\"letter-a\"") && home.contains("id=\"letter-p\""))
    }

    @Test func lettersOutsideAToZKeepTheirPlace() {
        let letters = SitePages.alphabet(withPages: ["4", "A", "P", "É"])
        #expect(letters.map(\.letter) == ["4"] + "ABCDEFGHIJKLMNOPQRSTUVWXYZ".map(String.init) + ["É"])
        #expect(letters.filter(\.hasPages).map(\.letter) == ["4", "A", "P", "É"])
    }

    // MARK: Overdue pages

    @Test func anOverduePageTellsThePatientItIsDueForReview() throws {
        let files = ["Content/old.md": TestSite.article(title: "Old page", slug: "old", lastReviewed: "2023-06-01"),
                     "Content/new.md": TestSite.article(title: "New page", slug: "new")]
        let site = try Self.build(files, today: "2026-11-23")
        let old = try #require(site.read("Output/old/index.html"))
        let notice = try #require(Self.element(old, from: "<div class=\"overdue-notice\"", to: "</div>"))
        #expect(notice.contains("This page is due for review."))
        #expect(notice.contains("The information may be out of date"))
        #expect(old.contains("Next review due: 1 June 2026"))
        let fresh = try #require(site.read("Output/new/index.html"))
        #expect(!fresh.contains("overdue-notice"))
        // On the day it falls due, the same page has no notice yet.
        let before = try Self.build(files, today: "2026-06-01")
        #expect(!(before.read("Output/old/index.html") ?? "overdue-notice").contains("overdue-notice"))
    }

    @Test func aThemeWithoutTheNoticeGetsItInsertedOnOverduePagesOnly() throws {
        // An article template copied by an older `medsite init`: disclaimer and review, no notice.
        let template = "{{<layout}}{{$content}}<h1>{{article.title}}</h1>{{{article.body}}}{{> partials/review}}{{> partials/disclaimer}}{{/content}}{{/layout}}"
        let site = try TestSite(files: [
            "Content/old.md": TestSite.article(title: "Old page", slug: "old", lastReviewed: "2023-06-01"),
            "Content/new.md": TestSite.article(title: "New page", slug: "new"),
            "Templates/article.mustache": template,
        ])
        let report = site.build()
        #expect(report.exitStatus == 0)
        let warnings = report.diagnostics.filter { $0.rule.id == "template-missing-safety-block" }
        #expect(warnings.map(\.message) == ["the article template leaves out the notice that the page is due for review; medsite inserted it on 1 page"])
        #expect(warnings.first?.fix == "add {{> partials/overdue}} to the template")
        let old = try #require(site.read("Output/old/index.html"))
        let notice = try #require(old.range(of: "<div class=\"overdue-notice\" role=\"note\" data-medsite=\"overdue\">"))
        #expect(notice.lowerBound < old.range(of: "</main>")!.lowerBound)
        #expect(site.read("Output/new/index.html")?.contains("overdue-notice") == false)
    }

    // MARK: Emergency number

    static func settings(language: String, care: String = "") -> String {
        TestSite.settings.replacingOccurrences(of: "language: en-GB", with: "language: \(language)") + care
    }

    @Test func theFooterGivesTheSitesEmergencyNumber() throws {
        let cases = [("en-GB", "", "call 999"), ("en-US", "", "call 911"), ("en-AU", "", "call 000"),
                     ("en-NZ", "", "call 111"), ("en-IE", "", "call 112"), ("de-DE", "", "call 112"),
                     ("en", "", "call your local emergency number"),
                     ("en-GB", "\ncare:\n  emergency_number: 112\n", "call 112"),
                     ("en", "\ncare:\n  emergency_number: 000\n", "call 000")]
        for (language, care, expected) in cases {
            let site = try Self.build(["Content/pml.md": TestSite.article()], settings: Self.settings(language: language, care: care))
            for path in ["Output/pml/index.html", "Output/index.html", "Output/404.html"] {
                let page = try #require(site.read(path))
                #expect(page.contains(expected + "."), "\(language) \(care) \(path)")
                #expect(expected.hasSuffix("number") || !page.contains("local emergency number"), "\(language) \(path)")
            }
        }
    }

    @Test func emergencyNumberDefaultsFromTheLanguagesRegion() {
        #expect(SiteSettings.emergencyNumber(forLanguage: "en-GB") == "999")
        #expect(SiteSettings.emergencyNumber(forLanguage: "en_gb") == "999")
        #expect(SiteSettings.emergencyNumber(forLanguage: "zh-Hant-TW") == nil)
        #expect(SiteSettings.emergencyNumber(forLanguage: "fr-CA") == "911")
        #expect(SiteSettings.emergencyNumber(forLanguage: "es-ES") == "112")
        #expect(SiteSettings.emergencyNumber(forLanguage: "sr-Latn-RS") == nil)
        #expect(SiteSettings.emergencyNumber(forLanguage: "fr") == nil)
        #expect(SiteSettings.emergencyNumber(forLanguage: "") == nil)
        let (settings, _) = SiteSettings.parse(Self.settings(language: "en-AU"))
        #expect(settings?.emergencyNumber == "000")
    }

    @Test func aBadEmergencyNumberIsReportedAtItsLine() {
        for care in ["\ncare:\n  emergency_number: [999]\n", "\ncare:\n  emergency_number: call us\n",
                     "\ncare:\n  emergency_numbr: 999\n", "\ncare: 999\n"] {
            let (settings, diagnostics) = SiteSettings.parse(Self.settings(language: "en-GB", care: care))
            #expect(settings == nil, "\(care)")
            #expect(diagnostics.contains { $0.rule == .invalidSettings && $0.position.line >= 8 }, "\(care): \(diagnostics.map(\.formatted))")
        }
        let (empty, problems) = SiteSettings.parse(Self.settings(language: "en-GB", care: "\ncare: {}\n"))
        #expect(empty?.emergencyNumber == "999" && problems.isEmpty)
    }
}
