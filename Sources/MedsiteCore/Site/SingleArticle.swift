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
        let pipeline = ArticlePipeline(settings: settings, today: today)
        let (parsed, parseDiagnostics) = pipeline.parse(file, bytes: bytes)
        guard let article = parsed else { return (nil, parseDiagnostics) }
        let (diagnostics, _) = pipeline.validate(article, parseDiagnostics: parseDiagnostics,
                                                 context: pipeline.context(for: [article]))
        // Rendered even when not published (a draft, an overdue page), so rendering meets every input.
        let page = PageRenderer(theme: theme, settings: settings, articles: [article], today: today).renderArticle(article)
        return (page, diagnostics)
    }
}
