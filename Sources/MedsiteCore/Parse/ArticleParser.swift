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
        return (article, diagnostics)
    }
}
