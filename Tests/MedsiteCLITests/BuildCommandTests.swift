import Foundation
import Testing

@Suite struct BuildCommandTests {
    static let settings = """
    title: Test Health
    base_url: https://health.example.org/
    disclaimers:
      general: "This information does not replace advice from your doctor."
    """

    @Test func exitStatusIsTwoWithoutSettings() throws {
        let site = try MedsiteProcess.makeSite(["Content/.keep": ""])
        let result = try MedsiteProcess.run(["build", "--site", site, "--now", "2026-11-23"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("medsite.yml:1:1: error: [invalid-settings]"))
    }

    @Test func exitStatusIsOneForContentErrorsAndOutputIsNotWritten() throws {
        let site = try MedsiteProcess.makeSite(["medsite.yml": Self.settings, "Content/a.md": "---\ntitle: A\n---\nbody\n"])
        let result = try MedsiteProcess.run(["build", "--site", site, "--now", "2026-11-23"])
        #expect(result.status == 1)
        // At the closing '---' (line 3), where the field is to be added.
        #expect(result.stdout.contains("Content/a.md:3:1: error: [required-field] 'description' is required"))
        #expect(!FileManager.default.fileExists(atPath: site + "/Output"))
    }

    @Test func badNowIsAUsageError() throws {
        let result = try MedsiteProcess.run(["build", "--now", "2026-02-30"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--now must be a real date"))
    }
}
