import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// Parse → validate → render of one article held in memory, without touching the file system.
/// The fuzzer drives the pipeline through here; it renders whatever parsed, errors or not, so that
/// rendering is exercised on hostile input too (a real build stops before rendering on any error).
public enum SingleArticle {
    public static func run(_ bytes: [UInt8], path: String = "Content/article.md", settings: SiteSettings,
                           theme: Theme, today: CalendarDate) -> (page: RenderedPage?, diagnostics: [Diagnostic]) {
        let contentPath = String(path.dropFirst(ContentScanner.folderName.count + 1))
        let file = SourceFile(relativePath: path, contentPath: contentPath, absolutePath: path)
        let (parsed, parseDiagnostics) = ArticleParser.parse(file, bytes: bytes, settings: settings)
        guard let article = parsed else { return (nil, parseDiagnostics) }
        let context = ValidationContext(
            settings: settings, today: today,
            anchorsBySlug: [article.slug: article.document.headings.map(\.id)],
            slugsByContentPath: [contentPath: article.slug])
        let policy = SeverityPolicy(settings: settings, strict: false)
        let diagnostics = policy.apply(parseDiagnostics + ArticleValidator.validate(article, context: context),
                                       waivers: article.frontMatter.waivers, isDraft: article.frontMatter.draft,
                                       waiverPosition: article.frontMatter.position(of: "waive"))
        let page = PageRenderer(theme: theme, settings: settings, articles: [article], today: today).renderArticle(article)
        return (page, diagnostics)
    }
}
