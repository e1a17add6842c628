import Foundation
import Testing
import MedsiteCore
@testable import MedsitePreview

/// The preview's one-article path must show what a full build shows: the same pages published or
/// withheld, the same link diagnostics, the same input limits (issue 13: these steps had drifted).
@Suite struct PreviewDriftTests {
    struct Site {
        let root = NSTemporaryDirectory() + "medsite-drift-" + UUID().uuidString
        static let settings = """
        title: Test Health
        base_url: https://health.example.org/
        language: en-GB
        disclaimers:
          general: "This information does not replace advice from your doctor."
        default_disclaimer: general
        review:
          overdue: unpublish

        """

        init(_ files: [String: String]) throws {
            try write("medsite.yml", Self.settings)
            for (path, text) in files { try write(path, text) }
        }

        func write(_ path: String, _ text: String) throws {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }

        /// Drafts are left out, as `medsite serve` does without --drafts.
        var options: BuildOptions { BuildOptions(siteDirectory: root, today: CalendarDate(iso: "2026-11-23")!) }
        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    static func article(_ title: String, lastReviewed: String = "2026-04-07", extra: String = "", body: String = "Some text.\n") -> String {
        """
        ---
        title: "\(title)"
        description: "A page about \(title)."
        last_reviewed: \(lastReviewed)
        reviewed_by: "Dr Amelia Hart, MD FRCP"
        sources:
          - title: "PML"
            url: "https://www.ninds.nih.gov/health-information/disorders/progressive-multifocal-leukoencephalopathy"
        \(extra)
        ---
        \(body)
        """
    }

    /// What the editor sees after saving `file`: the fast path's result, or a full rebuild when the
    /// fast path declines; it must equal a fresh full build of the site as it now is.
    func expectUpdateMatchesFreshBuild(_ site: inout PreviewSite, _ file: String, _ options: BuildOptions,
                                       sourceLocation: SourceLocation = #_sourceLocation) {
        if case .needsFullBuild = site.update(article: file) { site = PreviewSite.build(options, previous: site) }
        let fresh = PreviewSite.build(options)
        #expect(site.pages.keys.sorted() == fresh.pages.keys.sorted(), sourceLocation: sourceLocation)
        #expect(site.allDiagnostics == fresh.allDiagnostics, sourceLocation: sourceLocation)
    }

    @Test func aWithheldOverduePageStaysOutOfThePreviewAfterAnEdit() throws {
        let test = try Site(["Content/old.md": Self.article("Old page", lastReviewed: "2023-01-10"),
                             "Content/fresh.md": Self.article("Fresh page")])
        defer { test.remove() }
        var site = PreviewSite.build(test.options)
        // review.overdue: unpublish withholds it: its address says only that it is being reviewed.
        #expect(Self.isBeingReviewed(site.pages["old/index.html"]?.html), "review.overdue: unpublish withholds it")
        try test.write("Content/old.md", Self.article("Old page", lastReviewed: "2023-01-10", body: "Edited text.\n"))
        expectUpdateMatchesFreshBuild(&site, "Content/old.md", test.options)
        #expect(Self.isBeingReviewed(site.pages["old/index.html"]?.html))
        #expect(site.pages["old/index.html"]?.html.contains("Edited text.") == false)
    }

    /// The page at a withheld page's address: it is being reviewed, and nothing of the page shows.
    static func isBeingReviewed(_ html: String?) -> Bool {
        guard let html else { return false }
        return html.contains("This page is being reviewed") && !html.contains("Old page")
    }

    @Test func removingAWaiverWithholdsThePageAgain() throws {
        let waiver = "waive:\n  review-overdue: \"extension approved by the clinical lead\""
        let test = try Site(["Content/old.md": Self.article("Old page", lastReviewed: "2023-01-10", extra: waiver)])
        defer { test.remove() }
        var site = PreviewSite.build(test.options)
        #expect(site.pages["old/index.html"] != nil, "the waiver keeps it published")
        try test.write("Content/old.md", Self.article("Old page", lastReviewed: "2023-01-10"))
        expectUpdateMatchesFreshBuild(&site, "Content/old.md", test.options)
        #expect(Self.isBeingReviewed(site.pages["old/index.html"]?.html))
    }

    @Test func linksToUnpublishedPagesAreReportedAfterAnEdit() throws {
        let test = try Site(["Content/draft.md": Self.article("Draft page", extra: "draft: true"),
                             "Content/old.md": Self.article("Old page", lastReviewed: "2023-01-10"),
                             "Content/links.md": Self.article("Linking page", body: "See [the draft](draft.md) and [the old page](old.md).\n")])
        defer { test.remove() }
        var site = PreviewSite.build(test.options)
        #expect(site.diagnosticsByFile["Content/links.md"]?.filter { $0.rule.id == "broken-link" }.count == 2)
        try test.write("Content/links.md", Self.article("Linking page", body: "See [the draft](draft.md) and [the old page](old.md) again.\n"))
        expectUpdateMatchesFreshBuild(&site, "Content/links.md", test.options)
        #expect(site.diagnosticsByFile["Content/links.md"]?.filter { $0.rule.id == "broken-link" }.count == 2)
    }

    @Test func anArticleThatGrowsOverTheInputLimitIsNotReadByThePreview() throws {
        let test = try Site(["Content/big.md": Self.article("Big page")])
        defer { test.remove() }
        var site = PreviewSite.build(test.options)
        #expect(site.pages["big/index.html"] != nil)
        // A real article past the 64 MB limit: the padding is one code block, cheap to parse.
        let padding = String(repeating: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", count: (64 << 20) / 64 + 16)
        try test.write("Content/big.md", Self.article("Big page", body: "```\n" + padding + "```\n"))
        expectUpdateMatchesFreshBuild(&site, "Content/big.md", test.options)
        #expect(site.diagnosticsByFile["Content/big.md"]?.contains { $0.rule.id == "unreadable-file" } == true)
        #expect(site.pages["big/index.html"] == nil)
    }
}
