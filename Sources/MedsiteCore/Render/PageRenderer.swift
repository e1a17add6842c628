/// A page ready to write: its path under Output/ and its bytes.
public struct RenderedPage: Sendable {
    public let path: String
    public let html: String
    /// Safety blocks medsite had to insert because the template left them out.
    public let inserted: [String]
}

/// Renders pages through the theme and guarantees that every article page carries its disclaimer
/// and its review dates, and an overdue page its due-for-review notice, whatever the templates do.
public struct PageRenderer: Sendable {
    let theme: Theme
    let settings: SiteSettings
    /// Content path (`diabetes/diet.md`) → slug, for rewriting links written as source files.
    let slugsByContentPath: [String: String]
    /// Condition, tag, search and 404 pages, and the navigation article pages show.
    let sitePages: SitePages

    /// `published` are the articles that get pages (all of `articles` when nil). `today` is the build
    /// day: pages past their next review on it carry a notice (nil: none do).
    public init(theme: Theme, settings: SiteSettings, articles: [Article], published: [Article]? = nil, today: CalendarDate?) {
        self.theme = theme
        self.settings = settings
        self.sitePages = SitePages(theme: theme, settings: settings, articles: published ?? articles, today: today)
        var slugs: [String: String] = [:]
        for article in articles { slugs[article.source.contentPath] = article.slug }
        self.slugsByContentPath = slugs
    }

    /// For re-rendering a few article pages of an otherwise unchanged site (the build cache): the
    /// navigation comes from the previous build; home and site pages are not rendered with it.
    init(theme: Theme, settings: SiteSettings, slugsByContentPath: [String: String], navigation: SiteNavigation,
         today: CalendarDate?) {
        self.theme = theme
        self.settings = settings
        self.slugsByContentPath = slugsByContentPath
        self.sitePages = SitePages(theme: theme, settings: settings, navigation: navigation, today: today)
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
    enum SiteJob: Sendable {
        case home
        case page(SitePages.Job)
        case feeds
    }

    /// The home page first (the longest: it lists every article), then the condition, topic, search
    /// and 404 pages, then sitemap.xml, robots.txt and feed.xml.
    var siteJobs: [SiteJob] {
        [.home] + sitePages.jobs.map(SiteJob.page) + [.feeds]
    }

    func render(_ job: SiteJob) -> [RenderedPage] {
        switch job {
        case .home: [renderHome(sitePages.articles)]
        case .page(let page): [sitePages.render(page)]
        case .feeds: Feeds.render(articles: sitePages.articles, navigation: sitePages.navigation, settings: settings)
        }
    }

    /// `[x](other.md#part)` → `../other-slug/#part`: editors link to files, readers follow addresses.
    func rewriteSourceLinks(in article: Article) {
        let directory = SiteLinks.folder(of: article.source.contentPath)
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
        if let answer = resolveASCII(url, from: directory, slugs: slugs) { return answer }
        return resolveByCharacter(url, from: directory, slugs: slugs)
    }

    static func resolveByCharacter(_ url: String, from directory: String,
                                   slugs: [String: String]) -> (slug: String, fragment: String?)? {
        guard !url.contains(":"), !url.hasPrefix("/"), !url.hasPrefix("#") else { return nil }
        let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        guard path.hasSuffix(".md") else { return nil }
        guard let resolved = normalize(path, from: directory), let slug = slugs[resolved] else { return nil }
        return (slug, parts.count > 1 ? String(parts[1]) : nil)
    }

    /// The folder part of a content path: `diabetes/diet.md` → `diabetes`.
    static func folder(of contentPath: String) -> String {
        var path = contentPath
        let ascii: String? = path.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            // Empty components are dropped, as `split(separator:)` drops them.
            let parts = bytes.split(separator: UInt8(ascii: "/")).dropLast()
            return parts.map { String(decoding: UnsafeBufferPointer(rebasing: $0), as: UTF8.self) }.joined(separator: "/")
        }
        return ascii ?? contentPath.split(separator: "/").dropLast().joined(separator: "/")
    }

    /// `resolveSourceLink` on the bytes of an ASCII address and folder, where a Character is one
    /// byte (splitting by Character cost ~25 k instructions a link). `.none` when either is not ASCII.
    static func resolveASCII(_ url: String, from directory: String,
                             slugs: [String: String]) -> (slug: String, fragment: String?)?? {
        var url = url
        var directory = directory
        return url.withUTF8 { url -> (slug: String, fragment: String?)?? in
            directory.withUTF8 { directory -> (slug: String, fragment: String?)?? in
                guard url.allSatisfy({ $0 < 0x80 }), directory.allSatisfy({ $0 < 0x80 }) else { return .none }
                guard !url.contains(UInt8(ascii: ":")), url.first != UInt8(ascii: "/"), url.first != UInt8(ascii: "#") else {
                    return .some(nil)
                }
                let hash = url.firstIndex(of: UInt8(ascii: "#")) ?? url.count
                let path = UnsafeBufferPointer(rebasing: url[..<hash])
                guard path.count >= 3, path[path.count - 3] == UInt8(ascii: "."), path[path.count - 2] == UInt8(ascii: "m"),
                      path[path.count - 1] == UInt8(ascii: "d") else { return .some(nil) }
                var components = directory.split(separator: UInt8(ascii: "/"))
                for part in path.split(separator: UInt8(ascii: "/")) {
                    if part.count == 1, part[part.startIndex] == UInt8(ascii: ".") { continue }
                    if part.count == 2, part[part.startIndex] == UInt8(ascii: "."), part[part.startIndex + 1] == UInt8(ascii: ".") {
                        guard !components.isEmpty else { return .some(nil) }
                        components.removeLast()
                    } else {
                        components.append(part)
                    }
                }
                var resolved: [UInt8] = []
                resolved.reserveCapacity(directory.count + path.count + 1)
                for (index, component) in components.enumerated() {
                    if index > 0 { resolved.append(UInt8(ascii: "/")) }
                    resolved.append(contentsOf: component)
                }
                guard let slug = slugs[String(decoding: resolved, as: UTF8.self)] else { return .some(nil) }
                let fragment = hash < url.count
                    ? String(decoding: UnsafeBufferPointer(rebasing: url[(hash + 1)...]), as: UTF8.self) : nil
                return .some((slug, fragment))
            }
        }
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
