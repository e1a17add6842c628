import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

/// The rules of the core schema, each with content that triggers it and content that does not.
@Suite struct SchemaRuleTests {
    func report(_ article: String, settings: String = TestSite.settings, today: String = "2026-11-23") throws -> BuildReport {
        try TestSite(settings: settings, files: ["Content/pml.md": article]).check(today: today)
    }

    @Test func validArticleHasNoDiagnostics() throws {
        #expect(try report(TestSite.article()).diagnostics.isEmpty)
    }

    @Test func yamlSyntaxErrorIsReportedAtTheRealFileLine() throws {
        let text = "---\ntitle: A\ndescription: \"unclosed\nlast_reviewed: 2026-01-01\n---\nBody\n"
        let result = try report(text)
        let diagnostic = try #require(result.diagnostics.first { $0.rule.id == "frontmatter-syntax" })
        // The quote opens on file line 3 (YAML line 2); libyaml only notices at the end of the YAML.
        #expect(diagnostic.position == SourcePosition(line: 3, column: 14), "\(diagnostic.formatted)")
        #expect(diagnostic.formatted.hasPrefix("Content/pml.md:3:14: error: [frontmatter-syntax]"))
    }

    @Test(arguments: [
        ("---\ntitle: A\ndescription: B\nkey: [1, 2\n---\n", 4),   // unclosed bracket: where it opens
        ("---\ntitle: A\n\tdescription: B\n---\n", 3),             // tab indentation: the tab's line
        ("---\ntitle: A\ndescription B\nsources: x\n---\n", 3),     // missing colon: that line
    ])
    func yamlErrorLinesAreTheRealFileLines(_ text: String, _ line: Int) throws {
        let diagnostic = try #require(try report(text).diagnostics.first { $0.rule.id == "frontmatter-syntax" })
        #expect(diagnostic.position.line == line, "\(diagnostic.formatted)")
    }

    @Test func duplicateKeysAreErrors() throws {
        let text = TestSite.article(extra: "title: \"Again\"")
        let result = try report(text)
        #expect(result.has("frontmatter-syntax"))
        #expect(result.diagnostics.contains { $0.message.contains("'title' is given more than once") && $0.position.line == 10 })
    }

    @Test func requiredFieldsAreReportedEachWithAFix() throws {
        let result = try report("---\ntitle: A\n---\nBody\n")
        let missing = result.diagnostics.filter { $0.rule.id == "required-field" }.map(\.message)
        #expect(missing.count == 4)
        for field in ["description", "last_reviewed", "reviewed_by", "sources"] {
            #expect(missing.contains("'\(field)' is required"))
        }
        // At the closing '---', where they are to be added (it was 1:1, the top of the file).
        #expect(result.diagnostics.allSatisfy { $0.fix != nil && $0.position.line == 3 })
        #expect(result.diagnostics.allSatisfy { $0.fix?.hasSuffix("above the closing '---' on line 3") == true })
    }

    @Test func emptyRequiredValueIsReportedAtTheValue() throws {
        let text = TestSite.article().replacingOccurrences(of: "reviewed_by: \"Dr Amelia Hart, MD FRCP\"", with: "reviewed_by:")
        let diagnostic = try #require(try report(text).diagnostics.first { $0.rule.id == "required-field" })
        #expect(diagnostic.position.line == 5)
        #expect(diagnostic.message == "'reviewed_by' is required but empty")
    }

    @Test func shortAnswerNeedsAQuestion() throws {
        #expect(try report(TestSite.article(extra: "type: short-answer")).has("required-field"))
        #expect(try report(TestSite.article(extra: "type: short-answer\nquestion: \"Is it rare?\"")).diagnostics.isEmpty)
    }

    @Test func misspeltFieldSuggestsTheRightOne() throws {
        let text = TestSite.article().replacingOccurrences(of: "last_reviewed:", with: "last_reveiwed:")
        let result = try report(text)
        let diagnostic = try #require(result.diagnostics.first { $0.rule.id == "unknown-field" })
        #expect(diagnostic.message.contains("did you mean 'last_reviewed'?"))
        #expect(diagnostic.position.line == 4)
        #expect(result.has("required-field")) // and the real field is then missing
    }

    @Test func wrongTypesAreInvalidFields() throws {
        #expect(try report(TestSite.article().replacingOccurrences(of: "title: \"What is PML?\"", with: "title: 42")).has("invalid-field", line: 2))
        #expect(try report(TestSite.article().replacingOccurrences(of: "title: \"What is PML?\"", with: "title: [a, b]")).has("invalid-field", line: 2))
        #expect(try report(TestSite.article(extra: "audience: patients")).has("invalid-field"))
        #expect(try report(TestSite.article(extra: "draft: maybe")).has("invalid-field"))
        #expect(try report(TestSite.article(extra: "condition: {name: PML, icd10: nonsense}")).has("invalid-field"))
        #expect(try report(TestSite.article(extra: "condition: {name: PML, icd10: A81.2}")).diagnostics.isEmpty)
    }

    @Test func sourcesMustBeWebAddresses() throws {
        let text = TestSite.article().replacingOccurrences(of: "https://www.ninds.nih.gov/health-information/disorders/progressive-multifocal-leukoencephalopathy", with: "javascript:alert(1)")
        #expect(try report(text).has("invalid-field", line: 8))
    }

    @Test(arguments: ["2026-02-30", "2026-13-01", "07/04/2026", "2026-4-7", "yesterday"])
    func impossibleOrMalformedDatesAreInvalid(_ date: String) throws {
        #expect(try report(TestSite.article(lastReviewed: date)).has("invalid-date", line: 4))
    }

    @Test func leapDayIsAValidDate() throws {
        #expect(try report(TestSite.article(lastReviewed: "2024-02-29")).diagnostics.isEmpty)
    }

    @Test func reviewInTheFutureIsAnError() throws {
        #expect(try report(TestSite.article(lastReviewed: "2026-11-24")).has("review-in-future", line: 4))
        #expect(!(try report(TestSite.article(lastReviewed: "2026-11-23")).has("review-in-future")))
    }

    @Test func unknownDisclaimerSuggestsAKnownOne() throws {
        let result = try report(TestSite.article(extra: "disclaimer: treatmnet"))
        #expect(result.has("unknown-disclaimer"))
        #expect(result.diagnostics.first?.message.contains("did you mean 'treatment'?") == true)
        #expect(try report(TestSite.article(extra: "disclaimer: treatment")).diagnostics.isEmpty)
    }

    @Test(arguments: ["../etc", "a/b", "/abs", "UPPER", "two--hyphens", "-lead", "assets", "search", "404"])
    func invalidOrReservedSlugsAreRejected(_ slug: String) throws {
        #expect(try report(TestSite.article(slug: "\"\(slug)\"")).has("invalid-slug"))
    }

    @Test func fileNameThatIsNotASlugNeedsAnExplicitSlug() throws {
        let site = try TestSite(files: ["Content/PML Treatment.md": TestSite.article()])
        let result = site.check()
        #expect(result.has("invalid-slug", file: "Content/PML Treatment.md"))
        #expect(result.diagnostics.first?.fix?.contains("slug: pml-treatment") == true)
    }

    @Test func duplicateSlugNamesBothFiles() throws {
        let site = try TestSite(files: ["Content/pml.md": TestSite.article(),
                                        "Content/neuro/pml.md": TestSite.article(title: "Other")])
        let result = site.check()
        let messages = result.diagnostics.filter { $0.rule.id == "duplicate-slug" }
        #expect(messages.count == 2)
        #expect(messages.contains { $0.file == "Content/pml.md" && $0.message.contains("Content/neuro/pml.md") })
        #expect(messages.contains { $0.file == "Content/neuro/pml.md" && $0.message.contains("Content/pml.md") })
    }

    @Test func nextReviewDefaultsToTheIntervalAfterTheLastReview() throws {
        let site = try TestSite(files: ["Content/pml.md": TestSite.article(lastReviewed: "2024-01-31")])
        let summary = try #require(site.check().articles.first)
        #expect(summary.nextReview == CalendarDate(iso: "2027-01-31"))
        let shorter = try TestSite(settings: TestSite.settings + "\nreview:\n  interval_months: 13\n",
                                   files: ["Content/pml.md": TestSite.article(lastReviewed: "2024-01-31")])
        #expect(shorter.check().articles.first?.nextReview == CalendarDate(iso: "2025-02-28"))
    }

    @Test func reportsEveryProblemOfEveryFileInOneRun() throws {
        let site = try TestSite(files: ["Content/a.md": "---\ntitle: A\n---\n", "Content/b.md": "no front matter",
                                        "Content/c.md": TestSite.article(lastReviewed: "2026-02-30")])
        let result = site.check()
        #expect(Set(result.diagnostics.map(\.file)) == ["Content/a.md", "Content/b.md", "Content/c.md"])
    }
}
