import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

@Suite struct SiteScaffoldTests {
    static let day = CalendarDate(iso: "2026-11-23")!

    static func freshFolder() -> String {
        NSTemporaryDirectory() + "medsite-scaffold-" + UUID().uuidString
    }

    /// The example's reviewer is invented, so it must never be published as it is: it is a draft
    /// (the site builds, the preview shows it), its only problems are its placeholders, and once
    /// they are replaced and the draft line deleted it publishes with no diagnostic at all.
    @Test(arguments: [true, false])
    func initialisedSiteBuildsAndItsExampleIsADraftWithPlaceholders(includeTemplates: Bool) throws {
        let folder = Self.freshFolder()
        try SiteScaffold.create(in: folder, .init(today: Self.day, includeTemplates: includeTemplates))
        let path = folder + "/" + SiteScaffold.exampleArticlePath
        for strict in [false, true] {
            let report = SiteBuilder.build(BuildOptions(siteDirectory: folder, today: Self.day, strict: strict))
            #expect(report.exitStatus == 0)
            #expect(report.published)
            #expect(report.draftsSkipped == 1)
            #expect(report.diagnostics.allSatisfy { $0.rule == .placeholderValue && $0.severity == .warning },
                    "\(report.diagnostics.map(\.formatted))")
            #expect(report.diagnostics.map(\.position.line) == [7, 21, 22, 39])
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/Output/washing-your-hands/index.html"))
        #expect(FileManager.default.fileExists(atPath: folder + "/Templates/partials/review.mustache") == includeTemplates)

        // Publishing it without replacing the placeholders fails, pointing at each one.
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "draft: true\n", with: "")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let refused = SiteBuilder.build(BuildOptions(siteDirectory: folder, today: Self.day))
        #expect(refused.exitStatus == 1)
        #expect(!refused.published)
        let errors = refused.diagnostics.filter { $0.severity == .error }
        #expect(errors.allSatisfy { $0.rule == .placeholderValue } && errors.count == 4, "\(refused.diagnostics.map(\.formatted))")
        #expect(errors.contains { $0.formatted.contains("replace 'Dr Alex Example' with the name and credentials of the clinician who reviewed this page") })

        // Replaced: the model page passes every rule, even with --strict.
        text = text.replacingOccurrences(of: Placeholders.reviewer, with: "Dr Priya Nair, MBBS MRCGP")
            .replacingOccurrences(of: Placeholders.author, with: "Sam Okafor")
            .replacingOccurrences(of: Placeholders.examplePrefix, with: "")
            .replacingOccurrences(of: Placeholders.exampleNotice + "\n\n", with: "")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let published = SiteBuilder.build(BuildOptions(siteDirectory: folder, today: Self.day, strict: true))
        #expect(published.exitStatus == 0)
        #expect(published.diagnostics.isEmpty, "\(published.diagnostics.map(\.formatted))")
        let page = try String(contentsOfFile: folder + "/Output/washing-your-hands/index.html", encoding: .utf8)
        #expect(page.contains("Page last reviewed: 23 November 2026"))
        #expect(page.contains("data-medsite=\"disclaimer\""))
    }

    @Test func templatesAreTheEmbeddedDefaultThemeByteForByte() throws {
        let folder = Self.freshFolder()
        try SiteScaffold.create(in: folder, .init(today: Self.day))
        for (path, text) in DefaultTheme.files {
            #expect(try String(contentsOfFile: folder + "/Templates/" + path, encoding: .utf8) == text, "\(path)")
        }
    }

    @Test func settingsListEverySettingWithItsDefault() throws {
        let text = SiteScaffold.settings(title: "Riverside: \"Clinic\" #1", baseURL: "https://health.example.org")
        let (parsed, diagnostics) = SiteSettings.parse(text)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
        let settings = try #require(parsed)
        let defaults = SiteSettings()
        #expect(settings.title == "Riverside: \"Clinic\" #1")
        #expect(settings.baseURL == "https://health.example.org/")
        #expect(settings.language == defaults.language)
        #expect(settings.defaultDisclaimer == defaults.defaultDisclaimer)
        #expect(settings.reviewIntervalMonths == defaults.reviewIntervalMonths)
        #expect(settings.overduePolicy == defaults.overduePolicy)
        #expect(settings.dueSoonDays == defaults.dueSoonDays)
        #expect(settings.ruleSettings.isEmpty)
        #expect(settings.extraPhrases.values.allSatisfy { $0.isEmpty })
        #expect(settings.maxReadabilityGrade == defaults.maxReadabilityGrade)
        // Every key the parser knows is written out (not only mentioned in a comment).
        let lines = text.split(separator: "\n").map(String.init).filter { !$0.trimmingWhitespace.hasPrefix("#") }
        for key in SiteSettings.knownKeys {
            #expect(lines.contains { $0.hasPrefix(key + ":") }, "\(key)")
        }
        for key in SiteSettings.reviewKeys + SiteSettings.phraseLists + ["max_grade"] {
            #expect(lines.contains { $0.hasPrefix("  " + key + ":") }, "\(key)")
        }
    }

    @Test func refusesToOverwriteAndWritesNothingWhenAnyFileExists() throws {
        let folder = Self.freshFolder()
        try FileManager.default.createDirectory(atPath: folder + "/Content", withIntermediateDirectories: true)
        try "mine".write(toFile: folder + "/Content/washing-your-hands.md", atomically: false, encoding: .utf8)
        #expect {
            try SiteScaffold.create(in: folder, .init(today: Self.day))
        } throws: { error in
            let error = error as! ScaffoldError
            return error.existing == ["Content/washing-your-hands.md"] && error.message.contains("washing-your-hands.md")
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/medsite.yml"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/Templates"))
        #expect(try String(contentsOfFile: folder + "/Content/washing-your-hands.md", encoding: .utf8) == "mine")
    }

    @Test func aFileInTheWayOfAFolderIsAnErrorNotACrash() throws {
        let folder = Self.freshFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "not a folder".write(toFile: folder + "/Templates", atomically: false, encoding: .utf8)
        #expect(throws: ScaffoldError.self) { try SiteScaffold.create(in: folder, .init(today: Self.day)) }
    }
}

@Suite struct ArticleScaffoldTests {
    static func draft(_ options: ArticleScaffold.Options) throws -> (TestSite, BuildReport, String) {
        let site = try TestSite(files: [ArticleScaffold.path(for: options): ArticleScaffold.text(options)])
        return (site, site.build(strict: true), ArticleScaffold.path(for: options))
    }

    @Test func slugComesFromTheTitle() {
        #expect(ArticleScaffold.slug(forTitle: "Is PML curable?") == "is-pml-curable")
        // One rule for every address (PageAddress): apostrophes dropped, letters of any script kept.
        #expect(ArticleScaffold.slug(forTitle: "  HbA1c: what's a good level? ") == "hba1c-whats-a-good-level")
        #expect(ArticleScaffold.slug(forTitle: "Ça va?") == "ça-va")
        #expect(ArticleScaffold.problem(withSlug: "search") != nil)
        #expect(ArticleScaffold.problem(withSlug: "Bad Slug") != nil)
        #expect(ArticleScaffold.problem(withSlug: "living-with-asthma") == nil)
    }

    @Test func declaredSlugIsReadFromTheFrontMatterOnly() {
        #expect(ArticleScaffold.declaredSlug(in: "---\ntitle: A\nslug: peak-flow\n---\n") == "peak-flow")
        #expect(ArticleScaffold.declaredSlug(in: "---\r\nslug: \"peak-flow\"   # address\r\n---\r\n") == "peak-flow")
        #expect(ArticleScaffold.declaredSlug(in: "---\ntitle: A\n---\nslug: not-front-matter\n") == nil)
        #expect(ArticleScaffold.declaredSlug(in: "no front matter\nslug: x\n") == nil)
        #expect(ArticleScaffold.declaredSlug(in: "---\nsources:\n  slug: nested\n---\n") == nil)
    }

    @Test func draftNeverCarriesAReviewDateAndBuildsWithClearWarnings() throws {
        let options = ArticleScaffold.Options(title: "Living with \"asthma\": a guide #1", condition: "Asthma",
                                              disclaimerKeys: ["general", "treatment"])
        let text = ArticleScaffold.text(options)
        #expect(text.split(separator: "\n").contains("last_reviewed:"))
        #expect(text.range(of: "last_reviewed: [0-9]", options: .regularExpression) == nil)
        #expect(text.contains("draft: true"))
        let (_, report, path) = try Self.draft(options)
        // A draft never fails a build, even with --strict, and is never published.
        #expect(report.exitStatus == 0, "\(report.diagnostics.map(\.formatted))")
        #expect(report.draftsSkipped == 1)
        #expect(report.pages.allSatisfy { $0.path != "living-with-asthma-a-guide-1/index.html" })
        let warnings = report.diagnostics.filter { $0.file == path }
        #expect(warnings.allSatisfy { $0.severity == .warning }, "\(warnings.map(\.formatted))")
        // Every guidance paragraph of the body is a placeholder to replace.
        let guidance = warnings.filter { $0.rule == .placeholderValue }
        #expect(guidance.count == Placeholders.articleGuidance.count, "\(guidance.map(\.formatted))")
        #expect(Set(warnings.filter { $0.rule == .requiredField }.map(\.message)) == [
            "'description' is required but empty", "'last_reviewed' is required but empty",
            "'reviewed_by' is required but empty", "'sources[1].title' is required but empty",
            "'sources[1].url' is required but empty",
        ])
    }

    @Test func filledInDraftPublishesOnceDraftLineIsRemoved() throws {
        let options = ArticleScaffold.Options(title: "Can I drink alcohol with metformin?", type: .shortAnswer,
                                              condition: "Type 2 diabetes", disclaimerKeys: ["general"])
        var text = ArticleScaffold.text(options)
        text = text.replacingOccurrences(of: "description: \"\"", with: "description: \"Usually yes, in moderation.\"")
            .replacingOccurrences(of: "last_reviewed:\n", with: "last_reviewed: 2026-10-01\n")
            .replacingOccurrences(of: "reviewed_by:\n", with: "reviewed_by: \"Dr Priya Nair, MBBS MRCP\"\n")
            .replacingOccurrences(of: "  - title: \"\"\n    url: \"\"", with: "  - title: \"Metformin\"\n    url: \"https://www.nhs.uk/medicines/metformin/\"")
            .replacingOccurrences(of: "draft: true\n", with: "")
        let site = try TestSite(files: [ArticleScaffold.path(for: options): text])
        // The body's guidance sentences are still there: not published until they are replaced.
        let withGuidance = site.build(strict: true)
        #expect(withGuidance.exitStatus == 1)
        #expect(withGuidance.diagnostics.filter { $0.rule == .placeholderValue }.count == Placeholders.shortAnswerGuidance.count)
        for (number, paragraph) in Placeholders.shortAnswerGuidance.enumerated() {
            text = text.replacingOccurrences(of: paragraph, with: "Most people can drink a little alcohol, part \(number + 1).")
        }
        try site.write(ArticleScaffold.path(for: options), text)
        let report = site.build(strict: true)
        #expect(report.exitStatus == 0, "\(report.diagnostics.map(\.formatted))")
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.formatted))")
        let page = try #require(site.read("Output/can-i-drink-alcohol-with-metformin/index.html"))
        #expect(page.contains("Can I drink alcohol with metformin?"))
        #expect(page.contains("Type 2 diabetes"))
    }

    @Test func shortAnswerDraftHasItsQuestion() throws {
        let options = ArticleScaffold.Options(title: "Is PML curable", type: .shortAnswer)
        #expect(ArticleScaffold.text(options).contains("question: \"Is PML curable?\""))
        let (_, report, _) = try Self.draft(options)
        #expect(!report.diagnostics.contains { $0.message.contains("'question'") })
    }
}

@Suite struct FrontMatterSchemaTests {
    func parsed(_ keys: [String]? = nil) throws -> [String: Any] {
        let data = Data(FrontMatterSchema.json(disclaimerKeys: keys).utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func schemaDescribesExactlyTheFieldsTheDecoderKnows() throws {
        let schema = try parsed()
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let properties = try #require(schema["properties"] as? [String: [String: Any]])
        #expect(Set(properties.keys) == Set(FrontMatterField.allCases.map(\.name)))
        #expect(schema["required"] as? [String] == FrontMatterField.allCases.filter(\.isRequired).map(\.name))
        #expect(schema["additionalProperties"] as? Bool == false)
        for (field, definition) in properties {
            // Not the permissive fallback: each field has a real type.
            let typed = ["$ref", "type", "enum", "anyOf"].contains { definition[$0] != nil }
            #expect(typed, "\(field) has no type in the schema")
            #expect((definition["description"] as? String)?.isEmpty == false, "\(field)")
        }
        let type = try #require(properties["type"]?["enum"] as? [String])
        #expect(type == ArticleType.allCases.map(\.rawValue))
    }

    @Test func siteDisclaimerKeysBecomeAnEnum() throws {
        let properties = try #require(try parsed(["general", "treatment"])["properties"] as? [String: [String: Any]])
        #expect(properties["disclaimer"]?["enum"] as? [String] == ["general", "treatment"])
    }

    @Test func editorsFieldTableIsGeneratedFromTheFields() throws {
        let written = try String(contentsOfFile: TestSite.repositoryRoot + "/docs/editors.md", encoding: .utf8)
        let table = FrontMatterField.editorsTable()
        #expect(written.contains(table), "docs/editors.md's front-matter table is stale: run `make fields-doc`")
        for field in FrontMatterField.allCases {
            #expect(table.contains("| `\(field.name)` |"), "\(field.name) is missing from the table")
        }
    }

    @Test func newDraftTemplateWritesEveryFieldAnEditorFillsIn() {
        let text = ArticleScaffold.text(.init(title: "Living with asthma", disclaimerKeys: ["general"]))
        // slug is the file's name, aliases the old addresses of a renamed page and waive a later
        // decision: none belongs in a new draft.
        for field in FrontMatterField.allCases where ![.slug, .aliases, .waive].contains(field) {
            let written = text.contains("\n\(field.name):") || text.contains("\n# \(field.name):")
                || text.contains("add the patient's question: \(field.name):")
            #expect(written, "medsite new's template does not mention '\(field.name)'")
        }
    }

    @Test func jsonEscapesControlCharacters() {
        #expect(JSONValue.quote("a\"b\\c\n\u{1}") == "\"a\\\"b\\\\c\\n\\u0001\"")
    }
}
