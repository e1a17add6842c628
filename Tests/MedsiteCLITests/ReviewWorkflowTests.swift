import Foundation
import Testing

/// The review workflow through the real program, as CI runs it on a fresh clone: the committed
/// ledger, no build cache, no Output/.
@Suite struct ReviewWorkflowTests {
    static let settings = BuildCommandTests.settings + """

    language: en-GB
    superseded_sources:
      - url: https://www.nice.org.uk/guidance/ng80
        replaced_by: https://www.nice.org.uk/guidance/ng245
        date: 2024-11-27
    """

    static func article(_ title: String, lastReviewed: String = "2026-04-07", sources: String = "", extra: String = "", body: String) -> String {
        """
        ---
        title: "\(title)"
        description: "What to do when asthma gets worse."
        last_reviewed: \(lastReviewed)
        reviewed_by: "Helen Carter, RGN (Asthma Nurse Specialist)"
        sources:
          - title: "Asthma"
            url: "https://www.nhs.uk/conditions/asthma/"
        \(sources)\(extra)
        ---
        \(body)
        """
    }

    static let attackBody = "## When to call 999\n\nSit up straight and take 1 puff of your reliever every 30 to 60 seconds, up to 10 puffs.\n\n> [!SNIPPET] asthma-999\n"
    static let snippet = """
    ---
    title: "When to call 999 during an asthma attack"
    last_reviewed: 2026-02-10
    reviewed_by: "Helen Carter, RGN (Asthma Nurse Specialist)"
    ---
    > [!EMERGENCY] Call 999 for an ambulance if:
    > - your reliever inhaler is not helping
    > - you are worried at any time

    """

    static func origin() throws -> String {
        try MedsiteProcess.makeSite([
            "medsite.yml": settings,
            "Content/asthma-attack.md": article("What to do in an asthma attack", body: attackBody),
            "Content/preventers.md": article("Preventer inhalers", lastReviewed: "2024-05-20",
                                             sources: "  - title: \"Asthma (NG80)\"\n    url: \"https://www.nice.org.uk/guidance/ng80\"\n",
                                             body: "## Every day\n\nUse your preventer every day, even when you feel well.\n"),
            "Snippets/asthma-999.md": snippet,
        ])
    }

    /// A fresh clone: what is committed (settings, content, snippets, ledger), nothing else.
    static func clone(_ origin: String) throws -> String {
        let clone = NSTemporaryDirectory() + "medsite-clone-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: clone, withIntermediateDirectories: true)
        for item in ["medsite.yml", "Content", "Snippets", "review-ledger.yml"] {
            try FileManager.default.copyItem(atPath: origin + "/" + item, toPath: clone + "/" + item)
        }
        return clone
    }

    static func build(_ site: String, _ extra: [String] = []) throws -> MedsiteProcess.Result {
        try MedsiteProcess.run(["build", "--site", site, "--now", "2026-11-23"] + extra)
    }

    static func edit(_ site: String, _ path: String, _ transform: (String) -> String) throws {
        let file = site + "/" + path
        try Data(transform(try String(contentsOfFile: file, encoding: .utf8)).utf8).write(to: URL(fileURLWithPath: file))
    }

    @Test func aChangeWithoutReviewFailsACleanCloneAndAMinorEntryLetsItPass() throws {
        let origin = try Self.origin()
        let first = try Self.build(origin)
        #expect(first.status == 0, "\(first.stdout)")
        let ledger = try String(contentsOfFile: origin + "/review-ledger.yml", encoding: .utf8)
        #expect(ledger.contains("path: Content/asthma-attack.md") && ledger.contains("path: Snippets/asthma-999.md"))

        let clone = try Self.clone(origin)
        #expect(!FileManager.default.fileExists(atPath: clone + "/.medsite-cache") && !FileManager.default.fileExists(atPath: clone + "/Output"))
        // A typo fixed without a review, as a pull request would bring it.
        try Self.edit(clone, "Content/asthma-attack.md") { $0.replacingOccurrences(of: "Sit up straight", with: "Sit upright") }
        let refused = try Self.build(clone)
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("Content/asthma-attack.md:4:16: error: [changed-since-review] the page's clinical content changed after its review on 2026-04-07 by Helen Carter, RGN (Asthma Nurse Specialist)"), "\(refused.stdout)")
        #expect(refused.stdout.contains("Not published: Output/ is unchanged"))
        #expect(!FileManager.default.fileExists(atPath: clone + "/Output"))
        #expect(try String(contentsOfFile: clone + "/review-ledger.yml", encoding: .utf8) == ledger)

        // Recorded as a minor change: published, said once, recorded, shown.
        try Self.edit(clone, "Content/asthma-attack.md") {
            $0.replacingOccurrences(of: "reviewed_by: \"Helen Carter, RGN (Asthma Nurse Specialist)\"\n",
                                    with: "reviewed_by: \"Helen Carter, RGN (Asthma Nurse Specialist)\"\nchanges:\n  - date: 2026-11-20\n    summary: \"Simpler wording of the first step\"\n    kind: minor\n")
        }
        let accepted = try Self.build(clone)
        #expect(accepted.status == 0, "\(accepted.stdout)")
        #expect(accepted.stdout.contains("Content/asthma-attack.md:7:5: note: [minor-change-recorded]"), "\(accepted.stdout)")
        let recorded = try String(contentsOfFile: clone + "/review-ledger.yml", encoding: .utf8)
        #expect(recorded.contains("    last_reviewed: 2026-04-07\n") && recorded.contains("    minor: 2026-11-20 \"Simpler wording of the first step\"\n"))
        let page = try String(contentsOfFile: clone + "/Output/asthma-attack/index.html", encoding: .utf8)
        #expect(page.contains("Simpler wording of the first step <span class=\"change-kind change-kind--minor\">(minor correction)</span>"))
        #expect(page.contains("<li>your reliever inhaler is not helping</li>"), "the snippet is in the page")
        let again = try Self.build(clone)
        #expect(again.status == 0 && !again.stdout.contains("minor-change-recorded"))

        // The same trick cannot carry a dose.
        try Self.edit(clone, "Content/asthma-attack.md") {
            $0.replacingOccurrences(of: "up to 10 puffs", with: "up to 20 puffs")
                .replacingOccurrences(of: "kind: minor\n", with: "kind: minor\n  - date: 2026-11-21\n    summary: \"Typo\"\n    kind: minor\n")
        }
        let dose = try Self.build(clone)
        #expect(dose.status == 1 && dose.stdout.contains("the change log calls it minor ('Typo'), but it changes what only a review can accept"), "\(dose.stdout)")
    }

    @Test func aSnippetChangeNeedsTheSnippetsReviewAndRebuildsItsPages() throws {
        let origin = try Self.origin()
        #expect(try Self.build(origin).status == 0)
        let clone = try Self.clone(origin)
        try Self.edit(clone, "Snippets/asthma-999.md") { $0.replacingOccurrences(of: "at any time", with: "at any time, even at night") }
        let refused = try Self.build(clone)
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("Snippets/asthma-999.md:3:16: error: [changed-since-review] the snippet's clinical content changed"), "\(refused.stdout)")
        try Self.edit(clone, "Snippets/asthma-999.md") { $0.replacingOccurrences(of: "last_reviewed: 2026-02-10", with: "last_reviewed: 2026-11-22") }
        let reviewed = try Self.build(clone)
        #expect(reviewed.status == 0, "\(reviewed.stdout)")
        let page = try String(contentsOfFile: clone + "/Output/asthma-attack/index.html", encoding: .utf8)
        #expect(page.contains("even at night") && page.contains("on <time datetime=\"2026-11-22\">22 November 2026</time>"))
        // A misspelt include: the line, the rule, the fix.
        try Self.edit(clone, "Content/preventers.md") { $0 + "\n> [!SNIPPET] asthma-99\n" }
        let unknown = try Self.build(clone, ["--format", "json"])
        #expect(unknown.status == 1)
        #expect(unknown.stdout.contains("\"rule\":\"snippet-unknown\"") || unknown.stdout.contains("\"rule\": \"snippet-unknown\""), "\(unknown.stdout)")
        #expect(unknown.stdout.contains("did you mean 'asthma-999'?"))
    }

    @Test func reviewListsWhatNeedsAClinicianAndWhy() throws {
        let origin = try Self.origin()
        #expect(try Self.build(origin).status == 0)
        try Self.edit(origin, "Content/asthma-attack.md") { $0.replacingOccurrences(of: "Sit up straight", with: "Stand up") }
        let text = try MedsiteProcess.run(["review", "--site", origin, "--now", "2026-11-23"])
        #expect(text.status == 0, "\(text.stdout)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines[1].hasPrefix("changed since review") && lines[1].contains("Content/asthma-attack.md"), "\(text.stdout)")
        let preventers = try #require(lines.firstIndex { $0.contains("Content/preventers.md") })
        #expect(lines[preventers].hasPrefix("overdue ") && lines[preventers].contains("2024-11-27"))
        #expect(lines[preventers + 1].trimmingCharacters(in: .whitespaces)
                == "due early: sources[2] (https://www.nice.org.uk/guidance/ng80) was withdrawn on 2024-11-27 and replaced by https://www.nice.org.uk/guidance/ng245")
        #expect(text.stdout.contains("2 articles and 1 snippet as of 2026-11-23"))
        let csv = try MedsiteProcess.run(["review", "--site", origin, "--now", "2026-11-23", "--format", "csv"])
        #expect(csv.stdout.contains("Snippets/asthma-999.md,,When to call 999 during an asthma attack,ok,2026-02-10,2029-02-10,"))
        #expect(csv.stdout.contains(",false,sources[2] (https://www.nice.org.uk/guidance/ng80) was withdrawn on 2024-11-27 and replaced by https://www.nice.org.uk/guidance/ng245,page\r\n"))
        // And the build says the same, at the source's line.
        let build = try Self.build(origin, ["--no-cache"])
        #expect(build.stdout.contains("Content/preventers.md:10:10: warning: [source-superseded] sources[2] 'Asthma (NG80)'"), "\(build.stdout)")
    }
}
