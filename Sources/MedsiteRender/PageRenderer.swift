import MedsiteBase
import MedsiteParse
import MedsiteValidate

/// A page ready to write: its path under Output/ and its bytes.
public struct RenderedPage: Sendable {
    public let path: String
    public let html: String
    /// Safety blocks medsite had to insert because the template left them out.
    public let inserted: [String]

    package init(path: String, html: String, inserted: [String]) {
        self.path = path
        self.html = html
        self.inserted = inserted
    }
}

/// Renders pages through the theme and guarantees that every article page carries its disclaimer
/// and its review dates, and an overdue page its due-for-review notice, whatever the templates do.
public struct PageRenderer: Sendable {
    let theme: Theme
    let settings: SiteSettings
    /// Content path (`diabetes/diet.md`) → slug, for rewriting links written as source files.
    let slugsByContentPath: [String: String]
    /// Content/'s images by their path there (`ImageSize.table`), for `width` and `height`.
    let imageSizes: [String: ImageSize]
    /// Condition, tag, search and 404 pages, and the navigation article pages show.
    package let sitePages: SitePages
    /// Each snippet's HTML by name, rendered once per build with its care-card headings at level 2
    /// (`SnippetHTML.atLevel` moves them under the section each page includes it in).
    let snippetHTML: [String: String]

    /// `published` are the articles that get pages (all of `articles` when nil). `today` is the build
    /// day: pages past their next review on it carry a notice (nil: none do).
    public init(theme: Theme, settings: SiteSettings, articles: [Article], published: [Article]? = nil, today: CalendarDate?,
                imageSizes: [String: ImageSize] = [:], snippets: SnippetLibrary = .empty) {
        self.theme = theme
        self.imageSizes = imageSizes
        self.settings = settings
        self.sitePages = SitePages(theme: theme, settings: settings, articles: published ?? articles, today: today)
        var slugs: [String: String] = [:]
        for article in articles { slugs[article.source.contentPath] = article.slug }
        self.slugsByContentPath = slugs
        self.snippetHTML = Self.renderSnippets(snippets, settings: settings, slugs: slugs, imageSizes: imageSizes)
    }

    /// For re-rendering a few article pages of an otherwise unchanged site (the build cache): the
    /// navigation comes from the previous build; home and site pages are not rendered with it.
    package init(theme: Theme, settings: SiteSettings, slugsByContentPath: [String: String], navigation: SiteNavigation,
                 today: CalendarDate?, imageSizes: [String: ImageSize] = [:], snippets: SnippetLibrary = .empty) {
        self.theme = theme
        self.imageSizes = imageSizes
        self.settings = settings
        self.slugsByContentPath = slugsByContentPath
        self.sitePages = SitePages(theme: theme, settings: settings, navigation: navigation, today: today)
        self.snippetHTML = Self.renderSnippets(snippets, settings: settings, slugs: slugsByContentPath, imageSizes: imageSizes)
    }

    /// Each snippet as a page shows it. Parsed again from its text (a few hundred bytes) rather than
    /// from the library's tree, which validation reads on other threads; links are rewritten as on a
    /// page in Content/'s top folder, which every page's address is one folder below, like it.
    static func renderSnippets(_ snippets: SnippetLibrary, settings: SiteSettings, slugs: [String: String],
                               imageSizes: [String: ImageSize]) -> [String: String] {
        var result: [String: String] = [:]
        for snippet in snippets.ordered {
            let article = snippet.article
            let document = MarkdownDocument(markdown: article.body, lineOffset: article.document.lineOffset)
            _ = document.formCareCards(wording: settings.careCardWording, file: article.source.relativePath, snippets: .insideSnippet)
            let sizes = rewriteSourceLinks(in: document, contentPath: article.source.contentPath, slugs: slugs, imageSizes: imageSizes)
            result[snippet.name] = "<div class=\"snippet\" data-snippet=\"\(HTML.escape(snippet.name))\">\n"
                + document.renderHTML(imageSizes: sizes) + "</div>\n"
        }
        return result
    }

    /// A snippet's HTML with its care-card headings (`<h2 class=…>`, the only headings a snippet has)
    /// at `level`.
    static func snippet(_ html: String, atLevel level: Int) -> String {
        guard level != 2 else { return html }
        return html.replacing("<h2 class=\"", with: "<h\(level) class=\"").replacing("</h2>", with: "</h\(level)>")
    }

    public func renderArticle(_ article: Article) -> RenderedPage {
        article.document.fillSnippetIncludes { include in
            snippetHTML[include.name].map { Self.snippet($0, atLevel: include.headingLevel) }
        }
        let imageSizes = rewriteSourceLinks(in: article)
        let context = sitePages.articleContext(article, bodyHTML: article.document.renderHTML(imageSizes: imageSizes))
        var html = theme.render("article", context)
        var inserted: [String] = []
        let frontMatter = article.frontMatter
        let disclaimer = HTML.escape(settings.disclaimerText(for: frontMatter.disclaimer) ?? "")
        if !html.containsBytes(disclaimer) || !html.containsBytes("data-medsite=\"disclaimer\"") {
            html = HTML.insert(theme.renderBuiltIn("partials/disclaimer", context), into: html)
            inserted.append("disclaimer")
        }
        if let last = frontMatter.lastReviewed, let next = article.nextReview,
           !html.containsBytes("Page last reviewed: \(last.long)") || !html.containsBytes("Next review due: \(next.long)") {
            html = HTML.insert(theme.renderBuiltIn("partials/review", context), into: html)
            inserted.append("review")
        }
        // A page published past its next review tells patients so, also under a theme older than the notice.
        if (context["review"] as? TemplateValues)?["is_overdue"] != nil, !html.containsBytes("data-medsite=\"overdue\"") {
            html = HTML.insert(theme.renderBuiltIn("partials/overdue", context), into: html)
            inserted.append("overdue")
        }
        return RenderedPage(path: article.outputPath, html: html, inserted: inserted)
    }

    public func renderHome(_ articles: [Article]) -> RenderedPage {
        RenderedPage(path: "index.html", html: theme.render("home", sitePages.homeContext()), inserted: [])
    }

    /// One page (or the feeds) that is not an article's: they need front matter and headings only.
    package enum SiteJob: Sendable {
        case home
        case page(SitePages.Job)
        case feeds
        /// Pages at old addresses (`aliases:`) and `_redirects`.
        case redirects
    }

    /// The home page first (the longest: it lists every article), then the condition, topic, search
    /// and 404 pages, then sitemap.xml, robots.txt and feed.xml.
    package var siteJobs: [SiteJob] {
        [.home] + sitePages.jobs.map(SiteJob.page) + [.feeds, .redirects]
    }

    package func render(_ job: SiteJob) -> [RenderedPage] {
        switch job {
        case .home: [renderHome(sitePages.articles)]
        case .page(let page): [sitePages.render(page)]
        case .feeds: Feeds.render(articles: sitePages.articles, navigation: sitePages.navigation, settings: settings)
        case .redirects: Redirects.render(articles: sitePages.articles, settings: settings)
        }
    }

    /// `[x](other.md#part)` → `../other-slug/#part`, `![…](rash.png)` → `../rash.png`: editors link
    /// to files, readers follow addresses.
    /// Returns the size of each image the page shows, in document order (nil where unknown).
    @discardableResult
    func rewriteSourceLinks(in article: Article) -> [ImageSize?] {
        Self.rewriteSourceLinks(in: article.document, contentPath: article.source.contentPath, slugs: slugsByContentPath,
                                imageSizes: imageSizes)
    }

    static func rewriteSourceLinks(in document: MarkdownDocument, contentPath: String, slugs slugsByContentPath: [String: String],
                                   imageSizes: [String: ImageSize]) -> [ImageSize?] {
        let directory = SiteLinks.folder(of: contentPath)
        var sizes: [ImageSize?] = []
        document.imagesInOrder { image in
            sizes.append(image.url.flatMap { SiteLinks.contentFile($0, from: directory) }.flatMap { imageSizes[$0.contentPath] })
        }
        document.walk { node, entering in
            guard entering, node.kind == .link || node.kind == .image, let url = node.url else { return }
            // Images and files are copied to Output/ under their Content/ path; the page is one folder down.
            if let file = SiteLinks.contentFile(url, from: directory) {
                node.setURL(SiteLinks.pageAddress(ofContentFile: file.written, suffix: file.suffix))
                return
            }
            guard node.kind == .link,
                  case .page(let slug, let fragment) = SiteLinks.articleLink(url, from: directory, slugs: slugsByContentPath) else { return }
            node.setURL("../" + PageAddress.href(slug) + "/" + (fragment.map { "#" + $0 } ?? ""))
        }
        return sizes
    }
}
