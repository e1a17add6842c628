import Foundation
import MedsiteBase

/// An article's text cut into its YAML front matter and its Markdown body.
public struct SplitArticle: Sendable {
    /// The YAML between the `---` lines.
    public let yaml: String
    /// Add to a YAML line number (counted from 1) to get the file's line: the opening `---` is line 1.
    public let yamlLineOffset: Int
    /// The Markdown after the closing `---`.
    public let body: String
    /// Add to a cmark line number to get the file's line.
    public let bodyLineOffset: Int
}
