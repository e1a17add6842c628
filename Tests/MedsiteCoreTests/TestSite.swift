import Foundation
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

/// A throwaway site folder for a test: medsite.yml, Content/ and optionally Templates/.
struct TestSite {
    let root: String

    static let settings = """
    title: Test Health
    base_url: https://health.example.org/
    language: en-GB
    disclaimers:
      general: "This information does not replace advice from your doctor."
      treatment: "Talk to your healthcare team before changing any treatment."
    default_disclaimer: general
    """

    /// A complete, valid article; tests change one thing at a time.
    static func article(title: String = "What is PML?", slug: String? = nil, extra: String = "",
                        lastReviewed: String = "2026-04-07", body: String = "## What causes it?\n\nThe JC virus.\n") -> String {
        """
        ---
        title: "\(title)"
        description: "A rare infection of the brain."
        \(slug.map { "slug: \($0)\n" } ?? "")last_reviewed: \(lastReviewed)
        reviewed_by: "Dr Amelia Hart, MD FRCP"
        sources:
          - title: "PML"
            url: "https://www.ninds.nih.gov/health-information/disorders/progressive-multifocal-leukoencephalopathy"
            publisher: "NINDS"
        \(extra)
        ---
        \(body)
        """
    }

    init(settings: String = TestSite.settings, files: [String: String] = [:]) throws {
        root = NSTemporaryDirectory() + "medsite-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/Content", withIntermediateDirectories: true)
        try write("medsite.yml", settings)
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    func write(_ path: String, bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func read(_ path: String) -> String? {
        try? String(contentsOfFile: root + "/" + path, encoding: .utf8)
    }

    var output: String { root + "/Output" }

    func options(today: String = "2026-11-23", strict: Bool = false, serial: Bool = false) -> BuildOptions {
        BuildOptions(siteDirectory: root, today: CalendarDate(iso: today)!, strict: strict, serial: serial)
    }

    func build(today: String = "2026-11-23", strict: Bool = false) -> BuildReport {
        SiteBuilder.build(options(today: today, strict: strict))
    }

    func check(today: String = "2026-11-23") -> BuildReport {
        SiteBuilder.check(options(today: today))
    }

    /// The repository root (for the sample site and fixtures).
    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    static func fixture(_ name: String) -> String {
        repositoryRoot + "/Tests/MedsiteCoreTests/Fixtures/" + name
    }
}

extension BuildReport {
    func rules(in file: String? = nil) -> [String] {
        diagnostics.filter { file == nil || $0.file == file }.map(\.rule.id)
    }
    func has(_ rule: String, line: Int? = nil, file: String? = nil) -> Bool {
        diagnostics.contains { $0.rule.id == rule && (line == nil || $0.position.line == line) && (file == nil || $0.file == file) }
    }
}
