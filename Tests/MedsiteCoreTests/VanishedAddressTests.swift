import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteRender

/// `published-addresses.txt` and `address-vanished`: an address the site published does not
/// disappear without an alias or a `retired:` entry; a withheld page keeps its address.
@Suite struct VanishedAddressTests {
    static let record = AddressRecord.fileName

    static func site(_ files: [String: String] = ["Content/pml.md": TestSite.article(), "Content/other.md": TestSite.article(title: "Other")],
                     settings: String = TestSite.settings) throws -> TestSite {
        try TestSite(settings: settings + "\nrules:\n  changed-since-review: off\n", files: files)
    }

    @Test func aNewSitesFirstBuildStartsTheRecordSilently() throws {
        let site = try Self.site()
        let report = site.build()
        #expect(report.published)
        #expect(!report.has("address-record-started"), "a new site starts its record without a word")
        let text = try #require(site.read(Self.record))
        #expect(text.contains("version: 1\n/other/ Content/other.md\n/pml/ Content/pml.md\n"))
        #expect(text.hasPrefix("# Written by `medsite build`"))
    }

    @Test func anExistingSiteWithoutARecordStartsOneAndSaysSoOnce() throws {
        let site = try Self.site()
        #expect(site.build().published)
        try FileManager.default.removeItem(atPath: site.root + "/" + Self.record)
        let started = site.build()
        #expect(started.published && started.exitStatus == 0)
        let note = try #require(started.diagnostics.first { $0.rule.id == "address-record-started" })
        #expect(note.severity == .note && note.file == Self.record && note.message.contains("2 addresses"))
        #expect(note.fix?.contains("commit") == true)
        #expect(site.read(Self.record) != nil)
        #expect(!site.build().has("address-record-started"), "said once")
    }

    @Test func aRenamedPageWithoutAnAliasStopsTheBuildInItsFile() throws {
        let site = try Self.site()
        #expect(site.build().published)
        let before = site.read("Output/pml/index.html")
        try site.write("Content/pml.md", TestSite.article(slug: "pml-explained"))
        let report = site.build()
        #expect(!report.published && report.exitStatus == 1)
        let vanished = try #require(report.diagnostics.first { $0.rule.id == "address-vanished" })
        #expect(vanished.file == "Content/pml.md" && vanished.position.line == 4, "at the slug: line")
        #expect(vanished.message.contains("/pml/") && vanished.message.contains("/pml-explained/"))
        #expect(vanished.fix?.contains("add /pml/ to this page's 'aliases:'") == true)
        #expect(site.read("Output/pml/index.html") == before, "Output/ is unchanged")
        #expect(site.read("Output/pml-explained/index.html") == nil)
        // The alias keeps the old address: the build goes through, and both are recorded.
        try site.write("Content/pml.md", TestSite.article(slug: "pml-explained", extra: "aliases: [/pml/]"))
        #expect(site.build().published)
        #expect(site.read("Output/pml/index.html")?.contains("url=../pml-explained/") == true)
        let text = try #require(site.read(Self.record))
        #expect(text.contains("/pml-explained/ Content/pml.md\n") && text.contains("/pml/ Content/pml.md\n"))
    }

    @Test func aDeletedPageIsReportedOnItsRecordLineWithBothFixes() throws {
        let site = try Self.site()
        #expect(site.build().published)
        try FileManager.default.removeItem(atPath: site.root + "/Content/pml.md")
        let report = site.build()
        #expect(!report.published)
        let vanished = try #require(report.diagnostics.first { $0.rule.id == "address-vanished" })
        let lines = try #require(site.read(Self.record)).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(vanished.file == Self.record)
        #expect(lines[vanished.position.line - 1] == "/pml/ Content/pml.md")
        #expect(vanished.message.contains("Content/pml.md, which is gone"))
        #expect(vanished.fix?.contains("'aliases:'") == true && vanished.fix?.contains("'retired:' in medsite.yml") == true)
        // `check` finds it too, and writes nothing.
        let recordBefore = site.read(Self.record)
        #expect(site.check().has("address-vanished"))
        #expect(site.read(Self.record) == recordBefore)
    }

    @Test func anAliasOnAnotherPageTakesOverADeletedPagesAddress() throws {
        let site = try Self.site()
        #expect(site.build().published)
        try FileManager.default.removeItem(atPath: site.root + "/Content/pml.md")
        try site.write("Content/other.md", TestSite.article(title: "Other", extra: "aliases: [/pml/]"))
        #expect(site.build().published)
        #expect(site.read("Output/pml/index.html")?.contains("url=../other/") == true)
        #expect(site.read(Self.record)?.contains("/pml/ Content/other.md\n") == true)
    }

    @Test func aRetiredAddressMayDisappearAndLeavesTheRecord() throws {
        let site = try Self.site()
        #expect(site.build().published)
        try FileManager.default.removeItem(atPath: site.root + "/Content/pml.md")
        try site.write("medsite.yml", try #require(site.read("medsite.yml")) + "retired:\n  - https://health.example.org/pml/\n")
        let report = site.build()
        #expect(report.published, "\(report.diagnostics)")
        #expect(site.read("Output/pml/index.html") == nil)
        #expect(site.read(Self.record)?.contains("/pml/") == false)
    }

    @Test func aPageTakenBackToDraftKeepsItsAddressWithoutItsText() throws {
        let site = try Self.site()
        #expect(site.build().published)
        try site.write("Content/pml.md", TestSite.article(extra: "draft: true", body: "## Secret\n\nUnreviewed new advice.\n"))
        let report = site.build()
        #expect(report.published, "\(report.diagnostics)")
        let held = try #require(site.read("Output/pml/index.html"))
        #expect(held.contains("<h1>This page is being reviewed</h1>"))
        #expect(held.contains("In an emergency, call 999.") && held.contains("href=\"../index.html#a-to-z\""))
        #expect(held.contains("<meta name=\"robots\" content=\"noindex\">") && !held.contains("rel=\"canonical\""))
        for secret in ["What is PML?", "Unreviewed new advice", "A rare infection", "Dr Amelia Hart"] {
            #expect(!held.contains(secret), "\(secret)")
        }
        #expect(site.read("Output/sitemap.xml")?.contains("/pml/") == false)
        #expect(site.read("Output/index.html")?.contains("What is PML?") == false)
        #expect(site.read(Self.record)?.contains("/pml/ Content/pml.md") == true)
    }

    @Test func aDraftThatWasNeverPublishedGetsNoPage() throws {
        let site = try Self.site(["Content/pml.md": TestSite.article(), "Content/new.md": TestSite.article(title: "New", extra: "draft: true")])
        #expect(site.build().published)
        #expect(site.read("Output/new/index.html") == nil)
        #expect(site.read(Self.record)?.contains("/new/") == false)
    }

    @Test func aWithheldPagesAliasesStillLeadToItsAddress() throws {
        let site = try Self.site(["Content/pml.md": TestSite.article(extra: "aliases: [/pml-old/]"), "Content/other.md": TestSite.article(title: "Other")],
                                 settings: TestSite.settings + "\nreview:\n  overdue: unpublish\n")
        #expect(site.build().published)
        try site.write("Content/pml.md", TestSite.article(extra: "aliases: [/pml-old/]", lastReviewed: "2022-01-10"))
        let report = site.build()
        #expect(report.published && report.withheld == ["Content/pml.md"], "\(report.diagnostics)")
        #expect(site.read("Output/pml/index.html")?.contains("This page is being reviewed") == true)
        #expect(site.read("Output/pml-old/index.html")?.contains("url=../pml/") == true)
    }

    @Test func theRuleCanBeAWarningAndTheAddressIsThenStillRecorded() throws {
        let site = try Self.site()
        #expect(site.build().published)
        try site.write("medsite.yml", try #require(site.read("medsite.yml")) + "  address-vanished: warning\n")
        try FileManager.default.removeItem(atPath: site.root + "/Content/pml.md")
        let report = site.build()
        #expect(report.published)
        #expect(report.diagnostics.first { $0.rule.id == "address-vanished" }?.severity == .warning)
        #expect(site.read(Self.record)?.contains("/pml/ Content/pml.md") == true, "kept until an alias or retired: settles it")
        #expect(site.build().has("address-vanished"), "so it is reported again")
    }

    @Test func thePreviewWarnsWhereTheBuildStops() throws {
        let site = try Self.site()
        #expect(site.build().published)
        try site.write("Content/pml.md", TestSite.article(slug: "pml-explained"))
        let preview = SiteBuilder.preview(site.options())
        let vanished = try #require(preview.report.diagnostics.first { $0.rule.id == "address-vanished" })
        #expect(vanished.severity == .warning)
    }

    @Test func aOneEditRebuildLeavesTheRecordAsItWas() throws {
        let site = try Self.site()
        #expect(site.build().published)
        let before = try #require(site.read(Self.record))
        let folder = IncrementalBuildTests.inode(site.output)
        try site.write("Content/pml.md", TestSite.article(body: "## What causes it?\n\nThe JC virus, which most people carry.\n"))
        #expect(site.build().published)
        #expect(IncrementalBuildTests.inode(site.output) != folder || site.read("Output/pml/index.html")?.contains("most people carry") == true)
        #expect(site.read(Self.record) == before)
        // A rename right after, through the cache, is still caught.
        try site.write("Content/pml.md", TestSite.article(slug: "pml-explained"))
        #expect(site.build().has("address-vanished"))
    }

    @Test func aMalformedRecordStopsTheBuildWithItsLine() throws {
        let cases: [(text: String, line: Int, says: String)] = [
            ("version: 1\n/pml/ Content/pml.md\n<<<<<<< HEAD\n", 3, "merge conflict"),
            ("/pml/ Content/pml.md\n", 1, "'version: 1' must come first"),
            ("version: 2\n", 1, "version 1"),
            ("version: 1\npml Content/pml.md\n", 2, "expected an address"),
            ("version: 1\n/pml/\n", 2, "expected an address"),
            ("version: 1\n/pml/ pml.md\n", 2, "not an address and a file under Content/"),
            ("version: 1\n/pml/ Content/pml.md\n/pml/ Content/other.md\n", 3, "listed twice"),
            ("version: 1\n/p%zz/ Content/pml.md\n", 2, "not an address"),
            ("# only a comment\n", 1, "lacks 'version: 1'"),
        ]
        for (text, line, says) in cases {
            let site = try Self.site()
            try site.write(Self.record, text)
            let report = site.build()
            #expect(!report.published && report.exitStatus == 2, "\(text)")
            let invalid = try #require(report.diagnostics.first { $0.rule.id == "address-record-invalid" }, "\(text)")
            #expect(invalid.file == Self.record && invalid.position.line == line, "\(text): \(invalid.formatted)")
            #expect(invalid.message.contains(says), "\(text): \(invalid.message)")
            #expect(invalid.fix?.contains("git checkout") == true)
            #expect(site.read(Self.record) == text, "left as it was")
        }
    }

    @Test func theRecordIsSortedDeterministicAndRoundTripsAnyAddress() throws {
        var record = AddressRecord()
        for (address, source) in [("zebra/", "Content/z.md"), ("für-kinder/", "Content/f.md"), ("leaflets/my file%.html", "Content/a b.md"),
                                  ("es/asma/", "Content/asthma.es.md"), ("aa/", "Content/aa.md")] {
            record.entries[address] = .init(address: address, source: source)
        }
        let text = record.encoded
        #expect(text.contains("\n/aa/ Content/aa.md\n/es/asma/ Content/asthma.es.md\n/für-kinder/ Content/f.md\n/leaflets/my%20file%25.html Content/a%20b.md\n/zebra/ Content/z.md\n"))
        let (parsed, diagnostics) = AddressRecord.parse(text)
        #expect(diagnostics.isEmpty)
        #expect(parsed?.entries.mapValues(\.source) == record.entries.mapValues(\.source))
        #expect(parsed?.encoded == text)
        // CRLF (a checkout on Windows) reads the same.
        #expect(AddressRecord.parse(text.replacingOccurrences(of: "\n", with: "\r\n")).0?.entries.count == 5)
    }

    /// The byte reader of medsite's own layout reads exactly what the line reader reads (entries,
    /// line numbers, diagnostics), and leaves everything else to it.
    @Test func recordAsWrittenReadsAsTheLineReaderDoes() throws {
        var record = AddressRecord()
        for (address, source) in [("zebra/", "Content/z.md"), ("für-kinder/", "Content/f.md"), ("es/asma/", "Content/asthma.es.md")] {
            record.entries[address] = .init(address: address, source: source)
        }
        let text = record.encoded
        #expect(AddressRecord.parseAsWritten(text) != nil)
        #expect(AddressRecord.parseAsWritten(AddressRecord().encoded) == AddressRecord())
        let line = "/zebra/ Content/z.md\n"
        let variants = [
            text, AddressRecord().encoded, text + "\n\n", text.replacingOccurrences(of: "\n", with: "\r\n"),
            text.replacingOccurrences(of: line, with: " " + line), text.replacingOccurrences(of: line, with: "/zebra/  Content/z.md\n"),
            text.replacingOccurrences(of: line, with: "/zebra/ Content/z.md \n"), text.replacingOccurrences(of: line, with: "/zebra/\tContent/z.md\n"),
            text.replacingOccurrences(of: line, with: "/zebra%2F/ Content/z.md\n"), text.replacingOccurrences(of: line, with: "/ Content/z.md\n"),
            text.replacingOccurrences(of: line, with: "/zebra/ Other/z.md\n"), text.replacingOccurrences(of: line, with: "/zebra/ Content/\u{301}z.md\n"),
            text.replacingOccurrences(of: line, with: "/zebra/ Content/\n"), text.replacingOccurrences(of: line, with: "zebra/ Content/z.md\n"),
            text.replacingOccurrences(of: line, with: "# note\n" + line), text.replacingOccurrences(of: line, with: "  # note\n" + line),
            text + line, text.replacingOccurrences(of: "version: 1\n", with: "version:1\n"),
            text.replacingOccurrences(of: "version: 1\n", with: "version: 2\n"), text.replacingOccurrences(of: "version: 1\n", with: ""),
            text + "version: 1\n", text + "<<<<<<< HEAD\n", "/a/ Content/a.md\nversion: 1\n", "", "version: 1", "version: 1\n/a/ Content/a.md",
        ]
        for variant in variants {
            let (lines, lineDiagnostics) = AddressRecord.parseLines(variant)
            let (parsed, diagnostics) = AddressRecord.parse(variant)
            #expect(parsed == lines, "\(variant.debugDescription)")
            #expect(diagnostics.map(\.formatted) == lineDiagnostics.map(\.formatted), "\(variant.debugDescription)")
            if let fast = AddressRecord.parseAsWritten(variant) { #expect(fast == lines, "\(variant.debugDescription)") }
        }
    }

    @Test func aTranslationsAddressIsRecordedAndGuardedToo() throws {
        let site = try Self.site(["Content/pml.md": TestSite.article(), "Content/pml.es.md": TranslationTests.spanish()],
                                 settings: TranslationTests.settings)
        #expect(site.build().published)
        #expect(site.read(Self.record)?.contains("/es/pml/ Content/pml.es.md\n") == true)
        try FileManager.default.removeItem(atPath: site.root + "/Content/pml.es.md")
        let report = site.build()
        #expect(report.diagnostics.contains { $0.rule.id == "address-vanished" && $0.message.contains("/es/pml/") })
    }
}
