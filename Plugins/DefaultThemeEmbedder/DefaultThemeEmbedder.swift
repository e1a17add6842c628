import Foundation

/// `DefaultThemeEmbedder TEMPLATES OUTPUT`: writes `OUTPUT`, a Swift source holding every file under
/// `TEMPLATES` as text keyed by its relative path, in path order (so the source, and the binary, are the
/// same whatever order the file system lists them in). Run by `DefaultThemePlugin` during the build.
@main
struct DefaultThemeEmbedder {
    static let delimiter = "#####"

    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 3 else {
            FileHandle.standardError.write(Data("usage: DefaultThemeEmbedder TEMPLATES OUTPUT\n".utf8))
            exit(2)
        }
        let folder = URL(fileURLWithPath: arguments[1], isDirectory: true).standardizedFileURL
        let source = try swiftSource(embedding: try themeFiles(in: folder))
        let output = URL(fileURLWithPath: arguments[2])
        // Unchanged text is not rewritten, so an unchanged theme does not recompile the module.
        if (try? String(contentsOf: output, encoding: .utf8)) != source {
            try source.write(to: output, atomically: true, encoding: .utf8)
        }
    }

    static func themeFiles(in folder: URL) throws -> [(path: String, text: String)] {
        let prefix = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw EmbedError("cannot read \(folder.path)")
        }
        var files: [(path: String, text: String)] = []
        for case let url as URL in walker {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(prefix) else { throw EmbedError("\(path) is outside \(prefix)") }
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw EmbedError("\(path): the default theme holds UTF-8 text files only")
            }
            if text.contains("\"\(delimiter)") { throw EmbedError("\(path): contains the raw-string delimiter") }
            files.append((String(path.dropFirst(prefix.count)), text))
        }
        return files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    static func swiftSource(embedding files: [(path: String, text: String)]) throws -> String {
        let entries = files.map { "        \"\($0.path)\": \(delimiter)\"\"\"\n\($0.text)\n\"\"\"\(delimiter)," }
        return """
        // Generated at build time by DefaultThemePlugin from Templates/.

        /// The default theme, compiled in so medsite works without a Templates/ folder.
        package enum DefaultTheme {
            package static let files: [String: String] = [
        \(entries.joined(separator: "\n"))
            ]
        }

        """
    }
}

struct EmbedError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = "DefaultThemeEmbedder: " + description }
}
