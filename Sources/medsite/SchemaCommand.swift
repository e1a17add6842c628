import ArgumentParser
import Foundation
import MedsiteCore

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the article front matter as JSON Schema (draft 2020-12).",
        discussion: """
        Editors' tools use it to autocomplete and check front matter while typing, and CI can \
        check front matter with any JSON Schema validator. With --site, `disclaimer` is limited \
        to the keys in that site's medsite.yml.

          medsite schema --site . > front-matter.schema.json

        Tools differ in whether they read front matter inside Markdown files; docs/editors.md \
        lists what works. The schema checks each field on its own: medsite build also checks \
        what needs the whole site and the day (review dates not in the future, unique slugs, \
        links, the content rules).
        """
    )

    @Option(name: .long, help: ArgumentHelp(
        "A site folder: limit `disclaimer` to the keys of its medsite.yml.", valueName: "dir"))
    var site: String?

    @Flag(name: .long, help: ArgumentHelp(
        "Print the front-matter table of docs/editors.md (Markdown) instead.", visibility: .hidden))
    var editorsTable = false

    mutating func run() throws {
        if editorsTable {
            print(FrontMatterField.editorsTable(), terminator: "")
            return
        }
        var keys: [String]? = nil
        if let site {
            let path = FileSystem.join(site, SiteSettings.fileName)
            guard let text = FileSystem.readText(path) else {
                throw ValidationError("there is no readable medsite.yml in \(site)")
            }
            let (settings, diagnostics) = SiteSettings.parse(text)
            guard let settings else {
                DiagnosticPrinter().print(diagnostics)
                throw ExitCode(2)
            }
            keys = settings.disclaimers.map(\.key)
        }
        print(FrontMatterSchema.json(disclaimerKeys: keys), terminator: "")
    }
}
