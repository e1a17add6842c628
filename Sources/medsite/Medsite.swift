import Foundation
import ArgumentParser

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
        """,
        version: "0.1.0",
        subcommands: [BuildCommand.self, ServeCommand.self]
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
