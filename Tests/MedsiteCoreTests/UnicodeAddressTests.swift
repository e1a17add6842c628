import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteRender

/// Addresses from names in any script: one function (`PageAddress`), letters kept, never a merge.
@Suite struct UnicodeAddressTests {
    @Test func lettersOfEveryScriptAreKept() {
        #expect(PageAddress.segment(for: "für Kinder") == "für-kinder")
        #expect(PageAddress.segment(for: "Ärzte") == "ärzte")
        #expect(PageAddress.segment(for: "Διαβήτης") == "διαβήτης")
        #expect(PageAddress.segment(for: "哮喘") == "哮喘")
        #expect(PageAddress.segment(for: "الربو") == "الربو")
        #expect(PageAddress.segment(for: "مرض السكري") == "مرض-السكري")
        // Devanagari vowel signs are combining marks: dropping them would misspell the word.
        #expect(PageAddress.segment(for: "मधुमेह") == "मधुमेह")
        #expect(PageAddress.segment(for: "Type 2 diabetes") == "type-2-diabetes")
        #expect(PageAddress.segment(for: "What's new?") == "whats-new")
        #expect(PageAddress.segment(for: "?!") == "section")
        #expect(PageAddress.segmentIfAny(for: "?!") == nil)
    }

    @Test func decomposedAndComposedSpellingsGiveOneAddress() {
        let decomposed = "fu\u{308}r Kinder", composed = "f\u{FC}r Kinder"
        #expect(PageAddress.segment(for: decomposed) == PageAddress.segment(for: composed))
        #expect(Array(PageAddress.segment(for: decomposed).unicodeScalars) == Array("f\u{FC}r-kinder".unicodeScalars))
        #expect(PageAddress.nameKey(decomposed) == PageAddress.nameKey(composed))
    }

    @Test func turkishDottedAndDotlessIDoNotDependOnTheLocale() {
        // Unicode's locale-independent mapping: "İ" is i (its combining dot dropped), "ı" stays dotless,
        // so "ılık" and "ilik" are different words with different addresses.
        #expect(PageAddress.segment(for: "İlaç") == "ilaç")
        #expect(Array(PageAddress.segment(for: "İSTANBUL").unicodeScalars) == Array("istanbul".unicodeScalars))
        #expect(PageAddress.segment(for: "ılık") == "ılık")
        #expect(PageAddress.segment(for: "ılık") != PageAddress.segment(for: "ilik"))
        #expect(PageAddress.nameKey("İlaç") == PageAddress.nameKey("ilaç"))
    }

    @Test func greekCapitalsKeepTheFinalSigma() {
        #expect(PageAddress.segment(for: "ΔΙΑΒΗΤΗΣ ΤΥΠΟΥ 2") == "διαβητης-τυπου-2")
        #expect(PageAddress.nameKey("ΔΙΑΒΗΤΗΣ") == PageAddress.nameKey("διαβητης"))
    }

    @Test func hrefsArePercentEncodedAndASCIIAddressesUnchanged() {
        #expect(PageAddress.href("tags/für-kinder/") == "tags/f%C3%BCr-kinder/")
        #expect(PageAddress.href("tags/哮喘/") == "tags/%E5%93%AE%E5%96%98/")
        #expect(PageAddress.href("pml-treatment/") == "pml-treatment/")
        #expect(PageAddress.href("") == "")
    }

    @Test func slugsInAnyScriptAreValidAndOthersGetASuggestion() {
        #expect(FrontMatter.isValidSlug("für-kinder"))
        #expect(FrontMatter.isValidSlug("哮喘"))
        #expect(!FrontMatter.isValidSlug("Für-Kinder"))
        #expect(!FrontMatter.isValidSlug("für--kinder"))
        #expect(!FrontMatter.isValidSlug("-für"))
        #expect(FrontMatterDecoder.suggestedSlug(from: "Für Kinder!") == "für-kinder")
        #expect(FrontMatterDecoder.suggestedSlug(from: "???") == "article")
    }

    static func article(title: String, condition: String, tags: [String], slug: String? = nil) -> String {
        TestSite.article(title: title, slug: slug, extra: "condition:\n  name: \"\(condition)\"\ntags: [\(tags.map { "\"\($0)\"" }.joined(separator: ", "))]")
    }

    @Test func greekAndChineseConditionsGetPagesOfTheirOwn() throws {
        let site = try TestSite(files: [
            "Content/diabetes.md": Self.article(title: "Διαβήτης και διατροφή", condition: "Διαβήτης", tags: ["für Kinder"]),
            "Content/asthma.md": Self.article(title: "哮喘的治疗", condition: "哮喘", tags: ["Ärzte"]),
            "Content/rabw.md": Self.article(title: "الربو عند الأطفال", condition: "الربو", tags: ["für Kinder"]),
        ])
        let report = site.build()
        #expect(report.published, "\(report.diagnostics)")
        let greek = try #require(site.read("Output/conditions/διαβήτης/index.html"))
        #expect(greek.contains("Διαβήτης"))
        #expect(!greek.contains("哮喘的治疗"))
        let chinese = try #require(site.read("Output/conditions/哮喘/index.html"))
        #expect(chinese.contains("哮喘的治疗"))
        #expect(!chinese.contains("Διαβήτης και"))
        #expect(site.read("Output/conditions/الربو/index.html") != nil)
        #expect(site.read("Output/conditions/section/index.html") == nil)
        let kinder = try #require(site.read("Output/tags/für-kinder/index.html"))
        #expect(kinder.contains("Διαβήτης και διατροφή") && kinder.contains("الربو عند الأطفال"))
        #expect(site.read("Output/tags/ärzte/index.html") != nil)
        // The article's breadcrumb and topic links carry percent-encoded addresses.
        let page = try #require(site.read("Output/asthma/index.html"))
        #expect(page.contains("href=\"../conditions/%E5%93%AE%E5%96%98/\""))
        #expect(page.contains("href=\"../tags/%C3%A4rzte/\""))
        #expect(page.contains("<link rel=\"canonical\" href=\"https://health.example.org/asthma/\""))
        let sitemap = try #require(site.read("Output/sitemap.xml"))
        #expect(sitemap.contains("<loc>https://health.example.org/tags/f%C3%BCr-kinder/</loc>"))
        #expect(sitemap.contains("<loc>https://health.example.org/conditions/%CE%B4%CE%B9%CE%B1%CE%B2%CE%AE%CF%84%CE%B7%CF%82/</loc>"))
        #expect(!sitemap.contains("für"))
        // Home: each letter its own anchor (no two "letter-section" ids).
        let home = try #require(site.read("Output/index.html"))
        #expect(home.contains("id=\"letter-δ\"") && home.contains("id=\"letter-哮\""))
        #expect(!home.contains("letter-section"))
    }

    @Test func aSlugInAnotherScriptIsPublishedThereAndLinkedEncoded() throws {
        let site = try TestSite(files: [
            "Content/kinder.md": TestSite.article(title: "Diabetes bei Kindern", slug: "diabetes-für-kinder"),
            "Content/other.md": TestSite.article(title: "Other", body: "See [children](kinder.md).\n"),
        ])
        let report = site.build()
        #expect(report.published, "\(report.diagnostics)")
        #expect(site.read("Output/diabetes-für-kinder/index.html") != nil)
        let other = try #require(site.read("Output/other/index.html"))
        #expect(other.contains("href=\"../diabetes-f%C3%BCr-kinder/\""))
        let feed = try #require(site.read("Output/feed.xml"))
        #expect(feed.contains("https://health.example.org/diabetes-f%C3%BCr-kinder/"))
    }

    @Test func aFileNameInAnotherScriptIsItsSlug() throws {
        // Written decomposed (as macOS may): the address is the composed spelling.
        let site = try TestSite(files: ["Content/Ärzte.md": TestSite.article(title: "Doctors"),
                                        "Content/a\u{308}rzte-und-kinder.md": TestSite.article(title: "Doctors and children")])
        let report = site.build()
        #expect(report.has("invalid-slug", file: "Content/Ärzte.md"))
        #expect(report.diagnostics.first { $0.rule.id == "invalid-slug" }?.fix?.contains("slug: ärzte") == true)
        #expect(!report.has("invalid-slug", file: "Content/a\u{308}rzte-und-kinder.md"))
        #expect(report.articles.contains { Array($0.slug.unicodeScalars) == Array("\u{E4}rzte-und-kinder".unicodeScalars) })
    }

    @Test func spellingsOfOneNameShareAPage() throws {
        let site = try TestSite(files: [
            "Content/a.md": Self.article(title: "A", condition: "Asthma", tags: ["Children"]),
            "Content/b.md": Self.article(title: "B", condition: "asthma", tags: ["CHILDREN"]),
            "Content/c.md": Self.article(title: "C", condition: "ΔΙΑΒΗΤΗΣ", tags: []),
            "Content/d.md": Self.article(title: "D", condition: "Διαβητης", tags: []),
        ])
        let report = site.build()
        #expect(report.published, "\(report.diagnostics)")
        let asthma = try #require(site.read("Output/conditions/asthma/index.html"))
        #expect(asthma.contains("../../a/") && asthma.contains("../../b/"))
        #expect(site.read("Output/conditions/διαβητης/index.html")?.contains("../../d/") == true)
    }

    @Test func twoNamesWithOneAddressAreAnErrorNamingBothFiles() throws {
        let site = try TestSite(files: [
            "Content/a.md": Self.article(title: "A", condition: "Type 2 diabetes", tags: ["COVID-19"]),
            "Content/b.md": Self.article(title: "B", condition: "Type-2 diabetes", tags: ["COVID 19"]),
            "Content/c.md": Self.article(title: "C", condition: "Type 2 diabetes", tags: []),
        ])
        let report = site.build()
        #expect(!report.published)
        let shared = report.diagnostics.filter { $0.rule.id == "shared-address" }
        #expect(shared.count == 5)
        let onB = try #require(shared.first { $0.file == "Content/b.md" && $0.message.contains("condition") })
        #expect(onB.message.contains("'Type-2 diabetes'") && onB.message.contains("'Type 2 diabetes' in Content/a.md, Content/c.md"))
        #expect(onB.message.contains("/conditions/type-2-diabetes/"))
        #expect(onB.severity == .error)
        let tagOnA = try #require(shared.first { $0.file == "Content/a.md" && $0.message.contains("topic") })
        #expect(tagOnA.message.contains("'COVID 19' in Content/b.md") && tagOnA.message.contains("/tags/covid-19/"))
        #expect(site.read("Output/index.html") == nil)
    }

    @Test func checkReportsTheCollisionToo() throws {
        let site = try TestSite(files: [
            "Content/a.md": Self.article(title: "A", condition: "Straße", tags: []),
            "Content/b.md": Self.article(title: "B", condition: "Straße!", tags: []),
        ])
        #expect(site.check().diagnostics.filter { $0.rule.id == "shared-address" }.count == 2)
    }

    @Test func aOneEditRebuildOfAUnicodeSiteMatchesACleanBuild() throws {
        // The edit tests the one-edit path, not reviews: the review ledger would (rightly) hold it back.
        let site = try TestSite(settings: TestSite.settings + "\nrules:\n  changed-since-review: off\n", files: [
            "Content/kinder.md": Self.article(title: "Diabetes bei Kindern", condition: "Diabetes", tags: ["für Kinder"], slug: "diabetes-für-kinder"),
            "Content/asthma.md": Self.article(title: "哮喘的治疗", condition: "哮喘", tags: ["für Kinder"]),
            "Content/alias.md": TestSite.article(title: "Other", extra: "aliases: [/ärzte/]", body: "See [children](kinder.md).\n"),
        ])
        #expect(site.build().published)
        let untouched = site.output + "/tags/für-kinder/index.html"
        let before = try FileManager.default.attributesOfItem(atPath: untouched)[.modificationDate] as? Date
        try site.write("Content/kinder.md", Self.article(title: "Diabetes bei Kindern", condition: "Diabetes", tags: ["für Kinder"],
                                                         slug: "diabetes-für-kinder").replacingOccurrences(of: "The JC virus.", with: "Neuer Text."))
        let incremental = site.build()
        #expect(incremental.published)
        #expect(site.read("Output/diabetes-für-kinder/index.html")?.contains("Neuer Text.") == true)
        let after = try FileManager.default.attributesOfItem(atPath: untouched)[.modificationDate] as? Date
        #expect(before == after, "the topic page is not rewritten by a body edit")
        var clean = site.options()
        clean.outputDirectory = site.root + "/Clean"
        clean.useCache = false
        let cleanReport = SiteBuilder.build(clean)
        #expect(incremental.diagnostics == cleanReport.diagnostics)
        for path in ["diabetes-für-kinder/index.html", "tags/für-kinder/index.html", "conditions/哮喘/index.html", "ärzte/index.html",
                     "_redirects", "sitemap.xml", "other/index.html"] {
            #expect(site.read("Output/" + path) == site.read("Clean/" + path), "\(path)")
        }
    }
}
