import Foundation
import Testing
@testable import MedsiteCore

/// What an editor reads: diagnostics that cannot act on the terminal, lines that match the file,
/// slugs refused before they fail a write, source dates that are dates, and no internal file names.
@Suite struct EditorMessagesTests {
    /// Characters a report must never print as they are (terminal escapes, forged line breaks,
    /// bidirectional overrides), whatever the format.
    static func actingCharacters(in text: String, allowingLineBreaks: Bool) -> [String] {
        text.unicodeScalars.filter { scalar in
            if allowingLineBreaks && scalar == "\n" { return false }
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
            default: return false
            }
        }.map { String(format: "U+%04X", $0.value) }
    }

    @Test func terminalEscapesInFrontMatterAreShownNotActedOn() throws {
        // Erase the line, move up, then a forged diagnostic; a window-title sequence; a right-to-left override.
        let hostile = "\\e[2K\\r\\e[1AContent/ok.md:1:1: note: [forged] all clear\\n\\e]0;owned\\a\u{202E}txet"
        let site = try TestSite(files: ["Content/pml.md": TestSite.article(extra: "disclaimer: \"\(hostile)\"")])
        let report = site.check()
        let diagnostic = try #require(report.diagnostics.first { $0.rule.id == "unknown-disclaimer" })
        #expect(diagnostic.message.contains("\u{1B}[2K"), "the message keeps the text; only printing escapes it")

        let text = DiagnosticFormatter.format(report, as: .text, headline: "Checked")
        #expect(Self.actingCharacters(in: text, allowingLineBreaks: true) == [], "\(text.debugDescription)")
        #expect(text.contains("<U+001B>[2K<U+000D><U+001B>[1AContent/ok.md:1:1: note: [forged] all clear<U+000A><U+001B>]0;owned<U+0007><U+202E>txet"))
        // Nothing starts a line of its own: one diagnostic line and the summary.
        #expect(text.split(separator: "\n").count == 2, "\(text)")

        let json = DiagnosticFormatter.format(report, as: .json, headline: "Checked")
        #expect(Self.actingCharacters(in: json, allowingLineBreaks: true) == [], "\(json.debugDescription)")
        #expect(json.contains("\\u001b[2K\\r\\u001b[1AContent/ok.md:1:1: note: [forged] all clear\\n\\u001b]0;owned\\u0007\\u202etxet"), "\(json)")
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let messages = (decoded?["diagnostics"] as? [[String: Any]])?.compactMap { $0["message"] as? String } ?? []
        #expect(messages.contains(diagnostic.message), "JSON readers get the text back exactly")

        let github = DiagnosticFormatter.format(report, as: .github, headline: "Checked")
        #expect(Self.actingCharacters(in: github, allowingLineBreaks: true) == [], "\(github.debugDescription)")
        #expect(github.contains("<U+001B>[2K%0D<U+001B>[1AContent/ok.md:1:1: note: [forged] all clear%0A<U+001B>]0;owned<U+0007><U+202E>txet"))
        #expect(!github.contains("\n::"), "no forged workflow command: \(github)")
        #expect(github.split(separator: "\n").count == 2)
    }

    @Test func reviewScheduleShowsEscapesInNamesNotActsOnThem() throws {
        let article = TestSite.article().replacingOccurrences(of: "reviewed_by: \"Dr Amelia Hart, MD FRCP\"",
                                                              with: "reviewed_by: \"Dr Hart\\e[2K\\r\\e]0;owned\\a\"")
        let site = try TestSite(files: ["Content/pml.md": article])
        let schedule = try #require(ReviewSchedule.load(siteDirectory: site.root, today: CalendarDate(iso: "2026-11-23")!).0)
        let text = ReviewReport.format(schedule, entries: schedule.entries, as: .text)
        #expect(Self.actingCharacters(in: text, allowingLineBreaks: true) == [], "\(text.debugDescription)")
        #expect(text.contains("Dr Hart<U+001B>[2K<U+000D><U+001B>]0;owned<U+0007>"), "\(text)")
    }

    @Test func aCachedBuildShowsTheSameLineAndCaret() throws {
        let site = try TestSite(files: ["Content/pml.md": TestSite.article(extra: "tags: shingles, skin")])
        let first = site.build()
        #expect(first.published)
        let second = site.build() // replayed from the build cache
        #expect(second.diagnostics == first.diagnostics)
        let text = DiagnosticFormatter.format(second, as: .text, headline: "Built")
        #expect(text.contains("    10 | tags: shingles, skin\n       |       ^\n"), "\(text)")
    }

    @Test(arguments: ["\u{2028}", "\u{2029}", "\u{85}"])
    func unicodeLineBreaksInYAMLDoNotMoveLineNumbers(_ separator: String) throws {
        // The title (line 2) holds three of them; the unknown field is on line 10 of the file.
        let article = TestSite.article(title: "PML\(separator)and\(separator)the\(separator)brain",
                                       extra: "colour: blue\ntags: [\"a\(separator)b\", 12]")
        let site = try TestSite(files: ["Content/pml.md": article])
        let report = site.check()
        let unknown = try #require(report.diagnostics.first { $0.rule.id == "unknown-field" })
        #expect(unknown.position == SourcePosition(line: 10, column: 1), "\(unknown.formatted)")
        // And columns after one on the same line: `12` is the 15th character of line 11.
        let number = try #require(report.diagnostics.first { $0.message.contains("tags[2]") })
        #expect(number.position == SourcePosition(line: 11, column: 15), "\(number.formatted)")
    }

    @Test func unicodeLineBreakBeforeASyntaxErrorKeepsItsLine() throws {
        let text = "---\ntitle: \"a\u{2028}b\u{2028}c\"\ndescription: Shingles: what to expect\n---\nBody\n"
        let report = try TestSite(files: ["Content/pml.md": text]).check()
        let diagnostic = try #require(report.diagnostics.first { $0.rule.id == "frontmatter-syntax" })
        #expect(diagnostic.position == SourcePosition(line: 3, column: 22), "\(diagnostic.formatted)")
    }

    @Test func slugLongerThanAnAddressCanBeIsRefusedByTheSlugRule() throws {
        let slug = String(repeating: "shingles-", count: 33) + "rash" // 301 characters
        let site = try TestSite(files: ["Content/pml.md": TestSite.article(slug: slug)])
        let report = site.build()
        #expect(!report.published)
        let diagnostic = try #require(report.diagnostics.first { $0.rule.id == "invalid-slug" }, "\(report.diagnostics.map(\.formatted))")
        #expect(diagnostic.position.line == 4)
        #expect(diagnostic.message == "the slug is 301 characters long; a page address can have at most 200")
        #expect(diagnostic.fix?.contains("use a shorter slug") == true)
        #expect(!report.diagnostics.contains { $0.rule.id == "output-failed" })

        let exactly = String(repeating: "a", count: 200)
        #expect(try TestSite(files: ["Content/pml.md": TestSite.article(slug: exactly)]).build().published)
    }

    @Test func tagsAndConditionsTooLongForAnAddressAreRefused() throws {
        let tag = String(repeating: "shingles ", count: 40).trimmingCharacters(in: .whitespaces)
        let condition = String(repeating: "zoster ", count: 45).trimmingCharacters(in: .whitespaces)
        let article = TestSite.article(extra: "tags: [\"\(tag)\", skin]\ncondition: \"\(condition)\"")
        let site = try TestSite(files: ["Content/pml.md": article])
        let report = site.build()
        #expect(!report.published)
        #expect(!report.diagnostics.contains { $0.rule.id == "output-failed" }, "\(report.diagnostics.map(\.formatted))")
        #expect(report.diagnostics.contains { $0.position.line == 10 && $0.message.hasPrefix("the tag 'shingles shingles") && $0.message.hasSuffix("is too long: each tag has a page (/tags/…/), and an address can have at most 200 characters") })
        #expect(report.diagnostics.contains { $0.position.line == 11 && $0.message.hasPrefix("the condition 'zoster zoster") })
    }

    @Test func fileNameTooLongForAnAddressIsRefused() throws {
        let name = String(repeating: "shingles-", count: 25) + "rash" // 229 characters, a legal file name
        let site = try TestSite(files: ["Content/\(name).md": TestSite.article()])
        let report = site.build()
        #expect(!report.published)
        let diagnostic = try #require(report.diagnostics.first { $0.rule.id == "invalid-slug" }, "\(report.diagnostics.map(\.formatted))")
        #expect(diagnostic.message == "the file name gives a slug of 229 characters; a page address can have at most 200")
    }

    func sourceDate(_ date: String) -> String {
        TestSite.article().replacingOccurrences(of: "    publisher: \"NINDS\"", with: "    publisher: \"NINDS\"\n    date: \(date)")
    }

    @Test(arguments: [("\"2021\"", "2021"), ("2021", "2021"), ("\"2021-03\"", "2021-03"), ("2021-03-07", "2021-03-07"),
                      ("\"March 2021\"", "2021-03"), ("\"7 March 2021\"", "2021-03-07"), ("\"March 7, 2021\"", "2021-03-07"),
                      ("\"Sept 2019\"", "2019-09"), ("\"1st Feb 2024\"", "2024-02-01")])
    func sourceDatesGoOutAsISODates(_ written: String, _ iso: String) throws {
        let site = try TestSite(files: ["Content/pml.md": sourceDate(written)])
        let report = site.build()
        #expect(report.published, "\(report.diagnostics.map(\.formatted))")
        let page = try #require(site.read("Output/pml/index.html"))
        #expect(page.contains("\"datePublished\":\"\(iso)\""), "\(written)")
        // The page shows the date as the editor wrote it.
        let shown = written.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        #expect(page.contains("(\(shown))"), "\(written)")
    }

    @Test(arguments: ["0999", "\"Spring 2021\"", "\"2021/03\"", "\"2021-02-30\"", "\"2021-13\"", "\"n.d.\"", "\"March\""])
    func otherSourceDatesAreRefusedWithAFix(_ written: String) throws {
        let report = try TestSite(files: ["Content/pml.md": sourceDate(written)]).build()
        #expect(!report.published)
        let diagnostic = try #require(report.diagnostics.first { $0.rule.id == "invalid-date" }, "\(written)")
        #expect(diagnostic.position == SourcePosition(line: 10, column: 11))
        #expect(diagnostic.message.hasSuffix("is not a date medsite can publish"))
        #expect(diagnostic.fix?.contains("\"2021-03\" or \"March 2021\"") == true)
    }

    @Test func writeFailuresNameOutputNotMedsitesWorkingFiles() throws {
        // A read-only disk under Output/, after a first build: the next build cannot write.
        let mountPoint = NSTemporaryDirectory() + "medsite-ro-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: mountPoint) }
        guard Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", mountPoint]) else {
            print("skipped: mounting a tmpfs needs root (mount -t tmpfs)")
            return
        }
        defer { _ = Self.run("/bin/umount", [mountPoint]) }
        // The edits below are not reviews; this test is about the write failure.
        let site = try TestSite(settings: TestSite.settings + "\nrules:\n  changed-since-review: off\n",
                                files: ["Content/pml.md": TestSite.article()])
        var options = site.options()
        options.outputDirectory = mountPoint + "/Output"
        #expect(SiteBuilder.build(options).published)
        #expect(Self.run("/bin/mount", ["-o", "remount,ro", mountPoint]))
        for edit in ["## What causes it?\n\nThe JC virus, rarely.\n", "## What causes it?\n\nA virus.\n## More\n\nText.\n"] {
            try site.write("Content/pml.md", TestSite.article(body: edit))
            let report = SiteBuilder.build(options)
            let failure = try #require(report.diagnostics.first { $0.rule.id == "output-failed" }, "\(report.diagnostics.map(\.formatted))")
            #expect(failure.file == mountPoint + "/Output/", "\(failure.formatted)")
            #expect(!failure.formatted.contains(".medsite-") && !failure.formatted.contains("staging"), "\(failure.formatted)")
            #expect(failure.fix?.contains("is read-only") == true, "\(failure.formatted)")
        }
    }

    static func run(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
