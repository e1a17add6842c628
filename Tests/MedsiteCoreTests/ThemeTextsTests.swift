import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteRender

/// The theme's fixed texts: every key the default theme uses exists, the docs list them all, and
/// dates and counts read as each language writes them.
@Suite struct ThemeTextsTests {
    @Test func everyTextTheDefaultThemeUsesExists() throws {
        let known = Set(ThemeTexts.keys)
        var used = Set<String>()
        for (path, text) in DefaultTheme.files where path.hasSuffix(".mustache") {
            var rest = Substring(text)
            while let range = rest.range(of: "text.") {
                let name = rest[range.upperBound...].prefix { $0.isLetter || $0 == "_" || $0.isNumber }
                used.insert(String(name))
                #expect(known.contains(String(name)), "\(path) uses text.\(name), which is not a text")
                rest = rest[range.upperBound...]
            }
        }
        #expect(used.count >= 45, "the default theme writes its words through texts")
    }

    @Test func designersDocListsEveryTextWithItsEnglish() throws {
        let doc = try String(contentsOfFile: TestSite.repositoryRoot + "/docs/designers.md", encoding: .utf8)
        for (key, text) in ThemeTexts.english {
            #expect(doc.contains("| `\(key)` | \(text.replacingOccurrences(of: "|", with: "\\|")) |"), "\(key)")
        }
        #expect(doc.contains("| `months` | " + ThemeTexts.englishMonths.joined(separator: ", ") + " |"))
    }

    @Test func datesAndCountsFollowTheLanguage() throws {
        let day = try #require(CalendarDate(iso: "2026-04-07"))
        #expect(ThemeTexts().date(day) == "7 April 2026")
        let spanish = ThemeTexts(overrides: ["date_format": "{day} de {month} de {year}"],
                                 months: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                                          "octubre", "noviembre", "diciembre"])
        #expect(spanish.date(day) == "7 de abril de 2026")
        #expect(ThemeTexts().pageCount(1) == "1 page" && ThemeTexts().pageCount(12) == "12 pages")
        let german = ThemeTexts(overrides: ["one_page": "1 Seite", "page_count": "{count} Seiten"])
        #expect(german.pageCount(3) == "3 Seiten")
        // Unknown keys and short month lists change nothing (the settings reader reports them).
        #expect(ThemeTexts(overrides: ["nonsense": "x"], months: ["a"]) == ThemeTexts())
    }

    @Test func aFilledInValueIsNeverFilledInAgain() throws {
        // A change-log summary or a title that itself holds `{date}` or `{count}` stays as written,
        // whatever order the placeholders are filled in (a dictionary's order differs per process).
        let texts = ThemeTexts()
        let day = try #require(CalendarDate(iso: "2026-12-07"))
        for _ in 0..<20 {
            #expect(texts.format("feed_change_minor", ["date": texts.date(day), "summary": "Fixed {date} and {summary}."])
                    == "Minor correction on 7 December 2026: Fixed {date} and {summary}.")
        }
        #expect(ThemeTexts.fill("{a}{b} {c", ["a": "{b}", "b": "x"]) == "{b}x {c")
        #expect(ThemeTexts.fill("{unknown} stays", [:]) == "{unknown} stays")
    }

    @Test func textsAreEscapedButApostrophesStayAsTheThemeWroteThem() throws {
        var settings = SiteSettings(title: "St Mary's <Clinic>")
        settings.texts = ThemeTexts(overrides: ["sources": "Sources & <references>", "footer_about": "{title} \"says\""])
        let values = PageContext.texts(settings)
        #expect(values["sources"] as? String == "Sources &amp; &lt;references&gt;")
        #expect(values["footer_about"] as? String == "St Mary&#39;s &lt;Clinic&gt; &quot;says&quot;")
        #expect(values["condition_code"] as? String == "Doctors' code for this condition")
    }
}
