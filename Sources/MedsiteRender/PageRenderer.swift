import MedsiteBase
import MedsiteParse
import MedsiteValidate

/// Renders pages through the theme and guarantees that every article page carries its disclaimer
/// and its review dates, and an overdue page its due-for-review notice, whatever the templates do.
public struct PageRenderer: Sendable {
    let theme: Theme
    let settings: SiteSettings
    /// Content path (`diabetes/diet.md`) → address (`Article.address`), for rewriting links written
    /// as source files.
    let slugsByContentPath: [String: String]
    /// Content/'s images by their path there (`ImageSize.table`), for `width` and `height`.
    let imageSizes: [String: ImageSize]
    /// Home, condition, tag, search and 404 pages of the site's language, and the navigation its
    /// article pages show.
    package let sitePages: SitePages
    /// The same for each translation language with pages, in medsite.yml's order.
    package let languagePages: [SitePages]
    /// Withheld articles whose address shows the "being reviewed" page.
    let held: [Article]
    /// Each snippet's HTML by name, rendered once per build with its care-card headings at level 2
    /// (`snippet(_:atLevel:)` moves them under the section each page includes it in), for pages one
    /// folder below the site's root; `translationSnippetHTML` the same for pages two folders below.
    let snippetHTML: [String: String]
    let translationSnippetHTML: [String: String]

    /// `published` are the articles that get pages (all of `articles` when nil); `held` the withheld
    /// ones whose address shows that they are being reviewed. `today` is the build day: pages past
    /// their next review on it carry a notice (nil: none do).
    public init(theme: Theme, settings: SiteSettings, articles: [Article], published: [Article]? = nil, held: [Article] = [],
                today: CalendarDate?, imageSizes: [String: ImageSize] = [:], snippets: SnippetLibrary = .empty) {
        self.theme = theme
        self.imageSizes = imageSizes
        self.settings = settings
        self.held = held
        let published = published ?? articles
        var slugs: [String: String] = [:]
        for article in articles { slugs[article.source.contentPath] = article.address }
        self.slugsByContentPath = slugs
        snippetHTML = Self.renderSnippets(snippets, settings: settings, slugs: slugs, imageSizes: imageSizes, root: "../")
        translationSnippetHTML = settings.languages.isEmpty ? [:]
            : Self.renderSnippets(snippets, settings: settings, slugs: slugs, imageSizes: imageSizes, root: "../../")
        guard !settings.languages.isEmpty else {
            sitePages = SitePages(theme: theme, settings: settings,
                                  navigation: SiteNavigation(articles: published, generalHealth: settings.texts["general_health"]), today: today)
            languagePages = []
            return
        }
        let addresses = Set(published.map(\.address))
        let translations = SiteTranslations(settings: settings, articles: articles, isPublished: { addresses.contains($0.address) })
        var byLanguage: [String: [Article]] = [:]
        for article in published { byLanguage[article.languageCode ?? "", default: []].append(article) }
        let heldLanguages = Set(held.compactMap(\.languageCode))
        let withPages = translations.languages.filter { language in
            language.code.map { byLanguage[$0] != nil || heldLanguages.contains($0) } ?? true
        }
        func pages(_ code: String?) -> SitePages {
            let localized = settings.localized(code)
            return SitePages(theme: theme, settings: localized,
                             navigation: SiteNavigation(articles: byLanguage[code ?? ""] ?? [], generalHealth: localized.texts["general_health"]),
                             today: today, translations: translations, homes: withPages)
        }
        sitePages = pages(nil)
        languagePages = withPages.compactMap(\.code).map(pages)
    }

    /// For re-rendering a few article pages of an otherwise unchanged site (the build cache): the
    /// condition names of each language come from the previous build (`conditions`, by language
    /// code, "" for the site's), and so do the translations; home and site pages are not rendered with it.
    package init(theme: Theme, settings: SiteSettings, slugsByContentPath: [String: String],
                 conditions: [String: [(id: String, name: String, icd10: String?)]],
                 translations: SiteTranslations, today: CalendarDate?, imageSizes: [String: ImageSize] = [:],
                 snippets: SnippetLibrary = .empty) {
        self.theme = theme
        self.imageSizes = imageSizes
        self.settings = settings
        self.slugsByContentPath = slugsByContentPath
        self.held = []
        self.snippetHTML = Self.renderSnippets(snippets, settings: settings, slugs: slugsByContentPath, imageSizes: imageSizes, root: "../")
        self.translationSnippetHTML = settings.languages.isEmpty ? [:]
            : Self.renderSnippets(snippets, settings: settings, slugs: slugsByContentPath, imageSizes: imageSizes, root: "../../")
        func pages(_ code: String?) -> SitePages {
            let localized = settings.localized(code)
            return SitePages(theme: theme, settings: localized,
                             navigation: SiteNavigation(conditionNames: conditions[code ?? ""] ?? [], generalHealth: localized.texts["general_health"]),
                             today: today, translations: translations)
        }
        self.sitePages = pages(nil)
        self.languagePages = settings.languages.map { pages($0.code) }
    }

    /// The pages of a language (nil: the site's own).
    package func pages(for code: String?) -> SitePages {
        guard let code else { return sitePages }
        return languagePages.first { $0.settings.languageCode == code } ?? sitePages
    }

    /// Each snippet as a page shows it. Parsed again from its text (a few hundred bytes) rather than
    /// from the library's tree, which validation reads on other threads; links are rewritten as on a
    /// page `root` below the site's root.
    static func renderSnippets(_ snippets: SnippetLibrary, settings: SiteSettings, slugs: [String: String],
                               imageSizes: [String: ImageSize], root: String) -> [String: String] {
        var result: [String: String] = [:]
        for snippet in snippets.ordered {
            let article = snippet.article
            let document = MarkdownDocument(markdown: article.body, lineOffset: article.document.lineOffset)
            _ = document.formCareCards(wording: settings.careCardWording, file: article.source.relativePath, snippets: .insideSnippet)
            let sizes = rewriteSourceLinks(in: document, contentPath: article.source.contentPath, slugs: slugs,
                                           imageSizes: imageSizes, root: root)
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
        let snippets = article.languageCode == nil ? snippetHTML : translationSnippetHTML
        article.document.fillSnippetIncludes { include in
            snippets[include.name].map { Self.snippet($0, atLevel: include.headingLevel) }
        }
        let imageSizes = rewriteSourceLinks(in: article)
        let pages = pages(for: article.languageCode)
        let context = pages.articleContext(article, bodyHTML: article.document.renderHTML(imageSizes: imageSizes))
        var html = theme.render("article", context)
        var inserted: [String] = []
        let frontMatter = article.frontMatter
        let settings = pages.settings, texts = pages.texts
        let disclaimer = HTML.escape(settings.disclaimerText(for: frontMatter.disclaimer) ?? "")
        if !html.containsBytes(disclaimer) || !html.containsBytes("data-medsite=\"disclaimer\"") {
            html = HTML.insert(theme.renderBuiltIn("partials/disclaimer", context), into: html)
            inserted.append("disclaimer")
        }
        // The labels as the theme writes them (`{{{text.page_last_reviewed}}} {{review.last_reviewed}}`).
        if let last = frontMatter.lastReviewed, let next = article.nextReview,
           !html.containsBytes("\(HTML.escapeKeepingApostrophes(texts["page_last_reviewed"])) \(HTML.escape(texts.date(last)))")
            || !html.containsBytes("\(HTML.escapeKeepingApostrophes(texts["next_review_due"])) \(HTML.escape(texts.date(next)))") {
            html = HTML.insert(theme.renderBuiltIn("partials/review", context), into: html)
            inserted.append("review")
        }
        // A page published past its next review tells patients so, also under a theme older than the notice.
        if (context["review"] as? TemplateValues)?["is_overdue"] != nil, !html.containsBytes("data-medsite=\"overdue\"") {
            html = HTML.insert(theme.renderBuiltIn("partials/overdue", context), into: html)
            inserted.append("overdue")
        }
        return RenderedPage(path: article.outputPath, bytes: html, inserted: inserted)
    }

    public func renderHome(_ articles: [Article]) -> RenderedPage {
        RenderedPage(path: "index.html", bytes: theme.render("home", sitePages.homeContext()), inserted: [])
    }

    /// One page (or the feeds) that is not an article's: they need front matter and headings only.
    package enum SiteJob: Sendable {
        case home
        case page(SitePages.Job)
        /// sitemap.xml (every language), robots.txt and the site language's feed.xml.
        case feeds
        /// Pages at old addresses (`aliases:`) and `_redirects`.
        case redirects
        /// The same pages of a translation language (`languagePages` position).
        case languageHome(Int)
        case languagePage(Int, SitePages.Job)
        case languageFeed(Int)
        /// The "being reviewed" page at a withheld article's address (`held` position).
        case reviewing(Int)
    }

    /// The home page first (the longest: it lists every article), then the condition, topic, search
    /// and 404 pages, then sitemap.xml, robots.txt and feed.xml; then each translation language's.
    package var siteJobs: [SiteJob] {
        var jobs: [SiteJob] = [.home] + sitePages.jobs.map(SiteJob.page) + [.feeds, .redirects]
        for (index, pages) in languagePages.enumerated() {
            jobs += [.languageHome(index)] + pages.jobs.map { SiteJob.languagePage(index, $0) } + [.languageFeed(index)]
        }
        return jobs + held.indices.map(SiteJob.reviewing)
    }

    package func render(_ job: SiteJob) -> [RenderedPage] {
        switch job {
        case .home: [renderHome(sitePages.articles)]
        case .page(let page): [sitePages.render(page)]
        case .feeds:
            Feeds.render(languages: ([sitePages] + languagePages).map { Feeds.Language(settings: $0.settings, navigation: $0.navigation) },
                         translations: languagePages.isEmpty ? nil : sitePages.translations)
        case .redirects:
            // Joined, not copied: a copy of every article is ~0.5 KB each.
            Redirects.render(articles: (([sitePages] + languagePages).map(\.articles) + [held]).joined(), settings: settings)
        case .languageHome(let index):
            [RenderedPage(path: languagePages[index].folder + "index.html", bytes: theme.render("home", languagePages[index].homeContext()),
                          inserted: [])]
        case .languagePage(let index, let page): [languagePages[index].render(page)]
        case .languageFeed(let index):
            [Feeds.atomPage(Feeds.Language(settings: languagePages[index].settings, navigation: languagePages[index].navigation))]
        case .reviewing(let index): [pages(for: held[index].languageCode).reviewingPage(at: held[index].url)]
        }
    }

    /// `[x](other.md#part)` → `../other-slug/#part`, `![…](rash.png)` → `../rash.png`: editors link
    /// to files, readers follow addresses.
    /// Returns the size of each image the page shows, in document order (nil where unknown).
    @discardableResult
    func rewriteSourceLinks(in article: Article) -> [ImageSize?] {
        // From the page's folder back to the site's root: `../`, or `../../` for a translation.
        let root = article.languageCode == nil ? "../" : PageContext.root(forPath: article.url)
        return Self.rewriteSourceLinks(in: article.document, contentPath: article.source.contentPath, slugs: slugsByContentPath,
                                       imageSizes: imageSizes, root: root)
    }

    static func rewriteSourceLinks(in document: MarkdownDocument, contentPath: String, slugs slugsByContentPath: [String: String],
                                   imageSizes: [String: ImageSize], root: String) -> [ImageSize?] {
        let directory = SiteLinks.folder(of: contentPath)
        var sizes: [ImageSize?] = []
        document.imagesInOrder { image in
            sizes.append(image.url.flatMap { SiteLinks.contentFile($0, from: directory) }.flatMap { imageSizes[$0.contentPath] })
        }
        document.walk { node, entering in
            guard entering, node.kind == .link || node.kind == .image, let url = node.url else { return }
            // Images and files are copied to Output/ under their Content/ path; the page is one folder down.
            if let file = SiteLinks.contentFile(url, from: directory) {
                node.setURL(SiteLinks.pageAddress(ofContentFile: file.written, suffix: file.suffix, root: root))
                return
            }
            guard node.kind == .link,
                  case .page(let slug, let fragment) = SiteLinks.articleLink(url, from: directory, slugs: slugsByContentPath) else { return }
            node.setURL(root + PageAddress.href(slug) + "/" + (fragment.map { "#" + $0 } ?? ""))
        }
        return sizes
    }
}
