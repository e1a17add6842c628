import MedsiteBase
import MedsiteParse
import MedsiteValidate

/// The pages of one language of the site besides its articles: home, condition and tag pages, the
/// search page (and, for the site's own language, 404.html); plus the extra values article
/// templates see. A site translated into other languages has one of these per language, each under
/// its folder (`es/`), with its settings `localized`.
package struct SitePages: Sendable {
    let theme: Theme
    /// Localized for this language.
    package let settings: SiteSettings
    package let navigation: SiteNavigation
    /// The build day: an article past its `next_review` on it shows that it is due for review.
    let today: CalendarDate?
    /// Which pages translate each other, and which languages have pages (their home pages link to
    /// each other).
    package let translations: SiteTranslations
    let homes: [SiteTranslations.Language]
    var articles: [Article] { navigation.articles }
    /// "" for the site's language, `es/` for Spanish: where this language's pages are in Output/.
    package var folder: String { settings.languageFolder }
    var texts: ThemeTexts { settings.texts }

    // Values that are the same on every page that shows them, built once per build rather than per page.
    private let siteValues: TemplateValues
    private let textValues: TemplateValues
    private let disclaimers: [String: TemplateValues]
    /// Topic name → its `{name, url}` link.
    private let tagLinks: [String: TemplateValues]
    /// `groupValues` of each condition and each tag, in `navigation` order.
    private let conditionValues: [TemplateValues]
    private let tagValues: [TemplateValues]

    init(theme: Theme, settings: SiteSettings, articles: [Article], today: CalendarDate?) {
        self.init(theme: theme, settings: settings, navigation: SiteNavigation(articles: articles, generalHealth: settings.texts["general_health"]),
                  today: today)
    }

    /// `navigation.articles` are the articles that get pages (none when the build cache re-renders
    /// a few article pages with a previous build's condition names).
    init(theme: Theme, settings: SiteSettings, navigation: SiteNavigation, today: CalendarDate?,
         translations: SiteTranslations? = nil, homes: [SiteTranslations.Language] = []) {
        let articles = navigation.articles
        self.theme = theme
        self.settings = settings
        self.navigation = navigation
        self.today = today
        self.translations = translations ?? SiteTranslations(settings: settings, members: [])
        self.homes = homes
        siteValues = PageContext.site(settings)
        textValues = PageContext.texts(settings)
        var disclaimers: [String: TemplateValues] = [:]
        var tagLinks: [String: TemplateValues] = [:]
        let folder = settings.languageFolder
        for article in articles {
            let key = article.frontMatter.disclaimer
            if disclaimers[key] == nil { disclaimers[key] = PageContext.disclaimer(key: key, settings: settings) }
            for tag in article.frontMatter.tags where tagLinks[tag] == nil {
                tagLinks[tag] = Self.tagLink(tag, id: navigation.anchorID(for: tag), folder: folder)
            }
        }
        self.disclaimers = disclaimers
        self.tagLinks = tagLinks
        let texts = settings.texts
        let summaries = articles.parallelMap { Self.summaryValues($0, texts: texts) }
        conditionValues = navigation.conditions.map { group in
            Self.groupValues(group, summaries: summaries, path: { folder + SiteNavigation.conditionPath($0) }, texts: texts,
                             lead: "condition_lead")
        }
        tagValues = navigation.tags.map { group in
            Self.groupValues(group, summaries: summaries, path: { folder + SiteNavigation.tagPath($0) }, texts: texts, lead: "topic_lead")
        }
    }

    /// Articles with three or more `##` sections get a table of contents.
    static let tableOfContentsMinimum = 3

    // MARK: Addresses of this language's pages

    func conditionPath(_ id: String) -> String { folder + SiteNavigation.conditionPath(id) }
    func tagPath(_ id: String) -> String { folder + SiteNavigation.tagPath(id) }
    var tagsPath: String { folder + SiteNavigation.tagsPath }
    var searchPath: String { folder + SiteNavigation.searchPath }
    var homeCrumb: Breadcrumb { Breadcrumb(name: texts["home"], path: folder) }

    // MARK: Article and home values

    /// The article context plus navigation: breadcrumbs, table of contents, heading anchors,
    /// condition and tag addresses, structured data and Open Graph type, and its translations.
    func articleContext(_ article: Article, bodyHTML: String) -> TemplateValues {
        let frontMatter = article.frontMatter
        let values = PageContext.article(article, bodyHTML: HeadingAnchors.add(to: bodyHTML), texts: texts)
        let sections = article.document.headings.filter { $0.level == 2 }
        if sections.count >= Self.tableOfContentsMinimum {
            values["toc"] = ["items": sections.map { ["id": $0.id, "text": $0.text] as TemplateValues }] as TemplateValues
        }
        let condition = navigation.conditionGroup(of: article)
        let conditionValues: TemplateValues = ["name": frontMatter.condition?.name ?? condition.name]
        if let icd10 = frontMatter.condition?.icd10 { conditionValues["icd10"] = icd10 }
        conditionValues["url"] = PageAddress.href(conditionPath(condition.id))
        values["condition"] = conditionValues
        values["has_tags"] = !frontMatter.tags.isEmpty
        values["tags"] = frontMatter.tags.map { tagLinks[$0] ?? Self.tagLink($0, folder: folder) }

        let breadcrumbs = [homeCrumb, Breadcrumb(name: condition.name, path: conditionPath(condition.id)),
                           Breadcrumb(name: article.title, path: article.url)]
        let page = PageContext.page(title: article.title, description: frontMatter.description ?? "", path: article.url, settings: settings)
        page["og_type"] = "article"
        let context: TemplateValues = [
            "site": siteValues,
            "page": page,
            "root": PageContext.root(forPath: article.url),
            "article": values,
            "review": PageContext.review(article, today: today, texts: texts),
            "disclaimer": disclaimers[frontMatter.disclaimer] ?? PageContext.disclaimer(key: frontMatter.disclaimer, settings: settings),
            "breadcrumbs": Self.breadcrumbValues(breadcrumbs),
            "structured_data": StructuredData.article(article, settings: settings, breadcrumbs: breadcrumbs),
            "text": textValues,
            "home": home(forPath: article.url),
        ]
        if !translations.isEmpty { addTranslations(of: article, to: context) }
        return context
    }

    /// `alternates` (the `hreflang` links of every published translation, this page included, and
    /// `x-default`, the page in the site's language), `languages` (the switcher's links to the
    /// others) and, on a translation older than its original, `translation.stale`.
    private func addTranslations(of article: Article, to context: TemplateValues) {
        let members = translations.published(article.translationKey)
        if !members.isEmpty {
            context["alternates"] = alternates(members.map { ($0.code, $0.url) })
            context["languages"] = switcher(members.filter { $0.address != article.address }.map { ($0.code, $0.url) })
        }
        guard article.languageCode != nil, let source = translations.source(article.translationKey), source.published,
              let own = article.frontMatter.lastReviewed, let original = source.lastReviewed, original > own,
              let language = translations.language(nil) else { return }
        let notice = HTML.escapeKeepingApostrophes(texts["translation_stale"])
            .replacingOccurrences(of: "{date}", with: HTML.escape(texts.date(original)))
        context["translation"] = ["stale": ["notice": notice, "url": PageAddress.href(source.url), "title": source.title,
                                            "hreflang": language.tag] as TemplateValues] as TemplateValues
    }

    /// `<link rel="alternate" hreflang>` values: one per page, then `x-default`.
    private func alternates(_ pages: [(code: String?, path: String)]) -> [TemplateValues] {
        var result = pages.compactMap { page -> TemplateValues? in
            guard let language = translations.language(page.code) else { return nil }
            return ["hreflang": language.tag, "href": settings.baseURL + PageAddress.href(page.path)]
        }
        if let original = pages.first(where: { $0.code == nil }) {
            result.append(["hreflang": "x-default", "href": settings.baseURL + PageAddress.href(original.path)])
        }
        return result
    }

    /// The language switcher: links to the same page (or home page) in the other languages.
    private func switcher(_ pages: [(code: String?, path: String)]) -> TemplateValues {
        ["items": pages.compactMap { page -> TemplateValues? in
            guard let language = translations.language(page.code) else { return nil }
            let url = page.path.isEmpty || page.path == language.folder ? PageAddress.href(page.path) + "index.html" : PageAddress.href(page.path)
            return ["name": language.name, "hreflang": language.tag, "url": url]
        }]
    }

    /// On pages other than articles: links to the other languages' home pages.
    private func addHomeLinks(to context: TemplateValues, alternates withAlternates: Bool = false) {
        guard homes.count > 1 else { return }
        let others = homes.filter { $0.code != settings.languageCode }
        context["languages"] = switcher(others.map { ($0.code, $0.folder) })
        if withAlternates { context["alternates"] = alternates(homes.map { ($0.code, $0.folder) }) }
    }

    /// The relative path from a page at `path` to this language's home folder.
    func home(forPath path: String) -> String {
        path.hasPrefix(folder) ? PageContext.root(forPath: String(path.dropFirst(folder.count))) : PageContext.root(forPath: path) + folder
    }

    /// One letter of the A to Z index; letters without conditions are shown but lead nowhere.
    struct AlphabetLetter: Equatable {
        let letter: String
        let hasPages: Bool
    }

    /// A to Z, with any other first letters conditions have (`4`, `É`) where the conditions sort them.
    static func alphabet(withPages letters: [String]) -> [AlphabetLetter] {
        let withPages = Set(letters)
        let all = withPages.union("ABCDEFGHIJKLMNOPQRSTUVWXYZ".map(String.init))
        return all.sorted { ($0.lowercased(), $0) < ($1.lowercased(), $1) }
            .map { AlphabetLetter(letter: $0, hasPages: withPages.contains($0)) }
    }

    /// The home page: the A to Z of conditions, with a letter index to jump through it.
    func homeContext() -> TemplateValues {
        var letters: [TemplateValues] = []
        var lettersWithPages: [String] = []
        var conditions: [TemplateValues] = []
        var lastLetter: String?
        // A big site's home page names each condition and its page count; the condition pages list the articles.
        let listsArticles = articles.count <= ListingPages.homeArticleLimit
        for (index, group) in navigation.conditions.enumerated() {
            var entry = conditionValues[index]
            if !listsArticles {
                entry = entry.copy()
                entry["articles"] = [TemplateValues]()
                entry["has_articles"] = false
            }
            let letter = group.name.first.map { String($0).uppercased() } ?? "#"
            if lastLetter != letter {
                lastLetter = letter
                let id = "letter-" + PageAddress.segment(for: letter)
                letters.append(["letter": letter, "id": id])
                lettersWithPages.append(letter)
                // The condition page shares the group's values: add the letter to a copy.
                entry = entry.copy()
                entry["letter"] = letter
                entry["letter_id"] = id
            }
            conditions.append(entry)
        }
        let page = PageContext.page(title: settings.title, description: texts.format("home_description", ["title": settings.title]),
                                    path: folder, settings: settings)
        page["og_type"] = "website"
        let alphabet = Self.alphabet(withPages: lettersWithPages).map { entry -> TemplateValues in
            ["letter": entry.letter, "id": "letter-" + PageAddress.segment(for: entry.letter), "has_pages": entry.hasPages]
        }
        let context: TemplateValues = ["site": siteValues, "page": page, "root": PageContext.root(forPath: folder), "conditions": conditions,
                                       "letters": letters, "alphabet": alphabet, "text": textValues, "home": ""]
        addHomeLinks(to: context, alternates: true)
        return context
    }

    // MARK: Generated pages

    /// One generated page; `jobs` lists them in the order they are published.
    package enum Job: Sendable {
        /// A condition (or tag) page, and which of its pages (1 is the first, at the group's address).
        case condition(Int, page: Int)
        case tags
        case tag(Int, page: Int)
        case search
        case notFound
    }

    /// Every page is independent, so each is a job of its own: the build runs them on all cores,
    /// beside the article pages. One 404.html serves the whole site, in the site's language.
    var jobs: [Job] {
        var jobs: [Job] = []
        for (index, group) in navigation.conditions.enumerated() {
            jobs += (1...ListingPages.count(of: group.members.count)).map { Job.condition(index, page: $0) }
        }
        jobs.append(.tags)
        for (index, group) in navigation.tags.enumerated() {
            jobs += (1...ListingPages.count(of: group.members.count)).map { Job.tag(index, page: $0) }
        }
        jobs.append(.search)
        if settings.languageCode == nil { jobs.append(.notFound) }
        return jobs
    }

    func render(_ job: Job) -> RenderedPage {
        switch job {
        case .condition(let index, let number):
            let group = navigation.conditions[index]
            let first = conditionPath(group.id)
            let path = ListingPages.path(first, page: number)
            let context = pageContext(title: ListingPages.title(group.name, page: number, of: group.members.count, texts: texts),
                                      description: texts.format("condition_description", ["name": group.name]), path: path)
            context["breadcrumbs"] = Self.breadcrumbValues([homeCrumb, Breadcrumb(name: group.name, path: path)])
            context["condition"] = ListingPages.values(conditionValues[index], name: group.name, first: first, page: number,
                                                       of: group.members.count, texts: texts)
            return RenderedPage(path: path + "index.html", bytes: theme.render("condition", context), inserted: [])
        case .tags:
            let context = pageContext(title: texts["topics"], description: texts.format("topics_lead", ["title": settings.title]), path: tagsPath)
            context["breadcrumbs"] = Self.breadcrumbValues([homeCrumb, Breadcrumb(name: texts["topics"], path: tagsPath)])
            context["tags"] = tagValues
            return RenderedPage(path: tagsPath + "index.html", bytes: theme.render("tags", context), inserted: [])
        case .tag(let index, let number):
            let group = navigation.tags[index]
            let first = tagPath(group.id)
            let path = ListingPages.path(first, page: number)
            let context = pageContext(title: ListingPages.title(texts.format("topic_title", ["name": group.name]), page: number,
                                                                of: group.members.count, texts: texts),
                                      description: texts.format("condition_description", ["name": group.name]), path: path)
            context["breadcrumbs"] = Self.breadcrumbValues([homeCrumb, Breadcrumb(name: texts["topics"], path: tagsPath),
                                                            Breadcrumb(name: group.name, path: path)])
            context["tag"] = ListingPages.values(tagValues[index], name: group.name, first: first, page: number,
                                                 of: group.members.count, texts: texts)
            return RenderedPage(path: path + "index.html", bytes: theme.render("tag", context), inserted: [])
        case .search:
            let context = pageContext(title: texts["search"], description: texts.format("search_description", ["title": settings.title]),
                                      path: searchPath)
            context["noscript"] = noscript(home: home(forPath: searchPath))
            return RenderedPage(path: searchPath + "index.html", bytes: theme.render("search", context), inserted: [])
        case .notFound:
            let context = pageContext(title: texts["not_found_title"], description: texts.format("not_found_description", ["title": settings.title]),
                                      path: "404.html")
            // A server shows 404.html at any depth, so its links start from the site's own path, not `../`.
            context["root"] = Self.basePath(settings.baseURL)
            context["home"] = Self.basePath(settings.baseURL)
            (context["page"] as? TemplateValues)?["canonical"] = nil
            return RenderedPage(path: "404.html", bytes: theme.render("404", context), inserted: [])
        }
    }

    /// The page at a withheld article's address (a draft that was published before, or a page
    /// withheld under `review.overdue: unpublish`): says the page is being reviewed, gives the
    /// emergency advice and the ways on. Nothing of the article but its address and language.
    func reviewingPage(at path: String) -> RenderedPage {
        let context = pageContext(title: texts["reviewing_title"], description: texts["reviewing_lead"], path: path)
        (context["page"] as? TemplateValues)?["canonical"] = nil
        context["languages"] = nil
        return RenderedPage(path: path + "index.html", bytes: theme.render("reviewing", context), inserted: [])
    }

    /// The search page's words for readers without JavaScript, with its two links.
    private func noscript(home: String) -> String {
        HTML.escapeKeepingApostrophes(texts["search_noscript"])
            .replacingOccurrences(of: "{a_to_z}", with: "<a href=\"\(HTML.escape(home))index.html#a-to-z\">\(HTML.escapeKeepingApostrophes(texts["search_noscript_a_to_z"]))</a>")
            .replacingOccurrences(of: "{topics}", with: "<a href=\"\(HTML.escape(home))tags/\">\(HTML.escapeKeepingApostrophes(texts["search_noscript_topics"]))</a>")
    }

    /// `https://example.org/health/` → `/health/`.
    package static func basePath(_ baseURL: String) -> String {
        guard let scheme = baseURL.range(of: "://") else { return "/" }
        let rest = baseURL[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        let path = String(rest[slash...])
        return path.hasSuffix("/") ? path : path + "/"
    }

    // MARK: Values

    private func pageContext(title: String, description: String, path: String) -> TemplateValues {
        let page = PageContext.page(title: title, description: description, path: path, settings: settings)
        page["og_type"] = "website"
        let context: TemplateValues = ["site": siteValues, "page": page, "root": PageContext.root(forPath: path), "text": textValues,
                                       "home": home(forPath: path)]
        addHomeLinks(to: context)
        return context
    }

    private static func tagLink(_ tag: String, id: String? = nil, folder: String) -> TemplateValues {
        ["name": tag, "url": PageAddress.href(folder + SiteNavigation.tagPath(id ?? PageAddress.segment(for: tag)))]
    }

    private static func groupValues(_ group: SiteNavigation.Group, summaries: [TemplateValues],
                                    path: (String) -> String, texts: ThemeTexts, lead: String) -> TemplateValues {
        let countLabel = texts.pageCount(group.members.count)
        let values: TemplateValues = [
            "id": group.id, "name": group.name, "count": group.members.count,
            "count_label": countLabel,
            "has_articles": !group.members.isEmpty,
            "url": PageAddress.href(path(group.id)),
            "articles": group.members.map { summaries[$0] },
            "lead": HTML.escapeKeepingApostrophes(texts[lead])
                .replacingOccurrences(of: "{count}", with: HTML.escape(countLabel))
                .replacingOccurrences(of: "{name}", with: HTML.escape(group.name)),
        ]
        if let icd10 = group.icd10 { values["icd10"] = icd10 }
        return values
    }

    private static func summaryValues(_ article: Article, texts: ThemeTexts) -> TemplateValues {
        let values: TemplateValues = ["title": article.title, "url": PageAddress.href(article.url),
                                      "description": article.frontMatter.description ?? "",
                                      "is_short_answer": article.frontMatter.type == .shortAnswer]
        if let last = article.frontMatter.lastReviewed {
            values["last_reviewed"] = texts.date(last)
            values["last_reviewed_iso"] = last.iso
        }
        return values
    }

    /// `{"items": [...]}` rather than a bare list, so `{{#breadcrumbs}}` renders its wrapper once.
    /// The first is the language's home page (`index.html`, `es/index.html`, so the links work from disk too).
    private static func breadcrumbValues(_ crumbs: [Breadcrumb]) -> TemplateValues {
        ["items": crumbs.enumerated().map { index, crumb -> TemplateValues in
            let url = index == 0 ? PageAddress.href(crumb.path) + "index.html" : PageAddress.href(crumb.path)
            let values: TemplateValues = ["name": crumb.name, "url": url]
            if index == crumbs.count - 1 { values["is_current"] = true }
            return values
        }]
    }
}
