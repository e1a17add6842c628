import Foundation
import Testing
@testable import MedsiteCore

/// The common YAML mistakes (the table in docs/editors.md), each put through the real splitter and
/// decoder: reported at the mistake, in an editor's words, with the fix, and shown with the line and
/// a caret in text output.
@Suite struct YAMLMistakeTests {
    struct Mistake: CustomTestStringConvertible, Sendable {
        let name: String
        /// The front matter between the `---` lines; its first line is line 2 of the file.
        let yaml: String
        let line: Int
        let column: Int
        let severity: Severity
        let message: String
        let fix: String
        var testDescription: String { name }
    }

    static let mistakes: [Mistake] = [
        Mistake(name: "colon in an unquoted value", yaml: "title: Shingles: what to expect\ndescription: x",
                line: 2, column: 16, severity: .error, message: "the title contains ': ', which YAML reads as the start of another field",
                fix: "put the title in double quotes: title: \"Shingles: what to expect\""),
        Mistake(name: "colon on a line that continues a value", yaml: "description: Shingles is a rash\n  that hurts: a lot\ntitle: x",
                line: 3, column: 13, severity: .error, message: "the description contains ': '",
                fix: "put the description in double quotes"),
        Mistake(name: "tab indentation", yaml: "title: x\n\tdescription: y",
                line: 3, column: 1, severity: .error, message: "this line is indented with a tab, and YAML only understands spaces",
                fix: "use spaces, not a tab"),
        Mistake(name: "tab before a list item", yaml: "tags:\n\t- asthma",
                line: 3, column: 1, severity: .error, message: "indented with a tab", fix: "use spaces, not a tab"),
        Mistake(name: "tab inside a group", yaml: "condition:\n  name: Asthma\n\ticd10: J45",
                line: 4, column: 1, severity: .error, message: "indented with a tab", fix: "use spaces, not a tab"),
        Mistake(name: "unclosed double quote", yaml: "title: \"Shingles\ndescription: y",
                line: 2, column: 8, severity: .error, message: "the quote \" that starts here is never closed",
                fix: "add the closing \" at the end of the value"),
        Mistake(name: "unclosed quote with a tab inside it", yaml: "title: \"Shingles\n\tand the skin\ndescription: y",
                line: 2, column: 8, severity: .error, message: "the quote \" that starts here is never closed",
                fix: "add the closing \" at the end of the value"),
        Mistake(name: "unclosed single quote", yaml: "title: 'Shingles\ndescription: y",
                line: 2, column: 8, severity: .error, message: "the quote ' that starts here is never closed",
                fix: "an apostrophe inside single quotes is written twice"),
        Mistake(name: "unclosed quote before another quoted value", yaml: "title: A\naudience: \"patient\nreviewed_by: \"Dr Amelia Hart\"",
                line: 3, column: 11, severity: .error, message: "the quote \" that starts here is never closed",
                fix: "add the closing \" at the end of the value"),
        Mistake(name: "text after the closing quote", yaml: "title: \"Shingles\" – what to expect",
                line: 2, column: 19, severity: .error, message: "there is more text after the closing quote of the title",
                fix: "write each double quote inside it as \\\""),
        Mistake(name: "a list item at the wrong indent", yaml: "tags:\n  - asthma\n - skin\ndescription: y",
                line: 4, column: 2, severity: .error, message: "this list item is not lined up with the lines above it",
                fix: "start each '- ' item of a list with the same number of spaces as the one above it"),
        Mistake(name: "nested key indented too far", yaml: "condition:\n  name: Asthma\n   icd10: J45",
                line: 4, column: 4, severity: .error, message: "'icd10' is not lined up with the lines above it",
                fix: "indent 'icd10' like the other fields at its level"),
        Mistake(name: "nested key not indented enough", yaml: "sources:\n  - title: NHS\n   url: https://www.nhs.uk/",
                line: 4, column: 4, severity: .error, message: "'url' is not lined up with the lines above it",
                fix: "indent 'url' like the other fields at its level"),
        Mistake(name: "missing space after the colon", yaml: "title:Shingles\ndescription: y",
                line: 2, column: 7, severity: .error, message: "there is no space after the ':' of 'title'",
                fix: "add a space after the colon: 'title: Shingles'"),
        Mistake(name: "missing space after the colon on the last line", yaml: "description: y\ntitle:Shingles",
                line: 3, column: 7, severity: .error, message: "there is no space after the ':' of 'title'",
                fix: "add a space after the colon: 'title: Shingles'"),
        Mistake(name: "missing colon", yaml: "title: A\ndescription The answer\nsources: x",
                line: 3, column: 1, severity: .error, message: "there is no ':' after the field name on this line",
                fix: "like 'description: …'"),
        Mistake(name: "'#' starting a comment inside a value", yaml: "title: Living with asthma #1 guide",
                line: 2, column: 27, severity: .warning, message: "the text from '#' is left out of the title",
                fix: "put the title in double quotes: title: \"Living with asthma #1 guide\""),
        Mistake(name: "'#' as the whole value", yaml: "tags: #asthma",
                line: 2, column: 7, severity: .warning, message: "the value of 'tags' is empty: YAML reads the text from '#' as a comment",
                fix: "tags: \"#asthma\""),
        Mistake(name: "a value starting with '@'", yaml: "reviewed_by: @drsmith",
                line: 2, column: 14, severity: .error, message: "the value of 'reviewed_by' starts with '@', which YAML keeps for itself",
                fix: "put the value of 'reviewed_by' in double quotes: reviewed_by: \"@drsmith\""),
        Mistake(name: "a value starting with '`'", yaml: "title: `Shingles` explained",
                line: 2, column: 8, severity: .error, message: "the title starts with '`'",
                fix: "put the title in double quotes: title: \"`Shingles` explained\""),
        Mistake(name: "a value starting with '%'", yaml: "title: %50 of adults",
                line: 2, column: 8, severity: .error, message: "the title starts with '%'",
                fix: "put the title in double quotes: title: \"%50 of adults\""),
        Mistake(name: "a value starting with '&'", yaml: "title: & more",
                line: 2, column: 8, severity: .error, message: "the title starts with '&'", fix: "put the title in double quotes"),
        Mistake(name: "a value starting with '|'", yaml: "title: | Shingles",
                line: 2, column: 8, severity: .error, message: "the title starts with '|'", fix: "put the title in double quotes"),
        Mistake(name: "a value starting with '*'", yaml: "title: *Shingles*",
                line: 2, column: 8, severity: .error, message: "the title starts with '*'",
                fix: "put the title in double quotes: title: \"*Shingles*\""),
        Mistake(name: "a '*' copy of another value", yaml: "description: &d Shingles\ntitle: *d",
                line: 3, column: 8, severity: .error, message: "a value starting with '*' is read by YAML as a copy of another value",
                fix: "put it in double quotes"),
        Mistake(name: "a value starting with '[' that is not a list", yaml: "title: [Draft] Shingles",
                line: 2, column: 16, severity: .error, message: "there is more text after the closing ']' of the title",
                fix: "put the title in double quotes: title: \"[Draft] Shingles\""),
        Mistake(name: "a list never closed", yaml: "tags: [asthma, skin\ndescription: y",
                line: 2, column: 7, severity: .error, message: "the '[' that starts here is never closed with ']'",
                fix: "end the list with ']'"),
        Mistake(name: "duplicate key", yaml: "title: A\ndescription: B\ntitle: C",
                line: 4, column: 1, severity: .error, message: "'title' is given more than once (lines 2 and 4)",
                fix: "keep one 'title:' line and delete the other"),
        Mistake(name: "a leading '-' without a space", yaml: "tags:\n  -asthma\n  -skin",
                line: 3, column: 3, severity: .error, message: "the value of 'tags' reads as the text '-asthma -skin', not a list",
                fix: "write each item as '- asthma', with a space after the dash"),
        Mistake(name: "a comma-separated list of tags", yaml: "tags: shingles, skin",
                line: 2, column: 7, severity: .warning, message: "'tags' is one tag, 'shingles, skin': in YAML a comma does not separate tags",
                fix: "write a list: tags: [shingles, skin]"),
        Mistake(name: "an unknown tag", yaml: "title: !foo Shingles",
                line: 2, column: 8, severity: .error, message: "'!foo' asks YAML for a special kind of value, which medsite does not allow",
                fix: "delete '!foo'; if the text really starts with '!', put the whole value in double quotes"),
        Mistake(name: "a Python object tag", yaml: "title: !!python/object:os.system Shingles",
                line: 2, column: 8, severity: .error, message: "'!!python/object:os.system' asks YAML for a special kind of value",
                fix: "delete '!!python/object:os.system'"),
        Mistake(name: "a binary tag", yaml: "description: y\ntitle: !!binary aGVsbG8=",
                line: 3, column: 8, severity: .error, message: "'!!binary' asks YAML for a special kind of value", fix: "delete '!!binary'"),
        Mistake(name: "a tag on a list", yaml: "tags: !!set [a, b]",
                line: 2, column: 7, severity: .error, message: "'!!set' asks YAML for a special kind of value", fix: "delete '!!set'"),
        Mistake(name: "an invisible control character", yaml: "title: Shingles\u{7} explained",
                line: 2, column: 16, severity: .error, message: "this line holds an invisible control character (<U+0007>)",
                fix: "delete it"),
    ]

    /// Words from libyaml and programming that an editor should never have to read.
    static let jargon = ["mapping", "scalar", "simple key", "token", "indicator", "flow", "block", "stream",
                         "cmark", "safe mode", "YAML syntax error", "alias", "anchor"]

    static func decode(_ yaml: String) throws -> [Diagnostic] {
        let text = "---\n" + yaml + "\n---\nBody\n"
        let split = try #require(FrontMatterSplitter.split(text, file: "Content/a.md").0)
        let settings = SiteSettings(disclaimers: [(key: "general", text: "Not advice.")])
        return FrontMatterDecoder.decode(split, file: "Content/a.md", defaultSlug: "a", settings: settings).1
            .filter { $0.rule.id != "required-field" }
    }

    @Test(arguments: mistakes)
    func mistakeIsExplainedAtItsPlaceWithItsFix(_ mistake: Mistake) throws {
        let found = try Self.decode(mistake.yaml)
        let diagnostic = try #require(found.first { $0.message.contains(mistake.message) }, "\(found.map(\.formatted))")
        #expect(diagnostic.position == SourcePosition(line: mistake.line, column: mistake.column), "\(diagnostic.formatted)")
        #expect(diagnostic.severity == mistake.severity, "\(diagnostic.formatted)")
        #expect(diagnostic.fix?.contains(mistake.fix) == true, "\(diagnostic.formatted)")
        for word in Self.jargon {
            #expect(!diagnostic.formatted.lowercased().contains(word.lowercased()), "'\(word)' in \(diagnostic.formatted)")
        }
        // Text output shows the line, with a caret under the column.
        var report = BuildReport()
        report.diagnostics = [diagnostic]
        let text = DiagnosticFormatter.format(report, as: .text, headline: "Checked")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let source = try #require(lines.firstIndex { $0.hasPrefix("    \(mistake.line) | ") }, "\(text)")
        let caret = lines[source + 1]
        #expect(caret.hasSuffix("^"), "\(text)")
        #expect(caret.count == "    \(mistake.line) | ".count + mistake.column, "\(text)")
    }

    @Test func correctedFrontMatterHasNoneOfThem() throws {
        let yaml = """
        title: "Shingles: what to expect"
        description: "Living with asthma #1 guide"
        reviewed_by: "@drsmith"
        tags: [shingles, skin]
        condition:
          name: Asthma
          icd10: J45
        sources:
          - title: "[Draft] Shingles"
            url: https://www.nhs.uk/ # the NHS page
        """
        #expect(try Self.decode(yaml).map(\.formatted) == [])
    }

    @Test func textOutputShowsTheLineAndACaret() throws {
        var report = BuildReport()
        report.diagnostics = try Self.decode("title: Shingles: what to expect")
        let text = DiagnosticFormatter.format(report, as: .text, headline: "Checked")
        #expect(text.hasPrefix("""
            Content/a.md:2:16: error: [frontmatter-syntax] the title contains ': ', which YAML reads as the start of another field \
            — put the title in double quotes: title: "Shingles: what to expect"
                2 | title: Shingles: what to expect
                  |                ^

            """), "\(text)")
    }

    @Test func aTabIsShownWhereItIs() throws {
        var report = BuildReport()
        report.diagnostics = try Self.decode("title: x\n  \tdescription: y")
        let text = DiagnosticFormatter.format(report, as: .text, headline: "Checked")
        #expect(text.contains("    3 |   \u{2409}description: y\n      |   ^\n"), "\(text)")
    }

    @Test func jsonOutputCarriesTheLine() throws {
        var report = BuildReport()
        report.diagnostics = try Self.decode("title: Shingles: what to expect")
        let json = DiagnosticFormatter.format(report, as: .json, headline: "Checked")
        #expect(json.contains("\"line\": 2"))
        #expect(json.contains("\"column\": 16"))
        #expect(json.contains("\"source_line\": \"title: Shingles: what to expect\""), "\(json)")
    }

    @Test func medsiteYmlMistakesAreExplainedToo() throws {
        let (settings, diagnostics) = SiteSettings.parse("title: Riverside: health\nbase_url: https://example.org/\n")
        #expect(settings == nil)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.position == SourcePosition(line: 1, column: 17))
        #expect(diagnostic.message == "the title contains ': ', which YAML reads as the start of another field")
        #expect(diagnostic.fix == "put the title in double quotes: title: \"Riverside: health\"")
    }
}
