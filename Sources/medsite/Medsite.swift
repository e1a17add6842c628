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
        subcommands: [BuildCommand.self]
    )
}
