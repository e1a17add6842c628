import MedsiteBase

/// Bytes → `Article`: decode, split the front matter, decode it, parse the body with cmark.
public enum ArticleParser {
    public static func parse(_ file: SourceFile, bytes: [UInt8], settings: SiteSettings) -> (Article?, [Diagnostic]) {
        let text: String
        switch FrontMatterSplitter.decodeText(bytes, file: file.relativePath) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let decoded): text = decoded
        }
        let split: SplitArticle
        switch FrontMatterSplitter.split(text, file: file.relativePath) {
        case .failure(let diagnostic):
            return (nil, [diagnostic])
        case .success(let value): split = value
        }
        let (frontMatter, diagnostics) = FrontMatterDecoder.decode(split, file: file.relativePath, defaultSlug: file.stem,
                                                                   settings: settings)
        let document = MarkdownDocument(markdown: split.body, lineOffset: split.bodyLineOffset)
        var article = Article(source: file, frontMatter: frontMatter, document: document, body: split.body)
        var yaml = split.yaml
        article.frontMatterDigest = yaml.withUTF8 { ContentHash.digest(UnsafeRawBufferPointer($0)) }
        article.sourceDigest = bytes.withUnsafeBytes { ContentHash.digest($0) }
        return (article, diagnostics)
    }

    /// The whole article again from its outline: the file is read and its body parsed a second time
    /// (the front matter is kept). nil when the file is no longer what was parsed.
    public static func reparse(_ outline: Article) -> Article? {
        guard case .success(let bytes) = FileSystem.read(outline.source.absolutePath),
              bytes.withUnsafeBytes({ ContentHash.digest($0) }) == outline.sourceDigest,
              case .success(let text) = FrontMatterSplitter.decodeText(bytes, file: outline.source.relativePath),
              case .success(let split) = FrontMatterSplitter.split(text, file: outline.source.relativePath) else { return nil }
        var article = Article(source: outline.source, frontMatter: outline.frontMatter,
                              document: MarkdownDocument(markdown: split.body, lineOffset: split.bodyLineOffset), body: split.body)
        article.frontMatterDigest = outline.frontMatterDigest
        article.sourceDigest = outline.sourceDigest
        return article
    }
}
