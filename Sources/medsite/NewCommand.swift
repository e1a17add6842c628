import ArgumentParser
import Foundation
import MedsiteCore

extension ArticleType: ExpressibleByArgument {}

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a new draft article in Content/, with every field explained.",
        discussion: """
        Writes Content/SLUG.md, where SLUG comes from the title ("Is PML curable?" gives \
        is-pml-curable) unless --slug is given. The article is a draft (draft: true): builds \
        check it and list what is still missing as warnings, but never publish it.

        The review fields stay empty: the reviewing clinician fills in last_reviewed and \
        reviewed_by when the review has happened. medsite never writes a review date itself. \
        Delete the draft line to publish the page. An existing file is never overwritten, and a \
        slug another article already uses is refused (exit 2).

        Examples:
          medsite new "Living with asthma" --condition Asthma
          medsite new "Can I drink alcohol with metformin?" --type short-answer \\
            --condition "Type 2 diabetes"
        """
    )

    @Argument(help: ArgumentHelp("The article's title, in plain words.", valueName: "title"))
    var title: String

    @Option(name: .long, help: ArgumentHelp(
        "article (a general page) or short-answer (the answer to one patient question).", valueName: "type"))
    var type: ArticleType = .article

    @Option(name: .long, help: ArgumentHelp("The condition the article is about, e.g. \"Type 2 diabetes\".", valueName: "name"))
    var condition: String?

    @Option(name: .long, help: ArgumentHelp("The page's address and file name. Default: from the title.", valueName: "slug"))
    var slug: String?

    @Option(name: .long, help: ArgumentHelp("The site folder, holding medsite.yml and Content/.", valueName: "dir"))
    var site: String = "."

    func validate() throws {
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("the title must not be empty") }
        if let slug, let problem = ArticleScaffold.problem(withSlug: slug) { throw ValidationError("--slug: \(problem)") }
    }

    mutating func run() throws {
        let settingsPath = FileSystem.join(site, SiteSettings.fileName)
        guard let settingsText = FileSystem.readText(settingsPath) else {
            fail("there is no medsite.yml in \(site): run medsite in the site folder, pass --site DIR, or create a site with `medsite init DIR`")
        }
        let (settings, diagnostics) = SiteSettings.parse(settingsText)
        guard let settings else {
            DiagnosticPrinter().print(diagnostics)
            fail("fix medsite.yml first")
        }
        let slug = slug ?? ArticleScaffold.slug(forTitle: title)
        if let problem = ArticleScaffold.problem(withSlug: slug) {
            fail("cannot use the slug from the title: \(problem)")
        }
        if let owner = ArticleScaffold.article(usingSlug: slug, siteDirectory: site) {
            fail("\(owner) already has the slug '\(slug)' (the page /\(slug)/). Choose another title or --slug.")
        }
        let options = ArticleScaffold.Options(title: title, type: type, condition: condition, slug: slug,
                                              disclaimerKeys: settings.disclaimers.map(\.key),
                                              defaultDisclaimer: settings.defaultDisclaimer)
        let path = ArticleScaffold.path(for: options)
        do {
            try ScaffoldWriter.createAll([ScaffoldFile(path: path, text: ArticleScaffold.text(options))], in: site)
        } catch {
            fail(error.existing.isEmpty ? error.message : "\(error.message). Choose another title or --slug.")
        }
        let shown = site == "." ? path : FileSystem.join(site, path)
        print("Created \(shown) (a draft: not published until you delete `draft: true`)")
        print("""

        Next steps:
          1. Write the description and the article (in place of its guidance sentences); add the sources.
          2. Have a clinician review it; they fill in last_reviewed and reviewed_by.
          3. Check it:  medsite build\(site == "." ? "" : " --site \(site)")   (drafts are listed as warnings, never published)
          4. Delete the `draft: true` line to publish it.
        """)
    }

    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("medsite new: \(message)\n".utf8))
        Foundation.exit(2)
    }
}
