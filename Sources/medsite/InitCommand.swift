import ArgumentParser
import Foundation
import MedsiteCore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new site: settings, an example article and the default theme.",
        discussion: """
        Writes into DIR (created when missing):
          medsite.yml     every setting with its default, explained
          Content/        an example article, a draft with an invented reviewer:
                          not published until its placeholders are replaced
          Templates/      the default theme, to edit (left out with --no-templates)
          .gitignore      keeps Output/ and the build cache out of git
                          (an existing .gitignore is kept as it is)

        Nothing is overwritten: when any of these files exists, medsite names them, writes \
        nothing and exits with status 2.

        Example:
          medsite init clinic-site --title "Riverside Clinic" \\
            --base-url https://health.example.org/
        """
    )

    @Argument(help: ArgumentHelp("The folder to create the site in.", valueName: "dir"))
    var directory: String

    @Option(name: .long, help: ArgumentHelp("The site's name, shown on every page. Default: Health information.", valueName: "text"))
    var title: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp(
        "The site's public address, for canonical links and the sitemap. Default: https://example.org/.", valueName: "url"))
    var baseURL: String?

    @Option(name: .long, help: ArgumentHelp(
        "The example article's review date, as YYYY-MM-DD. Default: SOURCE_DATE_EPOCH if set, else today (UTC).",
        valueName: "date"))
    var now: String?

    @Flag(name: .customLong("no-templates"), help: "Leave out Templates/: the site then uses the built-in theme, which updates with medsite.")
    var noTemplates = false

    func validate() throws {
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            throw ValidationError("--base-url must be an absolute http(s) address, like https://health.example.org/")
        }
        if let title, title.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--title must not be empty")
        }
    }

    mutating func run() throws {
        // The same rules for "today" as every other command: --now, SOURCE_DATE_EPOCH, the clock.
        let dates = try SiteOptions.parse(now.map { ["--now", $0] } ?? [])
        let options = SiteScaffold.Options(title: title ?? "Health information", baseURL: baseURL ?? "https://example.org/",
                                           today: try dates.today(),
                                           includeTemplates: !noTemplates)
        let files: [ScaffoldFile]
        do {
            files = try SiteScaffold.create(in: directory, options)
        } catch {
            FileHandle.standardError.write(Data("medsite init: \(error.message)\nNothing was written. Choose an empty folder, or move those files away.\n".utf8))
            throw ExitCode(2)
        }
        let style = TerminalStyle.forStandardOutput()
        print(style.bold("Created a new site in \(directory)") + " (\(files.count) files)")
        let site = directory.contains(" ") ? "\"\(directory)\"" : directory
        print("""

        Next steps:
          1. \(settingsStep(in: FileSystem.join(directory, "medsite.yml")))
          2. Build the site:              medsite build --site \(site)
             then open \(FileSystem.join(directory, "Output/index.html")) in a browser.
          3. Start your first article:    medsite new "Your title" --site \(site)
          4. Replace the example article (\(SiteScaffold.exampleArticlePath)): a draft, its reviewer invented.
          5. Schema for your editor:      medsite schema --site \(site) > front-matter.schema.json

        Editors' guide: docs/editors.md in medsite. `medsite help <command>` describes each command.
        """)
    }

    /// The first next step: set what `--title` and `--base-url` did not.
    func settingsStep(in settings: String) -> String {
        let unset = [title == nil ? "title" : nil, baseURL == nil ? "base_url" : nil].compactMap { $0 }
        if unset.isEmpty { return "Look through \(settings): title and base_url are set; the comments explain the other settings." }
        return "Set \(unset.joined(separator: " and ")) in \(settings); the comments explain every setting."
    }
}
