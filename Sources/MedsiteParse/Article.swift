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
    /// The translation language's code (`es` for `asthma.es.md`); nil for a page in the site's language.
    public var languageCode: String?
    /// The content path of the page in the site's language that this page is or translates
    /// (`asthma.md` for `asthma.md` and `asthma.es.md`): its translations share it.
    public var translationKey: String

    /// Front matter and headings only (see `MarkdownDocument.init(outlineOf:)`).
    public func outline() -> Article {
        var outline = Article(source: source, frontMatter: frontMatter, document: MarkdownDocument(outlineOf: document), body: "")
        outline.frontMatterDigest = frontMatterDigest
        outline.sourceDigest = sourceDigest
        outline.languageCode = languageCode
        outline.translationKey = translationKey
        return outline
    }

    public init(source: SourceFile, frontMatter: FrontMatter, document: MarkdownDocument, body: String) {
        self.source = source
        self.frontMatter = frontMatter
        self.document = document
        self.body = body
        self.translationKey = source.contentPath
    }

    public var slug: String { frontMatter.slug }
    /// The page's address without its last `/`: the slug, under the language's folder for a
    /// translation (`es/asma`). Unique in the site, so link checks and the cache key pages by it.
    public var address: String { languageCode.map { $0 + "/" + slug } ?? slug }
    /// Site-relative address of the page: `pml-treatment/`, `es/tratamiento-pml/`.
    public var url: String { address + "/" }
    public var outputPath: String { address + "/index.html" }
    public var title: String { frontMatter.title ?? slug }
}
