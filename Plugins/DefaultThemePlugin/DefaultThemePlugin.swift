import Foundation
import PackagePlugin

/// Generates `DefaultTheme.swift` for the target that uses it from the package's `Templates/` folder at
/// build time, so the built-in theme can never drift from the files designers edit, and no generated
/// file is committed. Every file under `Templates/` is an input: editing, adding or removing one
/// regenerates the source on the next build.
@main
struct DefaultThemePlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let templates = context.package.directoryURL.appending(path: "Templates")
        let output = context.pluginWorkDirectoryURL.appending(path: "DefaultTheme.swift")
        return [
            .buildCommand(
                displayName: "Embedding the default theme from Templates/",
                executable: try context.tool(named: "DefaultThemeEmbedder").url,
                arguments: [templates.path(percentEncoded: false), output.path(percentEncoded: false)],
                inputFiles: try Self.files(under: templates),
                outputFiles: [output]
            )
        ]
    }

    /// The folder's files, and the folders themselves, so that adding or removing a file (which changes
    /// only its folder) also reruns the embedder.
    static func files(under folder: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            return [folder]
        }
        return [folder] + walker.compactMap { $0 as? URL }.sorted { $0.path < $1.path }
    }
}
