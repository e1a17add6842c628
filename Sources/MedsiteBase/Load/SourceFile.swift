import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file found under the site folder.
public struct SourceFile: Sendable, Hashable {
    /// Relative to the site folder, with `/` separators: `Content/pml/treatment.md`. Used in diagnostics.
    public let relativePath: String
    /// Relative to `Content/`: `pml/treatment.md`. Assets keep this path in Output/.
    public let contentPath: String
    public let absolutePath: String

    package init(relativePath: String, contentPath: String, absolutePath: String) {
        self.relativePath = relativePath
        self.contentPath = contentPath
        self.absolutePath = absolutePath
    }

    /// The file name without `.md`: the default slug.
    public var stem: String {
        let name = contentPath.split(separator: "/").last.map(String.init) ?? contentPath
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }
}
