import Foundation
import ArgumentParser
import MedsiteCore

@main
struct Medsite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "medsite",
        abstract: "Builds safe, reviewed, patient-facing medical websites from Markdown.",
        discussion: """
        A site folder holds medsite.yml (settings), Content/ (articles in Markdown with YAML front \
        matter) and optionally Templates/ (a theme; the built-in one is used otherwise). medsite \
        validates every article against a medical-content schema and publishes only when nothing \
        is wrong: every page carries its disclaimer and its review dates.

        Getting started:
          medsite init my-site            a new site with an example article
          cd my-site
          medsite new "Living with asthma" --condition Asthma
          medsite build                   check everything and write Output/

        Exit status: 0 success, 1 content errors (file:line, rule and fix are printed), \
        2 usage, settings, theme or output errors.

        Environment: NO_COLOR turns colour off (colour and progress are only shown on a \
        terminal); SOURCE_DATE_EPOCH fixes "today" for reproducible builds.

        Documentation: docs/editors.md, docs/designers.md and docs/maintainers.md in the \
        medsite repository. `medsite help <command>` describes each command.
        """,
        version: MedsiteVersion.current,
        subcommands: [InitCommand.self, NewCommand.self, BuildCommand.self, CheckCommand.self, ReviewCommand.self,
                      ExplainCommand.self, SchemaCommand.self, ServeCommand.self]
    )

    /// Usage errors exit with 2 (not ArgumentParser's 64): the contract is 0 built, 1 content errors,
    /// 2 usage or configuration errors.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                let message = fullMessage(for: error)
                FileHandle.standardError.write(Data((message + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
