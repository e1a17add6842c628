import MedsiteBase

/// One article after parsing: its file, typed front matter and cmark document.
public struct Article: Sendable {
    /// A page of the site, or a snippet (`Snippets/*.md`): shared text that pages include.
    public enum Kind: Sendable, Equatable { case page, snippet }

    public let source: SourceFile
    public let frontMatter: FrontMatter
    public let document: MarkdownDocument
    /// The Markdown body as written (after the front matter).
    public let body: String
    public var kind: Kind = .page
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
    /// The snippets the page includes (`> [!SNIPPET] name`), in order, each once.
    public var includedSnippets: [IncludedSnippet] = []
    /// Days before its own `next_review` on which the page falls due, and why (`EarlierReview`).
    public var earlierReviews: [EarlierReview] = []

    /// Front matter and headings only (see `MarkdownDocument.init(outlineOf:)`).
    public func outline() -> Article {
        var outline = Article(source: source, frontMatter: frontMatter, document: MarkdownDocument(outlineOf: document), body: "")
        outline.kind = kind
        outline.frontMatterDigest = frontMatterDigest
        outline.sourceDigest = sourceDigest
        outline.languageCode = languageCode
        outline.translationKey = translationKey
        outline.includedSnippets = includedSnippets
        outline.earlierReviews = earlierReviews
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

    /// Why the page is due before its own `next_review`: the earliest `earlierReviews` entry, when
    /// it is earlier than that date.
    public var earlyReview: EarlierReview? {
        guard let first = earlierReviews.min(by: { $0.date < $1.date }) else { return nil }
        if let own = frontMatter.nextReview, own <= first.date { return nil }
        return first
    }

    /// When the page is next due for review: its own `next_review`, or earlier when a snippet it
    /// includes is due earlier or a source it cites was superseded since its review.
    public var nextReview: CalendarDate? { earlyReview?.date ?? frontMatter.nextReview }

    /// When what the page says last changed: its review, its newest change-log entry, or the review
    /// of a snippet it includes, whichever is latest (sitemap `lastmod`, JSON-LD `dateModified`,
    /// the feed's `updated`).
    public var lastModified: CalendarDate? {
        // The newest of these dates, without building an array of them (feeds and sitemaps sort by it).
        var newest = frontMatter.lastReviewed
        func consider(_ date: CalendarDate?) {
            if let date, newest.map({ date > $0 }) ?? true { newest = date }
        }
        for change in frontMatter.changes { consider(change.date) }
        for snippet in includedSnippets { consider(snippet.lastReviewed) }
        return newest
    }

    /// The newest change-log entry, the one the feed announces.
    public var newestChange: PageChange? {
        frontMatter.changes.enumerated().max { ($0.element.date, -$0.offset) < ($1.element.date, -$1.offset) }?.element
    }
}
