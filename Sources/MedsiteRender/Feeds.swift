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

    /// One language's part of the site: its folder (`""`, `es/`), its settings (localized) and
    /// its published articles, grouped.
    struct Language {
        let settings: SiteSettings
        let navigation: SiteNavigation
        var folder: String { settings.languageFolder }
    }

    /// One address of the sitemap, with the addresses of its translations (`hreflang` → path).
    struct Entry {
        let path: String
        let lastModified: CalendarDate?
        var alternates: [(hreflang: String, path: String)] = []
    }

    static func render(articles: [Article], navigation: SiteNavigation, settings: SiteSettings,
                       sitemapLimit: Int = sitemapURLLimit) -> [RenderedPage] {
        render(languages: [Language(settings: settings, navigation: navigation)], translations: nil, sitemapLimit: sitemapLimit)
    }

    /// The sitemap of every language, robots.txt, and the site language's feed.xml (the other
    /// languages' feeds are `atomPage` jobs of their own).
    static func render(languages: [Language], translations: SiteTranslations?, sitemapLimit: Int = sitemapURLLimit) -> [RenderedPage] {
        let site = languages[0]
        return sitemaps(entries: sitemapEntries(languages: languages, translations: translations), settings: site.settings, limit: sitemapLimit) + [
            RenderedPage(path: "robots.txt", html: robots(settings: site.settings), inserted: []),
            atomPage(site),
        ]
    }

    /// `feed.xml` of one language, in its folder.
    static func atomPage(_ language: Language) -> RenderedPage {
        RenderedPage(path: language.folder + "feed.xml", html: atom(articles: language.navigation.articles, settings: language.settings), inserted: [])
    }

    /// sitemap.xml alone up to `limit` addresses; beyond, sitemap-1.xml, sitemap-2.xml, … of `limit`
    /// each, and sitemap.xml an index of them (robots.txt names sitemap.xml either way).
    static func sitemaps(articles: [Article], navigation: SiteNavigation, settings: SiteSettings, limit: Int) -> [RenderedPage] {
        sitemaps(entries: sitemapEntries(languages: [Language(settings: settings, navigation: navigation)], translations: nil),
                 settings: settings, limit: limit)
    }

    static func sitemaps(entries: [Entry], settings: SiteSettings, limit: Int) -> [RenderedPage] {
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

    static func sitemapEntries(articles: [Article], navigation: SiteNavigation) -> [Entry] {
        sitemapEntries(languages: [Language(settings: SiteSettings(), navigation: navigation)], translations: nil)
    }

    /// Each language's home, articles, condition pages, topics and search page, the site's language
    /// first; articles with translations and the home pages name each other (`xhtml:link`).
    static func sitemapEntries(languages: [Language], translations: SiteTranslations?) -> [Entry] {
        var entries: [Entry] = []
        let homeAlternates: [(hreflang: String, path: String)] = languages.count > 1
            ? languages.map { ($0.settings.language, $0.folder) } + [("x-default", "")] : []
        for language in languages {
            let navigation = language.navigation, articles = navigation.articles, folder = language.folder
            entries.append(Entry(path: folder, lastModified: newest(articles), alternates: homeAlternates))
            entries += articles.indices.sorted { articles[$0].url < articles[$1].url }.map { index in
                let article = articles[index]
                return Entry(path: article.url, lastModified: article.lastModified,
                             alternates: translations.map { alternates(of: article, in: $0) } ?? [])
            }
            entries += navigation.conditions.map { Entry(path: folder + SiteNavigation.conditionPath($0.id), lastModified: newest($0.members, of: articles)) }
            entries.append(Entry(path: folder + SiteNavigation.tagsPath, lastModified: newest(articles)))
            entries += navigation.tags.map { Entry(path: folder + SiteNavigation.tagPath($0.id), lastModified: newest($0.members, of: articles)) }
            entries.append(Entry(path: folder + SiteNavigation.searchPath, lastModified: newest(articles)))
        }
        return entries
    }

    static func alternates(of article: Article, in translations: SiteTranslations) -> [(hreflang: String, path: String)] {
        let members = translations.published(article.translationKey)
        guard !members.isEmpty else { return [] }
        var result = members.compactMap { member in translations.language(member.code).map { ($0.tag, member.url) } }
        if let original = members.first(where: { $0.code == nil }) { result.append(("x-default", original.url)) }
        return result
    }

    static func urlset(_ entries: [Entry], settings: SiteSettings) -> String {
        let linked = entries.contains { !$0.alternates.isEmpty }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""
            + (linked ? " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"" : "") + ">\n"
        for entry in entries {
            xml += "<url><loc>\(xmlEscape(settings.baseURL + PageAddress.href(entry.path)))</loc>"
            if let date = entry.lastModified { xml += "<lastmod>\(date.iso)</lastmod>" }
            for alternate in entry.alternates {
                xml += "<xhtml:link rel=\"alternate\" hreflang=\"\(xmlEscape(alternate.hreflang))\" href=\"\(xmlEscape(settings.baseURL + PageAddress.href(alternate.path)))\"/>"
            }
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
        // Positions sorted, each date worked out once: sorting the articles themselves copied them whole.
        let days = articles.map { $0.lastModified?.daysSinceEpoch ?? Int.min }
        let recent = articles.indices.sorted {
            days[$0] != days[$1] ? days[$0] > days[$1] : articles[$0].slug < articles[$1].slug
        }.prefix(feedLimit).map { articles[$0] }
        let updated = timestamp(newest(articles))
        let home = settings.baseURL + settings.languageFolder
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(xmlEscape(settings.language))">
        <title>\(xmlEscape(settings.title))</title>
        <subtitle>\(xmlEscape(settings.texts["feed_subtitle"]))</subtitle>
        <id>\(xmlEscape(home))</id>
        <link rel="self" href="\(xmlEscape(home))feed.xml"/>
        <link rel="alternate" type="text/html" href="\(xmlEscape(home))"/>
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
                let said = change.summary.hasSuffix(".") ? change.summary : change.summary + "."
                summary = settings.texts.format(change.kind == .clinical ? "feed_change_clinical" : "feed_change_minor",
                                                ["date": settings.texts.date(change.date), "summary": said]) + " " + summary
            }
            if !reviewers.isEmpty { summary += (summary.isEmpty ? "" : " ") + "\(settings.texts["reviewed_by"]) \(reviewers.joined(separator: "; "))." }
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
