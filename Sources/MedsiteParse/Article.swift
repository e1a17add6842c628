import MedsiteBase

/// One article after parsing: its file, typed front matter and cmark document.
public struct Article: Sendable {
    public let source: SourceFile
    public let frontMatter: FrontMatter
    public let document: MarkdownDocument
    /// The Markdown body as written (after the front matter).
    public let body: String
    /// Hash of the front matter's YAML text: with the headings, what other pages see of this one
    /// (titles, conditions, anchors), so the build cache can tell when other pages must be redone.
    public var frontMatterDigest = ContentDigest.zero
    /// Hash of the file's bytes as parsed, so a second read can tell whether the file changed.
    public var sourceDigest = ContentDigest.zero

    /// Front matter and headings only (see `MarkdownDocument.init(outlineOf:)`).
    public func outline() -> Article {
        var outline = Article(source: source, frontMatter: frontMatter, document: MarkdownDocument(outlineOf: document), body: "")
        outline.frontMatterDigest = frontMatterDigest
        outline.sourceDigest = sourceDigest
        return outline
    }

    public var slug: String { frontMatter.slug }
    /// Site-relative address of the page: `pml-treatment/`.
    public var url: String { slug + "/" }
    public var outputPath: String { slug + "/index.html" }
    public var title: String { frontMatter.title ?? slug }
}
