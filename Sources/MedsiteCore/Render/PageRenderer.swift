/// A page ready to write: its path under Output/ and its bytes.
public struct RenderedPage: Sendable {
    public let path: String
    public let html: String
    /// Safety blocks medsite had to insert because the template left them out.
    public let inserted: [String]
}

/// Renders pages through the theme and guarantees that every article page carries its disclaimer
/// and its review dates, whatever the templates do.
public struct PageRenderer: Sendable {
    let theme: Theme
    let settings: SiteSettings
    /// Content path (`diabetes/diet.md`) → slug, for rewriting links written as source files.
    let slugsByContentPath: [String: String]
    /// Condition, tag, search and 404 pages, and the navigation article pages show.
    let sitePages: SitePages

    /// `published` are the articles that get pages (all of `articles` when nil).
    public init(theme: Theme, settings: SiteSettings, articles: [Article], published: [Article]? = nil) {
        self.theme = theme
        self.settings = settings
        self.sitePages = SitePages(theme: theme, settings: settings, articles: published ?? articles)
        var slugs: [String: String] = [:]
        for article in articles { slugs[article.source.contentPath] = article.slug }
        self.slugsByContentPath = slugs
    }

    /// For re-rendering a few article pages of an otherwise unchanged site (the build cache): the
    /// navigation comes from the previous build; home and site pages are not rendered with it.
    init(theme: Theme, settings: SiteSettings, slugsByContentPath: [String: String], navigation: SiteNavigation) {
        self.theme = theme
        self.settings = settings
        self.slugsByContentPath = slugsByContentPath
        self.sitePages = SitePages(theme: theme, settings: settings, navigation: navigation)
    }

    public func renderArticle(_ article: Article) -> RenderedPage {
        rewriteSourceLinks(in: article)
        let context = sitePages.articleContext(article, bodyHTML: article.document.renderHTML())
        var html = theme.render("article", context)
        var inserted: [String] = []
        let frontMatter = article.frontMatter
        let disclaimer = HTML.escape(settings.disclaimerText(for: frontMatter.disclaimer) ?? "")
        if !html.containsBytes(disclaimer) || !html.containsBytes("data-medsite=\"disclaimer\"") {
            html = HTML.insert(theme.renderBuiltIn("partials/disclaimer", context), into: html)
            inserted.append("disclaimer")
        }
        if let last = frontMatter.lastReviewed, let next = frontMatter.nextReview,
           !html.containsBytes("Page last reviewed: \(last.long)") || !html.containsBytes("Next review due: \(next.long)") {
            html = HTML.insert(theme.renderBuiltIn("partials/review", context), into: html)
            inserted.append("review")
        }
        return RenderedPage(path: article.outputPath, html: html, inserted: inserted)
    }

    public func renderHome(_ articles: [Article]) -> RenderedPage {
        RenderedPage(path: "index.html", html: theme.render("home", sitePages.homeContext()), inserted: [])
    }

    /// Condition, topic, search and 404 pages, then sitemap.xml, robots.txt and feed.xml.
    public func renderSitePages() -> [RenderedPage] {
        sitePages.render() + Feeds.render(articles: sitePages.articles, navigation: sitePages.navigation, settings: settings)
    }

    /// `[x](other.md#part)` → `../other-slug/#part`: editors link to files, readers follow addresses.
    func rewriteSourceLinks(in article: Article) {
        let directory = article.source.contentPath.split(separator: "/").dropLast().joined(separator: "/")
        article.document.walk { node, entering in
            guard entering, node.kind == .link, let url = node.url,
                  let target = SiteLinks.resolveSourceLink(url, from: directory, slugs: slugsByContentPath) else { return }
            node.setURL("../" + target.slug + "/" + (target.fragment.map { "#" + $0 } ?? ""))
        }
    }
}

/// Resolving links between articles.
public enum SiteLinks {
    /// A relative link to a `.md` file: the article it names (by slug) and its `#fragment`.
    public static func resolveSourceLink(_ url: String, from directory: String,
                                         slugs: [String: String]) -> (slug: String, fragment: String?)? {
        guard !url.contains(":"), !url.hasPrefix("/"), !url.hasPrefix("#") else { return nil }
        let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        guard path.hasSuffix(".md") else { return nil }
        guard let resolved = normalize(path, from: directory), let slug = slugs[resolved] else { return nil }
        return (slug, parts.count > 1 ? String(parts[1]) : nil)
    }

    /// Joins a relative path onto a folder, resolving `.` and `..`; nil when it climbs above the root.
    public static func normalize(_ path: String, from directory: String) -> String? {
        var components = directory.isEmpty ? [] : directory.split(separator: "/").map(String.init)
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !components.isEmpty else { return nil }
                components.removeLast()
            } else {
                components.append(String(part))
            }
        }
        return components.joined(separator: "/")
    }
}
