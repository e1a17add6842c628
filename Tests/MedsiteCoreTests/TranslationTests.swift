import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

/// Translations: `name.LANG.md` beside `name.md`, published at `/LANG/slug/`, linked both ways
/// (`hreflang` in the head and the sitemap, the language switcher), each with its own review; and
/// the settings that give each language its texts.
@Suite struct TranslationTests {
    /// The test site's settings with Spanish: disclaimers, the review labels and dates, and a few
    /// other texts (the rest stay English, which `untranslated-text` reports).
    static let settings = TestSite.settings + """

    languages:
      es:
        language: es-ES
        title: Salud de Prueba
        disclaimers:
          general: "Esta información no sustituye el consejo de su médico."
          treatment: "Hable con su equipo sanitario antes de cambiar un tratamiento."
        texts:
          language_name: Español
          page_last_reviewed: "Página revisada por última vez:"
          next_review_due: "Próxima revisión prevista:"
          on_this_page: En esta página
          sources: Fuentes
          home: Inicio
          general_health: Salud general
          date_format: "{day} de {month} de {year}"
          months: [enero, febrero, marzo, abril, mayo, junio, julio, agosto, septiembre, octubre, noviembre, diciembre]

    """

    static func spanish(title: String = "¿Qué es la LMP?", slug: String? = nil, lastReviewed: String = "2026-05-02", extra: String = "",
                        body: String = "## ¿Qué la causa?\n\nEl virus JC.\n") -> String {
        """
        ---
        title: "\(title)"
        description: "Una infección rara del cerebro."
        \(slug.map { "slug: \($0)\n" } ?? "")last_reviewed: \(lastReviewed)
        reviewed_by: "Dra. Lucía Fernández, MD (Neurología)"
        sources:
          - title: "LMP"
            url: "https://medlineplus.gov/spanish/ency/article/000674.htm"
        \(extra)
        ---
        \(body)
        """
    }

    static func site(_ files: [String: String], settings: String = Self.settings) throws -> TestSite {
        try TestSite(settings: settings, files: files)
    }

    static func hreflangLinks(_ html: String) -> [String: String] {
        var links: [String: String] = [:]
        for part in html.components(separatedBy: "<link rel=\"alternate\" hreflang=\"").dropFirst() {
            let fields = part.components(separatedBy: "\"")
            links[fields[0]] = fields[2]
        }
        return links
    }

    // MARK: Addresses and links

    @Test func aTranslationIsPublishedInItsLanguagesFolderAndLinkedBothWays() throws {
        let site = try Self.site([
            "Content/pml.md": TestSite.article(),
            "Content/pml.es.md": Self.spanish(slug: "que-es-la-lmp"),
            "Content/diabetes/diet.md": TestSite.article(title: "Diet"),
            "Content/diabetes/diet.es.md": Self.spanish(title: "Alimentación"),
        ])
        let report = site.build()
        #expect(report.published, "\(report.diagnostics.map(\.formatted))")
        let english = try #require(site.read("Output/pml/index.html"))
        let spanish = try #require(site.read("Output/es/que-es-la-lmp/index.html"))
        #expect(site.read("Output/es/diet/index.html") != nil, "the default slug is the name without the language")
        let expected = ["en-GB": "https://health.example.org/pml/", "es-ES": "https://health.example.org/es/que-es-la-lmp/",
                        "x-default": "https://health.example.org/pml/"]
        #expect(Self.hreflangLinks(english) == expected)
        #expect(Self.hreflangLinks(spanish) == expected)
        #expect(spanish.contains("<html lang=\"es-ES\">"))
        #expect(english.contains("<a href=\"../es/que-es-la-lmp/\" hreflang=\"es-ES\" lang=\"es-ES\">Español</a>"))
        #expect(spanish.contains("<a href=\"../../pml/\" hreflang=\"en-GB\" lang=\"en-GB\">English</a>"))
        #expect(spanish.contains("<nav class=\"site-nav language-switcher\" aria-label=\"Languages\">"), "texts it does not set stay English")
        // The sitemap names every translation of each page, and both home pages.
        let sitemap = try #require(site.read("Output/sitemap.xml"))
        #expect(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""))
        #expect(sitemap.contains("<url><loc>https://health.example.org/es/que-es-la-lmp/</loc><lastmod>2026-05-02</lastmod><xhtml:link rel=\"alternate\" hreflang=\"en-GB\" href=\"https://health.example.org/pml/\"/><xhtml:link rel=\"alternate\" hreflang=\"es-ES\" href=\"https://health.example.org/es/que-es-la-lmp/\"/><xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://health.example.org/pml/\"/></url>"))
        #expect(sitemap.contains("<url><loc>https://health.example.org/es/</loc>"))
        // Each language has its home, listings, search and feed.
        for path in ["es/index.html", "es/tags/index.html", "es/search/index.html", "es/search/manifest.json", "es/feed.xml",
                     "es/conditions/salud-general/index.html"] {
            #expect(site.read("Output/" + path) != nil, "\(path)")
        }
        #expect(site.read("Output/es/404.html") == nil, "one 404 page serves the site")
        let home = try #require(site.read("Output/es/index.html"))
        #expect(home.contains("<html lang=\"es-ES\">") && home.contains("Salud de Prueba") && home.contains("¿Qué es la LMP?"))
        #expect(!home.contains("What is PML?"), "a language's listings show its own pages")
        #expect(site.read("Output/index.html")?.contains("¿Qué es la LMP?") == false)
        #expect(Self.hreflangLinks(home) == ["en-GB": "https://health.example.org/", "es-ES": "https://health.example.org/es/",
                                             "x-default": "https://health.example.org/"])
        #expect(site.read("Output/es/feed.xml")?.contains("xml:lang=\"es-ES\"") == true)
        #expect(site.read("Output/es/feed.xml")?.contains("<link rel=\"self\" href=\"https://health.example.org/es/feed.xml\"/>") == true)
        #expect(site.read("Output/feed.xml")?.contains("LMP") == false)
    }

    @Test func searchKeepsEachLanguagesPagesApart() throws {
        let site = try Self.site(["Content/pml.md": TestSite.article(), "Content/pml.es.md": Self.spanish()])
        #expect(site.build().published)
        let spanishShards = try FileManager.default.contentsOfDirectory(atPath: site.output + "/es/search/index")
        let englishShards = try FileManager.default.contentsOfDirectory(atPath: site.output + "/search/index")
        #expect(spanishShards.contains("vi.json") && englishShards.contains("vi.json"))
        #expect(spanishShards.contains("ce.json") && !englishShards.contains("ce.json"), "cerebro is only in the Spanish index")
        // Each page's result file is in its language's index only.
        let spanishDocs = try FileManager.default.contentsOfDirectory(atPath: site.output + "/es/search/doc")
        let englishDocs = try FileManager.default.contentsOfDirectory(atPath: site.output + "/search/doc")
        #expect(spanishDocs.count == 1 && englishDocs.count == 1 && spanishDocs != englishDocs)
        #expect(site.read("Output/es/search/doc/" + spanishDocs[0])?.contains("\"u\":\"es/pml/\"") == true)
        #expect(site.read("Output/es/search/manifest.json")?.contains("\"documents\":1") == true)
        let page = try #require(site.read("Output/es/search/index.html"))
        #expect(page.contains("data-index=\"../search/\" data-root=\"../../\""))
    }

    @Test func linksBetweenTranslationsAndOriginalsResolve() throws {
        let site = try Self.site([
            "Content/pml.md": TestSite.article(body: "See [the Spanish page](pml.es.md#qu-la-causa) and [other](other.md).\n"),
            "Content/other.md": TestSite.article(title: "Other"),
            "Content/other.es.md": Self.spanish(title: "Otra", slug: "otra"),
            "Content/pml.es.md": Self.spanish(body: "## ¿Qué la causa?\n\nEl virus JC. Vea [otra página](other.es.md), [la original](pml.md) y [la portada](../index.html).\n"),
        ])
        let report = site.build()
        #expect(report.published, "\(report.diagnostics.map(\.formatted))")
        let spanish = try #require(site.read("Output/es/pml/index.html"))
        #expect(spanish.contains("<a href=\"../../es/otra/\">otra página</a>"))
        #expect(spanish.contains("<a href=\"../../pml/\">la original</a>"))
        #expect(site.read("Output/pml/index.html")?.contains("<a href=\"../es/pml/#qu-la-causa\">") == true)
        #expect(!report.has("broken-link"))
        // An address link to a translation is checked like any other.
        try site.write("Content/other.md", TestSite.article(title: "Other", body: "See [it](../es/pml/) and [nothing](../es/nothing/).\n"))
        let broken = site.check().diagnostics.filter { $0.rule.id == "broken-link" }
        #expect(broken.count == 1 && broken[0].message.contains("/es/nothing/"), "\(broken.map(\.message))")
    }

    @Test func aOneLanguageSiteHasNoLanguageMarkup() throws {
        let site = try TestSite(files: ["Content/pml.md": TestSite.article()])
        #expect(site.build().published)
        for path in ["Output/pml/index.html", "Output/index.html", "Output/sitemap.xml", "Output/404.html"] {
            let text = try #require(site.read(path))
            #expect(!text.contains("hreflang") && !text.contains("language-switcher") && !text.contains("xhtml"), "\(path)")
        }
    }

    // MARK: Bad input

    @Test func aTranslationOfAMissingPageIsAnError() throws {
        let site = try Self.site(["Content/pml.md": TestSite.article(), "Content/asthma.es.md": Self.spanish(title: "Asma")])
        let report = site.build()
        #expect(!report.published)
        let problem = try #require(report.diagnostics.first { $0.rule.id == "translation-without-source" })
        #expect(problem.file == "Content/asthma.es.md" && problem.severity == .error)
        #expect(problem.message.contains("Español translation of Content/asthma.md, which does not exist"))
        #expect(problem.fix?.contains(".es before .md") == true)
        // A translation of a translation translates nothing.
        let nested = try Self.site(["Content/pml.md": TestSite.article(), "Content/pml.es.md": Self.spanish(),
                                    "Content/pml.es.es.md": Self.spanish(slug: "otra")])
        #expect(nested.check().diagnostics.contains { $0.rule.id == "translation-without-source" && $0.file == "Content/pml.es.es.md" })
    }

    @Test func aNameEndingInAnUnknownLanguageCodeIsAnError() throws {
        let site = try Self.site([
            "Content/pml.md": TestSite.article(),
            "Content/pml.fr.md": Self.spanish(),
            "Content/pml.en.md": Self.spanish(),
            "Content/covid.v2.md": TestSite.article(title: "Covid", slug: "covid-v2"),
            "Content/vitamin.d.md": TestSite.article(title: "Vitamin D", slug: "vitamin-d"),
        ], settings: Self.settings.replacingOccurrences(of: "language: en-GB", with: "language: en"))
        let report = site.build()
        #expect(!report.published)
        let french = try #require(report.diagnostics.first { $0.rule.id == "unknown-language" && $0.file == "Content/pml.fr.md" })
        #expect(french.message.contains("French ('fr'), which medsite.yml does not list under languages (it lists es)"))
        #expect(french.fix?.contains("add 'fr:' under 'languages:'") == true && french.fix?.contains("pml-fr.md") == true)
        let own = try #require(report.diagnostics.first { $0.rule.id == "unknown-language" && $0.file == "Content/pml.en.md" })
        #expect(own.message.contains("the site's own language") && own.fix == "rename it to pml.md")
        // A dot that is not a language is part of the name.
        #expect(!report.diagnostics.contains { $0.file == "Content/covid.v2.md" || $0.file == "Content/vitamin.d.md" })
        #expect(report.diagnostics.filter { $0.severity == .error }.count == 2, "\(report.diagnostics.map(\.formatted))")
    }

    @Test func twoTranslationsIntoOneLanguageAreAnError() throws {
        let site = try Self.site(["Content/pml.md": TestSite.article(), "Content/pml.es.md": Self.spanish(),
                                  "Content/pml.ES.md": Self.spanish(slug: "lmp")])
        let report = site.build()
        #expect(!report.published)
        let problems = report.diagnostics.filter { $0.rule.id == "duplicate-translation" }
        #expect(Set(problems.map(\.file)) == ["Content/pml.es.md", "Content/pml.ES.md"])
        #expect(problems.allSatisfy { $0.message.contains("Español translation of Content/pml.md") })
    }

    @Test func aTranslationReviewedBeforeItsOriginalIsStaleAndSaysSo() throws {
        let site = try Self.site(["Content/pml.md": TestSite.article(lastReviewed: "2026-04-07"),
                                  "Content/pml.es.md": Self.spanish(lastReviewed: "2026-01-15")])
        let report = site.build()
        #expect(report.published)
        let stale = try #require(report.diagnostics.first { $0.rule.id == "translation-stale" })
        #expect(stale.file == "Content/pml.es.md" && stale.severity == .warning && stale.position.line == 4)
        #expect(stale.message.contains("Content/pml.md was reviewed again on 7 April 2026, after this translation (last reviewed 15 January 2026)"))
        let page = try #require(site.read("Output/es/pml/index.html"))
        #expect(page.contains("data-medsite=\"translation-stale\""))
        #expect(page.contains("which a clinician reviewed again on 7 de abril de 2026"))
        #expect(page.contains("<a href=\"../../pml/\" hreflang=\"en-GB\" lang=\"en-GB\">What is PML?</a>"))
        // A newer translation is not stale; the rule can stop the build.
        try site.write("Content/pml.es.md", Self.spanish(lastReviewed: "2026-04-08"))
        let fresh = site.build()
        #expect(!fresh.has("translation-stale") && site.read("Output/es/pml/index.html")?.contains("translation-stale") == false)
        try site.write("Content/pml.es.md", Self.spanish(lastReviewed: "2026-01-15"))
        try site.write("medsite.yml", Self.settings + "\nrules:\n  translation-stale: error\n")
        #expect(!site.build().published)
    }

    @Test func aTranslationThatIncludesASnippetIsToldItShowsUntranslated() throws {
        let include = "## Cuándo pedir ayuda\n\nLa mayoría de las personas se encuentran bien.\n\n> [!SNIPPET] call-999\n"
        let site = try Self.site(["Content/pml.md": SnippetTests.page(),
                                  "Content/pml.es.md": Self.spanish(body: include),
                                  "Snippets/call-999.md": SnippetTests.snippet()])
        let report = site.build()
        #expect(report.published, "a warning by default")
        let found = report.diagnostics.filter { $0.rule.id == "snippet-untranslated" }
        #expect(found.count == 1)
        let warning = try #require(found.first)
        #expect(warning.file == "Content/pml.es.md" && warning.severity == .warning && warning.position.line == 15)
        #expect(warning.message.contains("'call-999'") && warning.message.contains("Spanish page"))
        #expect(warning.fix?.contains("> [!SNIPPET] call-999") == true)
        // The page in the site's language includes it without a word; the rule can stop the build.
        #expect(!report.diagnostics.contains { $0.rule.id == "snippet-untranslated" && $0.file == "Content/pml.md" })
        try site.write("medsite.yml", Self.settings + "\nrules:\n  snippet-untranslated: error\n")
        #expect(!site.build().published)
    }

    @Test func aSlugThatIsALanguagesFolderIsRefused() throws {
        let site = try Self.site(["Content/pml.md": TestSite.article(slug: "es"), "Content/es.md": TestSite.article(title: "Es")])
        let problems = site.check().diagnostics.filter { $0.rule.id == "invalid-slug" }
        #expect(problems.count == 2)
        #expect(problems.allSatisfy { $0.message.contains("the folder of the pages in Español (/es/)") })
    }

    @Test func aTranslationsDisclaimerMustExistInItsLanguage() throws {
        let site = try Self.site(["Content/pml.md": TestSite.article(extra: "disclaimer: treatment"),
                                  "Content/pml.es.md": Self.spanish(extra: "disclaimer: surgery")])
        let problem = try #require(site.check().diagnostics.first { $0.rule.id == "unknown-disclaimer" })
        #expect(problem.file == "Content/pml.es.md")
    }

    // MARK: Settings

    @Test func languageSettingsAreCheckedWithTheirLines() throws {
        let cases: [(yaml: String, says: String)] = [
            ("languages:\n  es:\n    title: Salud\n", "languages.es has no disclaimers"),
            ("languages:\n  ES:\n    disclaimers: {general: x}\n", "'ES' under languages is not a language code"),
            ("languages:\n  en:\n    disclaimers: {general: x}\n", "the site's own language"),
            ("languages:\n  tag:\n    disclaimers: {general: x}\n", "one of medsite's own folders"),
            ("languages:\n  es:\n    disclaimers: {treatment: x}\n", "has no 'general'"),
            ("languages:\n  es:\n    disclaimers: {general: x}\n    language: fr-FR\n", "a BCP 47 tag of the same language"),
            ("languages:\n  es:\n    disclaimers: {general: x}\n    titel: x\n", "unknown field 'titel' in languages.es: did you mean 'title'?"),
            ("languages:\n  es:\n    disclaimers: {general: x}\n    texts:\n      months: [enero]\n", "the twelve month names"),
            ("languages:\n  es:\n    disclaimers: {general: x}\n    texts:\n      date_format: \"{day} {month}\"\n", "{day}, {month} and {year}"),
            ("texts:\n  on_this_pag: x\n", "did you mean 'on_this_page'?"),
            ("retired: [\"https://other.example.com/x/\"]\n", "retired[1]"),
            ("retired: /x/\n", "retired must be a list"),
        ]
        for (yaml, says) in cases {
            let (settings, diagnostics) = SiteSettings.parse(TestSite.settings + "\n" + yaml)
            #expect(settings == nil, "\(yaml)")
            let problem = try #require(diagnostics.first { $0.rule.id == "invalid-settings" }, "\(yaml)")
            #expect(problem.message.contains(says), "\(yaml): \(problem.message)")
            #expect(problem.position.line >= 8, "\(yaml): at its line, not the top")
        }
    }

    @Test func aLanguageThatLeavesTextsInEnglishIsWarnedAboutOnce() throws {
        let (settings, diagnostics) = SiteSettings.parse(Self.settings)
        #expect(settings != nil)
        let warnings = diagnostics.filter { $0.rule.id == "untranslated-text" }
        #expect(warnings.count == 1)
        #expect(warnings[0].severity == .warning && warnings[0].position.line == 9) // at `es:`
        #expect(warnings[0].message.contains("pages in Español would show") && warnings[0].message.contains("skip_to_content"))
        #expect(!warnings[0].message.contains("on_this_page"), "it sets that one")
        // An English site needs no texts; a German one does.
        #expect(SiteSettings.parse(TestSite.settings).1.isEmpty)
        let german = SiteSettings.parse(TestSite.settings.replacingOccurrences(of: "language: en-GB", with: "language: de-DE")).1
        #expect(german.contains { $0.rule.id == "untranslated-text" && $0.message.contains("Deutsch") })
    }

    @Test func pagesInAnotherLanguageShowItsTextsAndKeepTheirSafetyBlocks() throws {
        let site = try Self.site(["Content/pml.md": TestSite.article(), "Content/pml.es.md": Self.spanish(extra: "disclaimer: treatment")])
        let report = site.build()
        #expect(report.published)
        #expect(!report.has("template-missing-safety-block"), "the Spanish labels are found where the theme puts them")
        let page = try #require(site.read("Output/es/pml/index.html"))
        #expect(page.contains("<p>Página revisada por última vez: 2 de mayo de 2026</p>"))
        #expect(page.contains("<p>Próxima revisión prevista: 2 de mayo de 2029</p>"))
        #expect(page.contains("Hable con su equipo sanitario antes de cambiar un tratamiento."))
        #expect(page.contains("<h2 id=\"sources\">Fuentes</h2>"))
        #expect(page.contains("<title>¿Qué es la LMP? · Salud de Prueba</title>"))
        #expect(page.contains("<li><a href=\"../../es/index.html\">Inicio</a></li>"))
        #expect(!page.contains("This information does not replace"), "never the English disclaimer")
        // A theme that leaves the review block out gets the Spanish one inserted.
        try site.write("Templates/partials/review.mustache", "")
        let inserted = site.build()
        #expect(inserted.has("template-missing-safety-block"))
        #expect(site.read("Output/es/pml/index.html")?.contains("Página revisada por última vez: 2 de mayo de 2026") == true)
    }

    @Test func theEnglishReadabilityFormulaIsNotAppliedToOtherLanguages() throws {
        let hard = "La leucoencefalopatía multifocal progresiva es una enfermedad desmielinizante del sistema nervioso central causada por la reactivación del poliomavirus humano, que afecta principalmente a personas inmunodeprimidas. "
        let body = "## Descripción\n\n" + String(repeating: hard, count: 12) + "\n"
        let englishHard = "Progressive multifocal leukoencephalopathy is a demyelinating disease of the central nervous system caused by reactivation of the human polyomavirus, predominantly affecting immunocompromised individuals. "
        let site = try Self.site(["Content/pml.md": TestSite.article(body: "## Description\n\n" + String(repeating: englishHard, count: 12) + "\n"),
                                  "Content/pml.es.md": Self.spanish(body: body)])
        let report = site.check()
        #expect(report.has("readability", file: "Content/pml.md"))
        #expect(!report.has("readability", file: "Content/pml.es.md"))
        #expect(report.articles.first { $0.path == "Content/pml.es.md" }?.readabilityGrade == nil)
        #expect(report.articles.first { $0.path == "Content/pml.md" }?.readabilityGrade != nil)
    }

    // MARK: The build cache and the preview

    @Test func aOneEditRebuildOfATranslationMatchesACleanBuild() throws {
        let site = try Self.site([
            "Content/pml.md": TestSite.article(), "Content/pml.es.md": Self.spanish(),
            "Content/other.md": TestSite.article(title: "Other"),
        ], settings: Self.settings + "\nrules:\n  changed-since-review: off\n")
        #expect(site.build().published)
        for (file, text) in [("Content/pml.es.md", Self.spanish(body: "## ¿Qué la causa?\n\nEl virus JC, que casi todos llevamos.\n")),
                             ("Content/pml.md", TestSite.article(body: "## What causes it?\n\nThe JC virus, which most people carry.\n"))] {
            try site.write(file, text)
            let cached = site.build()
            var clean = site.options()
            clean.outputDirectory = site.root + "/Clean"
            clean.useCache = false
            let reference = SiteBuilder.build(clean)
            #expect(cached.published && reference.published)
            #expect(cached.diagnostics == reference.diagnostics)
            #expect(IncrementalBuildTests.tree(site.output) == IncrementalBuildTests.tree(clean.outputDirectory!), "\(file)")
            try FileManager.default.removeItem(atPath: clean.outputDirectory!)
        }
        #expect(site.read("Output/es/pml/index.html")?.contains("que casi todos llevamos") == true)
        #expect(Self.hreflangLinks(try #require(site.read("Output/pml/index.html"))).count == 3)
    }

    @Test func thePreviewServesEachLanguage() throws {
        let site = try Self.site(["Content/pml.md": TestSite.article(), "Content/pml.es.md": Self.spanish()])
        var options = site.options()
        options.includeDrafts = true
        let loaded = SiteBuilder.preview(options)
        let paths = Set(loaded.report.pages.map(\.path))
        #expect(paths.isSuperset(of: ["pml/index.html", "es/pml/index.html", "es/index.html", "index.html"]))
        let page = try #require(loaded.report.pages.first { $0.path == "es/pml/index.html" })
        #expect(page.html.contains("Página revisada por última vez"))
    }
}
