import MedsiteBase

/// Bytes → `Article`: decode, split the front matter, decode it, parse the body with cmark.
public enum ArticleParser {
    public static func parse(_ file: SourceFile, bytes: [UInt8], settings: SiteSettings) -> (Article?, [Diagnostic]) {
        let language = ContentLanguage.of(file.contentPath, settings: settings)
        // A file named for a language the site does not have cannot be placed: its one problem is that.
        if let problem = language.problem(file: file, settings: settings) { return (nil, [problem]) }
        let localized = settings.localized(language.code)
        var (article, diagnostics) = parse(file, bytes: bytes, frontMatter: .decode(localized, defaultSlug: language.stem),
                                           careCards: localized.careCardWording)
        article?.languageCode = language.code
        article?.translationKey = language.translationKey
        return (article, diagnostics)
    }

    /// The whole article again from its outline: the file is read and its body parsed a second time
    /// (the front matter is kept). nil when the file is no longer what was parsed.
    public static func reparse(_ outline: Article, settings: SiteSettings) -> Article? {
        guard case .success(let bytes) = FileSystem.read(outline.source.absolutePath),
              bytes.withUnsafeBytes({ ContentHash.digest($0) }) == outline.sourceDigest else { return nil }
        var article = parse(outline.source, bytes: bytes, frontMatter: .kept(outline),
                            careCards: settings.localized(outline.languageCode).careCardWording).0
        article?.languageCode = outline.languageCode
        article?.translationKey = outline.translationKey
        return article
    }

    /// Where the front matter comes from: decoded from the file, or kept from a first parse.
    private enum FrontMatterSource {
        case decode(SiteSettings, defaultSlug: String)
        case kept(Article)
    }

    /// The one parse, for `parse` and `reparse` alike.
    private static func parse(_ file: SourceFile, bytes: [UInt8], frontMatter source: FrontMatterSource,
                              careCards wording: CareCardWording) -> (Article?, [Diagnostic]) {
        let (decoded, encodingProblems) = FrontMatterSplitter.decodeText(bytes, file: file.relativePath)
        guard let text = decoded else { return (nil, encodingProblems) }
        let (splitArticle, splitProblems) = FrontMatterSplitter.split(text, file: file.relativePath)
        guard let split = splitArticle else { return (nil, splitProblems) }
        let frontMatter: FrontMatter, diagnostics: [Diagnostic], frontMatterDigest: ContentDigest, sourceDigest: ContentDigest
        switch source {
        case .decode(let settings, let defaultSlug):
            (frontMatter, diagnostics) = FrontMatterDecoder.decode(split, file: file.relativePath, defaultSlug: defaultSlug,
                                                                   settings: settings)
            var yaml = split.yaml
            frontMatterDigest = yaml.withUTF8 { ContentHash.digest(UnsafeRawBufferPointer($0)) }
            sourceDigest = bytes.withUnsafeBytes { ContentHash.digest($0) }
        case .kept(let outline):
            (frontMatter, diagnostics) = (outline.frontMatter, [])
            (frontMatterDigest, sourceDigest) = (outline.frontMatterDigest, outline.sourceDigest)
        }
        let document = MarkdownDocument(markdown: split.body, lineOffset: split.bodyLineOffset)
        // Most articles have no `[!`: they skip the walk that looks for card markers.
        let cardProblems = split.body.containsBytes("[!") ? document.formCareCards(wording: wording, file: file.relativePath) : []
        var article = Article(source: file, frontMatter: frontMatter, document: document, body: split.body)
        article.frontMatterDigest = frontMatterDigest
        article.sourceDigest = sourceDigest
        return (article, diagnostics + cardProblems)
    }
}
