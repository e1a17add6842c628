import MedsiteBase
import MedsiteParse
import MedsiteValidate

/// Files for machines: `sitemap.xml`, `robots.txt` and the Atom feed `feed.xml`.
/// Every date comes from the content (`Article.lastModified`: the review, the change log, the
/// reviews of included snippets), never from the clock, so builds stay reproducible.
enum Feeds {
    /// How many recently reviewed pages the feed carries.
    static let feedLimit = 50

    /// sitemaps.org: at most 50,000 addresses in one sitemap file; past that, sitemap.xml is an index.
    static let sitemapURLLimit = 50_000

    static func render(articles: [Article], navigation: SiteNavigation, settings: SiteSettings,
                       sitemapLimit: Int = sitemapURLLimit) -> [RenderedPage] {
        sitemaps(articles: articles, navigation: navigation, settings: settings, limit: sitemapLimit) + [
            RenderedPage(path: "robots.txt", html: robots(settings: settings), inserted: []),
            RenderedPage(path: "feed.xml", html: atom(articles: articles, settings: settings), inserted: []),
        ]
    }

    /// sitemap.xml alone up to `limit` addresses; beyond, sitemap-1.xml, sitemap-2.xml, … of `limit`
    /// each, and sitemap.xml an index of them (robots.txt names sitemap.xml either way).
    static func sitemaps(articles: [Article], navigation: SiteNavigation, settings: SiteSettings, limit: Int) -> [RenderedPage] {
        let entries = sitemapEntries(articles: articles, navigation: navigation)
        guard entries.count > limit else {
            return [RenderedPage(path: "sitemap.xml", html: urlset(entries, settings: settings), inserted: [])]
        }
        var pages: [RenderedPage] = []
        var index = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (number, start) in stride(from: 0, to: entries.count, by: limit).enumerated() {
            let part = Array(entries[start..<min(start + limit, entries.count)])
            let name = "sitemap-\(number + 1).xml"
            pages.append(RenderedPage(path: name, html: urlset(part, settings: settings), inserted: []))
            index += "<sitemap><loc>\(xmlEscape(settings.baseURL + name))</loc>"
            if let newest = part.compactMap(\.lastModified).max() { index += "<lastmod>\(newest.iso)</lastmod>" }
            index += "</sitemap>\n"
        }
        return [RenderedPage(path: "sitemap.xml", html: index + "</sitemapindex>\n", inserted: [])] + pages
    }

    /// Every published page with its review date: home, articles, condition pages, topics and search.
    static func sitemap(articles: [Article], navigation: SiteNavigation, settings: SiteSettings) -> String {
        urlset(sitemapEntries(articles: articles, navigation: navigation), settings: settings)
    }

    static func sitemapEntries(articles: [Article], navigation: SiteNavigation) -> [(path: String, lastModified: CalendarDate?)] {
        var entries: [(path: String, lastModified: CalendarDate?)] = [("", newest(articles))]
        entries += articles.sorted { $0.url < $1.url }.map { ($0.url, $0.lastModified) }
        entries += navigation.conditions.map { (SiteNavigation.conditionPath($0.id), newest($0.members, of: navigation.articles)) }
        entries.append((SiteNavigation.tagsPath, newest(articles)))
        entries += navigation.tags.map { (SiteNavigation.tagPath($0.id), newest($0.members, of: navigation.articles)) }
        entries.append((SiteNavigation.searchPath, newest(articles)))
        return entries
    }

    static func urlset(_ entries: [(path: String, lastModified: CalendarDate?)], settings: SiteSettings) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for entry in entries {
            xml += "<url><loc>\(xmlEscape(settings.baseURL + PageAddress.href(entry.path)))</loc>"
            if let date = entry.lastModified { xml += "<lastmod>\(date.iso)</lastmod>" }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }

    static func robots(settings: SiteSettings) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(settings.baseURL)sitemap.xml\n"
    }

    /// Atom 1.0: the most recently reviewed or changed pages first; an entry's `updated` is the day
    /// its page last changed (`Article.lastModified`), and a change-log entry of that day is its news.
    static func atom(articles: [Article], settings: SiteSettings) -> String {
        let recent = articles.sorted {
            let a = $0.lastModified?.daysSinceEpoch ?? Int.min, b = $1.lastModified?.daysSinceEpoch ?? Int.min
            return a != b ? a > b : $0.slug < $1.slug
        }.prefix(feedLimit)
        let updated = timestamp(newest(articles))
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(xmlEscape(settings.language))">
        <title>\(xmlEscape(settings.title))</title>
        <subtitle>Recently reviewed and updated pages</subtitle>
        <id>\(xmlEscape(settings.baseURL))</id>
        <link rel="self" href="\(xmlEscape(settings.baseURL))feed.xml"/>
        <link rel="alternate" type="text/html" href="\(xmlEscape(settings.baseURL))"/>
        <updated>\(updated)</updated>
        <author><name>\(xmlEscape(settings.title))</name></author>

        """
        for article in recent {
            let url = xmlEscape(settings.baseURL + PageAddress.href(article.url))
            let reviewers = article.frontMatter.reviewers.map { [$0.name, $0.credentials].compactMap { $0 }.joined(separator: ", ") }
            xml += "<entry>\n<title>\(xmlEscape(article.title))</title>\n<id>\(url)</id>\n"
            xml += "<link rel=\"alternate\" type=\"text/html\" href=\"\(url)\"/>\n"
            xml += "<updated>\(timestamp(article.lastModified))</updated>\n"
            if let condition = article.frontMatter.condition {
                xml += "<category term=\"\(xmlEscape(condition.name))\"/>\n"
            }
            var summary = article.frontMatter.description ?? ""
            if let change = article.newestChange, change.date == article.lastModified {
                let kind = change.kind == .clinical ? "Medical advice updated" : "Minor correction"
                let said = change.summary.hasSuffix(".") ? change.summary : change.summary + "."
                summary = "\(kind) on \(change.date.long): \(said) " + summary
            }
            if !reviewers.isEmpty { summary += (summary.isEmpty ? "" : " ") + "Reviewed by \(reviewers.joined(separator: "; "))." }
            xml += "<summary>\(xmlEscape(summary))</summary>\n</entry>\n"
        }
        return xml + "</feed>\n"
    }

    static func newest(_ articles: [Article]) -> CalendarDate? {
        articles.compactMap(\.lastModified).max()
    }

    static func newest(_ members: [Int], of articles: [Article]) -> CalendarDate? {
        members.compactMap { articles[$0].lastModified }.max()
    }

    /// A review day as an Atom date-time; a feed with no dated page uses the Unix epoch rather than the clock.
    static func timestamp(_ date: CalendarDate?) -> String {
        (date?.iso ?? "1970-01-01") + "T00:00:00Z"
    }

    /// HTML escaping, minus the characters XML 1.0 forbids outright (C0 controls other than tab and newlines).
    static func xmlEscape(_ text: String) -> String {
        var cleaned = text
        if text.unicodeScalars.contains(where: isForbiddenInXML) {
            cleaned = String(String.UnicodeScalarView(text.unicodeScalars.filter { !isForbiddenInXML($0) }))
        }
        return HTML.escape(cleaned)
    }

    static func isForbiddenInXML(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }
}
