import Foundation
import Testing

@Suite struct InitCommandTests {
    static func freshFolder() -> String { NSTemporaryDirectory() + "medsite-init-" + UUID().uuidString }

    @Test func initialisedSiteBuildsWithExitZeroAndNoWarnings() throws {
        let folder = Self.freshFolder()
        let created = try MedsiteProcess.run(["init", folder, "--title", "Riverside Clinic", "--now", "2026-11-23"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("Next steps"))
        #expect(created.stdout.contains("medsite build --site \(folder)"))
        for path in ["medsite.yml", "Content/washing-your-hands.md", "Templates/article.mustache",
                     "Templates/partials/disclaimer.mustache", "Templates/assets/style.css", ".gitignore"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/" + path), "\(path)")
        }
        let built = try MedsiteProcess.run(["build", "--site", folder, "--strict", "--now", "2026-11-23"])
        #expect(built.status == 0, "\(built.stdout)")
        // The example is a draft: its placeholders are listed, and it is not published.
        let lines = built.stdout.split(separator: "\n")
        #expect(lines.dropLast().allSatisfy { $0.contains(": warning: [placeholder-value]") }, "\(built.stdout)")
        #expect(lines.contains { $0.contains("Content/washing-your-hands.md:21:14: warning: [placeholder-value] 'reviewed_by' is the placeholder 'Dr Alex Example'") },
                "\(built.stdout)")
        #expect(built.stdout.range(of: #"\nBuilt [0-9]+ pages in [0-9]+\.[0-9]{2} s · 0 errors · 4 warnings · 1 draft not published\n$"#,
                                   options: .regularExpression) != nil, "\(built.stdout)")
        let home = try String(contentsOfFile: folder + "/Output/index.html", encoding: .utf8)
        #expect(home.contains("Riverside Clinic"))
    }

    @Test func refusesToOverwriteNamingTheFilesAndExitsTwo() throws {
        let folder = Self.freshFolder()
        #expect(try MedsiteProcess.run(["init", folder]).status == 0)
        try "title: Mine\n".write(toFile: folder + "/medsite.yml", atomically: false, encoding: .utf8)
        let again = try MedsiteProcess.run(["init", folder])
        #expect(again.status == 2)
        #expect(again.stderr.contains("refusing to overwrite"))
        #expect(again.stderr.contains(folder + "/medsite.yml"))
        #expect(again.stderr.contains(folder + "/Content/washing-your-hands.md"))
        #expect(try String(contentsOfFile: folder + "/medsite.yml", encoding: .utf8) == "title: Mine\n")
    }

    @Test func initIntoAnExistingFolderKeepsItsOtherFiles() throws {
        let folder = try MedsiteProcess.makeSite(["notes.txt": "keep me", ".gitignore": "*.log\n"])
        let result = try MedsiteProcess.run(["init", folder, "--no-templates"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: folder + "/notes.txt", encoding: .utf8) == "keep me")
        // An existing .gitignore (a site in a repository) is kept as it is.
        #expect(try String(contentsOfFile: folder + "/.gitignore", encoding: .utf8) == "*.log\n")
        #expect(result.stdout.contains("Created a new site in \(folder) (2 files)"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/Templates"))
    }

    @Test func nextStepsOnlyAskForTheSettingsNotGiven() throws {
        let both = try MedsiteProcess.run(["init", Self.freshFolder(), "--title", "Riverside Clinic",
                                           "--base-url", "https://health.example.org/", "--no-templates"])
        #expect(both.status == 0, "\(both.stderr)")
        #expect(!both.stdout.contains("Set title"), "\(both.stdout)")
        #expect(!both.stdout.contains("base_url in"), "\(both.stdout)")
        #expect(both.stdout.contains("title and base_url are set"), "\(both.stdout)")
        let titleOnly = try MedsiteProcess.run(["init", Self.freshFolder(), "--title", "Riverside Clinic", "--no-templates"])
        #expect(titleOnly.stdout.contains("1. Set base_url in "), "\(titleOnly.stdout)")
        let neither = try MedsiteProcess.run(["init", Self.freshFolder(), "--no-templates"])
        #expect(neither.stdout.contains("1. Set title and base_url in "), "\(neither.stdout)")
    }

    @Test func badArgumentsAreUsageErrors() throws {
        let folder = Self.freshFolder()
        #expect(try MedsiteProcess.run(["init", folder, "--base-url", "health.example.org"]).status == 2)
        #expect(try MedsiteProcess.run(["init", folder, "--now", "2026-13-01"]).status == 2)
        #expect(try MedsiteProcess.run(["init"]).status == 2)
        #expect(!FileManager.default.fileExists(atPath: folder))
    }
}

@Suite struct NewCommandTests {
    static func site() throws -> String {
        let folder = NSTemporaryDirectory() + "medsite-new-" + UUID().uuidString
        try #require(try MedsiteProcess.run(["init", folder, "--now", "2026-11-23"]).status == 0)
        return folder
    }

    @Test func writesADraftThatBuildsWithWarningsAndIsNotPublished() throws {
        let site = try Self.site()
        let result = try MedsiteProcess.run(["new", "Can I drink alcohol with metformin?", "--type", "short-answer",
                                             "--condition", "Type 2 diabetes", "--site", site])
        #expect(result.status == 0, "\(result.stderr)")
        let path = "Content/can-i-drink-alcohol-with-metformin.md"
        #expect(result.stdout.contains(path))
        let text = try String(contentsOfFile: site + "/" + path, encoding: .utf8)
        #expect(text.contains("type: short-answer"))
        #expect(text.contains("question: \"Can I drink alcohol with metformin?\""))
        #expect(text.contains("  name: \"Type 2 diabetes\""))
        #expect(text.contains("\nlast_reviewed:\n"))
        #expect(!text.contains("2026-11-23"))
        #expect(text.contains("\ndraft: true\n"))
        #expect(text.contains("disclaimer: general"))

        let built = try MedsiteProcess.run(["build", "--site", site, "--strict", "--now", "2026-11-23"])
        #expect(built.status == 0, "\(built.stdout)")
        #expect(built.stdout.contains("\(path):"))
        #expect(built.stdout.contains("warning: [required-field] 'last_reviewed' is required but empty"))
        #expect(built.stdout.contains("2 drafts not published")) // the new page and the example of `init`
        #expect(!FileManager.default.fileExists(atPath: site + "/Output/can-i-drink-alcohol-with-metformin"))
    }

    @Test func refusesToOverwriteAnExistingArticle() throws {
        let site = try Self.site()
        #expect(try MedsiteProcess.run(["new", "Living with asthma", "--site", site]).status == 0)
        try "edited".write(toFile: site + "/Content/living-with-asthma.md", atomically: false, encoding: .utf8)
        let again = try MedsiteProcess.run(["new", "Living with asthma", "--site", site])
        #expect(again.status == 2)
        #expect(again.stderr.contains("Content/living-with-asthma.md already has the slug 'living-with-asthma'"))
        #expect(try String(contentsOfFile: site + "/Content/living-with-asthma.md", encoding: .utf8) == "edited")
        // Another slug is the way out.
        #expect(try MedsiteProcess.run(["new", "Living with asthma", "--slug", "asthma-daily-life", "--site", site]).status == 0)
        #expect(FileManager.default.fileExists(atPath: site + "/Content/asthma-daily-life.md"))
    }

    @Test func refusesASlugAnotherArticleAlreadyUses() throws {
        let site = try Self.site()
        // Same slug from a file in a subfolder, and from an explicit `slug:`.
        try FileManager.default.createDirectory(atPath: site + "/Content/asthma", withIntermediateDirectories: true)
        try "---\ntitle: X\n---\n".write(toFile: site + "/Content/asthma/inhalers.md", atomically: false, encoding: .utf8)
        try "---\ntitle: Y\nslug: peak-flow\n---\n".write(toFile: site + "/Content/asthma/meter.md", atomically: false, encoding: .utf8)
        for (title, owner) in [("Inhalers", "Content/asthma/inhalers.md"), ("Peak flow", "Content/asthma/meter.md")] {
            let result = try MedsiteProcess.run(["new", title, "--site", site])
            #expect(result.status == 2)
            #expect(result.stderr.contains("\(owner) already has the slug"), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: site + "/Content/inhalers.md"))
    }

    @Test func usageErrorsExitTwo() throws {
        let site = try Self.site()
        let reserved = try MedsiteProcess.run(["new", "Search", "--site", site])
        #expect(reserved.status == 2)
        #expect(reserved.stderr.contains("reserved"))
        let badType = try MedsiteProcess.run(["new", "Asthma", "--type", "faq", "--site", site])
        #expect(badType.status == 2)
        #expect(badType.stderr.contains("short-answer"))
        #expect(try MedsiteProcess.run(["new", "Asthma", "--slug", "Not A Slug", "--site", site]).status == 2)
        let noSite = try MedsiteProcess.run(["new", "Asthma", "--site", NSTemporaryDirectory() + "missing-" + UUID().uuidString])
        #expect(noSite.status == 2)
        #expect(noSite.stderr.contains("medsite init"))
    }
}

@Suite struct SchemaCommandTests {
    @Test func printsDraft202012Schema() throws {
        let result = try MedsiteProcess.run(["schema"])
        #expect(result.status == 0)
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let properties = try #require(schema["properties"] as? [String: Any])
        #expect(properties["last_reviewed"] != nil)
        #expect(properties["disclaimer"].flatMap { ($0 as? [String: Any])?["enum"] } == nil)
    }

    @Test func siteDisclaimersAreListed() throws {
        let site = NSTemporaryDirectory() + "medsite-schema-" + UUID().uuidString
        #expect(try MedsiteProcess.run(["init", site]).status == 0)
        let result = try MedsiteProcess.run(["schema", "--site", site])
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let disclaimer = (schema["properties"] as? [String: Any])?["disclaimer"] as? [String: Any]
        #expect(disclaimer?["enum"] as? [String] == ["general", "treatment"])
        #expect(try MedsiteProcess.run(["schema", "--site", site + "/nowhere"]).status == 2)
    }
}

@Suite struct HelpTests {
    @Test func rootHelpListsEveryCommand() throws {
        let help = try MedsiteProcess.run(["--help"])
        #expect(help.status == 0)
        for command in ["init", "new", "build", "schema"] {
            #expect(help.stdout.contains("  \(command) "), "\(command)")
        }
        #expect(help.stdout.contains("Exit status"))
    }

    @Test(arguments: [
        ("init", ["<dir>", "--title", "--base-url", "--now", "--no-templates"]),
        ("new", ["<title>", "--type", "--condition", "--slug", "--site", "short-answer"]),
        ("build", ["--site", "--now", "--strict", "--output", "Exit status"]),
        ("check", ["--site", "--format", "--external", "--timeout", "--refresh", "--max-per-host", "--max-concurrent", "Exit status"]),
        ("schema", ["--site", "2020-12", "front-matter.schema.json"]),
    ])
    func subcommandHelpDescribesEveryOption(command: String, expected: [String]) throws {
        let help = try MedsiteProcess.run(["help", command])
        #expect(help.status == 0)
        for text in expected { #expect(help.stdout.contains(text), "\(command): \(text)") }
    }
}

/// Colour and progress are for people at a terminal only.
@Suite struct TerminalOutputTests {
    static let colourOrControl = #"\x1B\["#

    static func site() throws -> String {
        let folder = NSTemporaryDirectory() + "medsite-tty-" + UUID().uuidString
        try #require(try MedsiteProcess.run(["init", folder, "--now", "2026-11-23"]).status == 0)
        // A draft gives the output a warning to colour.
        try #require(try MedsiteProcess.run(["new", "Living with asthma", "--site", folder]).status == 0)
        return folder
    }

    @Test func pipedOutputIsPlainEvenWithoutNoColor() throws {
        let site = try Self.site()
        let result = try MedsiteProcess.run(["build", "--site", site, "--now", "2026-11-23"],
                                            environment: ["NO_COLOR": "", "MEDSITE_PROGRESS_DELAY": "0"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("warning: [required-field]"))
        #expect(result.stdout.range(of: Self.colourOrControl, options: .regularExpression) == nil)
        #expect(!result.stdout.contains("Reading"))
        #expect(!result.stdout.contains("\r"))
    }

    /// Runs medsite under `script`, which gives it a pseudo-terminal as stdout.
    static func runOnTerminal(_ arguments: [String], environment: [String: String]) throws -> String {
        let script = "/usr/bin/script"
        try #require(FileManager.default.isExecutableFile(atPath: script), "util-linux `script` is needed")
        let command = ([MedsiteProcess.binary] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = ["-qec", command, "/dev/null"]
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        env["TERM"] = "xterm"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test func terminalGetsColourAndProgress() throws {
        let site = try Self.site()
        let output = try Self.runOnTerminal(["build", "--site", site, "--now", "2026-11-23"],
                                            environment: ["MEDSITE_PROGRESS_DELAY": "0"])
        #expect(output.contains("\u{1B}[1;33mwarning\u{1B}[0m: \u{1B}[2m[required-field]\u{1B}[0m 'description' is required but empty"),
                "\(output.debugDescription)")
        #expect(output.contains("0 errors · \u{1B}[1;33m13 warnings\u{1B}[0m"), "\(output.debugDescription)") // the example of `init`: 4, the new draft: 9
        #expect(output.contains("Reading"), "\(output.debugDescription)")
        // The progress line is erased before the result is printed.
        #expect(output.contains("\r\u{1B}[2K"))
        #expect(output.contains("0 errors"))
    }

    @Test func noColorTurnsColourOffOnATerminal() throws {
        let site = try Self.site()
        let output = try Self.runOnTerminal(["build", "--site", site, "--now", "2026-11-23"], environment: ["NO_COLOR": "1"])
        #expect(output.contains("warning: [required-field]"))
        #expect(output.range(of: #"\x1B\[[0-9;]*m"#, options: .regularExpression) == nil, "\(output.debugDescription)")
    }

    @Test func quickBuildsShowNoProgress() throws {
        let site = try Self.site()
        let output = try Self.runOnTerminal(["build", "--site", site, "--now", "2026-11-23"],
                                            environment: ["MEDSITE_PROGRESS_DELAY": "30"])
        #expect(!output.contains("Reading"), "\(output.debugDescription)")
        #expect(output.range(of: #"Built [0-9]+ pages"#, options: .regularExpression) != nil)
    }
}
