import MedsiteBase

/// Bytes → `Article`: decode, split the front matter, decode it, parse the body with cmark.
public enum ArticleParser {
    /// `snippets`: the site's snippets, which `> [!SNIPPET] name` lines include.
    public static func parse(_ file: SourceFile, bytes: [UInt8], settings: SiteSettings,
                             snippets: SnippetLibrary = .empty) -> (Article?, [Diagnostic]) {
        let language = ContentLanguage.of(file.contentPath, settings: settings)
        // A file named for a language the site does not have cannot be placed: its one problem is that.
        if let problem = language.problem(file: file, settings: settings) { return (nil, [problem]) }
        let localized = settings.localized(language.code)
        var (article, diagnostics) = parse(file, bytes: bytes, frontMatter: .decode(localized, .article, defaultSlug: language.stem),
                                           settings: localized, snippets: snippets)
        article?.languageCode = language.code
        article?.translationKey = language.translationKey
        return (article, diagnostics)
    }

    /// A snippet (`Snippets/<name>.md`): a snippet's front matter (`FrontMatterField.snippetFields`),
    /// no headings, tables or snippets of its own.
    public static func parseSnippet(_ file: SourceFile, bytes: [UInt8], settings: SiteSettings) -> (Article?, [Diagnostic]) {
        parse(file, bytes: bytes, frontMatter: .decode(settings, .snippet, defaultSlug: file.stem), settings: settings, snippets: nil)
    }

    /// The whole article again from its outline: the file is read and its body parsed a second time
    /// (the front matter is kept). nil when the file is no longer what was parsed.
    public static func reparse(_ outline: Article, settings: SiteSettings, snippets: SnippetLibrary = .empty) -> Article? {
        guard case .success(let bytes) = FileSystem.read(outline.source.absolutePath),
              bytes.withUnsafeBytes({ ContentHash.digest($0) }) == outline.sourceDigest else { return nil }
        var article = parse(outline.source, bytes: bytes, frontMatter: .kept(outline),
                            settings: settings.localized(outline.languageCode), snippets: snippets).0
        article?.languageCode = outline.languageCode
        article?.translationKey = outline.translationKey
        return article
    }

    /// Where the front matter comes from: decoded from the file, or kept from a first parse.
    private enum FrontMatterSource {
        case decode(SiteSettings, FrontMatterDecoder.Profile, defaultSlug: String)
        case kept(Article)
    }

    /// The one parse, for `parse`, `parseSnippet` and `reparse` alike. `snippets` nil: the file is a
    /// snippet.
    private static func parse(_ file: SourceFile, bytes: [UInt8], frontMatter source: FrontMatterSource,
                              settings: SiteSettings, snippets: SnippetLibrary?) -> (Article?, [Diagnostic]) {
        let (decoded, encodingProblems) = FrontMatterSplitter.decodeText(bytes, file: file.relativePath)
        guard let text = decoded else { return (nil, encodingProblems) }
        let (splitArticle, splitProblems) = FrontMatterSplitter.split(text, file: file.relativePath)
        guard let split = splitArticle else { return (nil, splitProblems) }
        let frontMatter: FrontMatter, diagnostics: [Diagnostic], frontMatterDigest: ContentDigest, sourceDigest: ContentDigest
        switch source {
        case .decode(let settings, let profile, let defaultSlug):
            (frontMatter, diagnostics) = FrontMatterDecoder.decode(split, file: file.relativePath, defaultSlug: defaultSlug,
                                                                   settings: settings, profile: profile)
            var yaml = split.yaml
            frontMatterDigest = yaml.withUTF8 { ContentHash.digest(UnsafeRawBufferPointer($0)) }
            sourceDigest = bytes.withUnsafeBytes { ContentHash.digest($0) }
        case .kept(let outline):
            (frontMatter, diagnostics) = (outline.frontMatter, [])
            (frontMatterDigest, sourceDigest) = (outline.frontMatterDigest, outline.sourceDigest)
        }
        let document = MarkdownDocument(markdown: split.body, lineOffset: split.bodyLineOffset)
        // Most articles have no `[!`: they skip the walk that looks for card markers and snippets.
        let lookup: SnippetLookup = snippets.map { .names($0.names) } ?? .insideSnippet
        var problems = split.body.containsBytes("[!")
            ? document.formCareCards(wording: settings.careCardWording, file: file.relativePath, snippets: lookup) : []
        var article = Article(source: file, frontMatter: frontMatter, document: document, body: split.body)
        article.frontMatterDigest = frontMatterDigest
        article.sourceDigest = sourceDigest
        if snippets == nil {
            article.kind = .snippet
            problems += document.snippetProblems(file: file.relativePath)
        }
        article.resolveReviews(settings: settings, snippets: snippets ?? .empty)
        return (article, diagnostics + problems)
    }
}

extension Article {
    /// The snippets the page includes, and the days it falls due before its own `next_review`:
    /// when a snippet it includes is due, and when a source it cites was superseded after its review.
    mutating func resolveReviews(settings: SiteSettings, snippets: SnippetLibrary) {
        includedSnippets = []
        earlierReviews = []
        var seen = Set<String>()
        for include in document.snippetIncludes where seen.insert(include.name).inserted {
            guard let snippet = snippets[include.name] else { continue }
            let summary = snippet.summary
            includedSnippets.append(summary)
            if let next = summary.nextReview {
                earlierReviews.append(EarlierReview(date: next, cause: .snippet(name: summary.name, file: summary.file),
                                                    position: include.position))
            }
        }
        guard !settings.supersededSources.isEmpty, let last = frontMatter.lastReviewed else { return }
        for (index, source) in frontMatter.sources.enumerated() {
            // Reviewed on or after the day it was superseded: the review saw it (`source-superseded` still says so).
            guard let superseded = settings.supersededSource(citedAs: source.url), last < superseded.date else { continue }
            earlierReviews.append(EarlierReview(date: superseded.date,
                                                cause: .supersededSource(superseded, index: index + 1, citedURL: source.url),
                                                position: source.urlPosition))
        }
    }
}
