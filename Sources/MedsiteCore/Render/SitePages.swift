/// One step of a breadcrumb trail: a name and a site-relative address (`conditions/pml/`).
struct Breadcrumb: Sendable {
    let name: String
    let path: String
}

/// How the published articles are grouped for readers: by condition (the A to Z) and by tag.
/// Every group has its own page; ids are the anchor form of the name, so two spellings of one
/// condition ("Type 2 diabetes", "Type-2 diabetes") share a page.
struct SiteNavigation: Sendable {
    struct Group: Sendable {
        let id: String
        let name: String
        let icd10: String?
        let articles: [Article]
    }

    static let generalHealth = "General health"

    let conditions: [Group]
    let tags: [Group]
    private let conditionIndexByID: [String: Int]

    /// Only the condition names, as a previous build's navigation had them: enough for article pages
    /// (breadcrumbs, condition links) when the build cache re-renders a few of them.
    init(conditionNames: [(id: String, name: String, icd10: String?)]) {
        conditions = conditionNames.map { Group(id: $0.id, name: $0.name, icd10: $0.icd10, articles: []) }
        tags = []
        conditionIndexByID = Dictionary(conditions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    init(articles: [Article]) {
        conditions = Self.group(articles) { article in
            let name = article.frontMatter.condition?.name ?? Self.generalHealth
            return [(name, article.frontMatter.condition?.icd10)]
        }
        tags = Self.group(articles) { article in article.frontMatter.tags.map { ($0, nil) } }
        conditionIndexByID = Dictionary(conditions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    static func conditionPath(_ id: String) -> String { "conditions/\(id)/" }
    static func tagPath(_ id: String) -> String { "tags/\(id)/" }
    static let tagsPath = "tags/"
    static let searchPath = "search/"

    func conditionGroup(of article: Article) -> Group {
        let name = article.frontMatter.condition?.name ?? Self.generalHealth
        let id = MarkdownDocument.anchorID(for: name)
        guard let index = conditionIndexByID[id] else {
            // Not among the published articles (a caller rendering a draft): a group of its own.
            return Group(id: id, name: name, icd10: article.frontMatter.condition?.icd10, articles: [article])
        }
        return conditions[index]
    }

    /// Home → condition → article.
    func breadcrumbs(for article: Article) -> [Breadcrumb] {
        let condition = conditionGroup(of: article)
        return [Breadcrumb(name: "Home", path: ""), Breadcrumb(name: condition.name, path: Self.conditionPath(condition.id)),
                Breadcrumb(name: article.title, path: article.url)]
    }

    /// Groups sorted A to Z by name, articles in each sorted by title; the first spelling (A to Z) names the group.
    private static func group(_ articles: [Article], keys: (Article) -> [(name: String, icd10: String?)]) -> [Group] {
        var names: [String: (name: String, icd10: String?)] = [:]
        var members: [String: [Article]] = [:]
        for article in articles {
            var seen = Set<String>()
            for key in keys(article) {
                let id = MarkdownDocument.anchorID(for: key.name)
                guard seen.insert(id).inserted else { continue }
                if let existing = names[id] {
                    if (key.name, key.icd10 ?? "") < (existing.name, existing.icd10 ?? "") { names[id] = key }
                } else {
                    names[id] = key
                }
                members[id, default: []].append(article)
            }
        }
        return names.map { id, key in
            Group(id: id, name: key.name, icd10: key.icd10, articles: members[id]!.sorted(by: titleOrder))
        }.sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
    }

    static func titleOrder(_ a: Article, _ b: Article) -> Bool {
        (a.title.lowercased(), a.slug) < (b.title.lowercased(), b.slug)
    }
}

/// The pages medsite generates beside the articles: condition and tag pages, the search page with
/// its index, and 404.html; plus the extra values article and home templates see.
struct SitePages: Sendable {
    let theme: Theme
    let settings: SiteSettings
    let navigation: SiteNavigation
    let articles: [Article]

    init(theme: Theme, settings: SiteSettings, articles: [Article]) {
        self.init(theme: theme, settings: settings, navigation: SiteNavigation(articles: articles), articles: articles)
    }

    init(theme: Theme, settings: SiteSettings, navigation: SiteNavigation, articles: [Article]) {
        self.theme = theme
        self.settings = settings
        self.articles = articles
        self.navigation = navigation
    }

    /// Articles with three or more `##` sections get a table of contents.
    static let tableOfContentsMinimum = 3

    // MARK: Article and home values

    /// The article context plus navigation: breadcrumbs, table of contents, heading anchors,
    /// condition and tag addresses, structured data and Open Graph type.
    func articleContext(_ article: Article, bodyHTML: String) -> [String: Any] {
        var context = PageContext.article(article, bodyHTML: HeadingAnchors.add(to: bodyHTML), settings: settings)
        let breadcrumbs = navigation.breadcrumbs(for: article)
        context["breadcrumbs"] = breadcrumbValues(breadcrumbs)
        context["structured_data"] = StructuredData.article(article, settings: settings, breadcrumbs: breadcrumbs)
        if var page = context["page"] as? [String: Any] {
            page["og_type"] = "article"
            context["page"] = page
        }
        guard var values = context["article"] as? [String: Any] else { return context }
        let sections = article.document.headings.filter { $0.level == 2 }
        if sections.count >= Self.tableOfContentsMinimum {
            values["toc"] = ["items": sections.map { ["id": $0.id, "text": $0.text] }]
        }
        let condition = navigation.conditionGroup(of: article)
        var conditionValues = values["condition"] as? [String: Any] ?? ["name": condition.name]
        conditionValues["url"] = SiteNavigation.conditionPath(condition.id)
        values["condition"] = conditionValues
        values["has_tags"] = !article.frontMatter.tags.isEmpty
        values["tags"] = article.frontMatter.tags.map { ["name": $0, "url": SiteNavigation.tagPath(MarkdownDocument.anchorID(for: $0))] }
        context["article"] = values
        return context
    }

    /// The home page: the A to Z of conditions, with a letter index to jump through it.
    func homeContext() -> [String: Any] {
        var context = PageContext.home(articles, settings: settings)
        var letters: [[String: Any]] = []
        var conditions: [[String: Any]] = []
        for group in navigation.conditions {
            var entry = groupValues(group, path: SiteNavigation.conditionPath)
            let letter = group.name.first.map { String($0).uppercased() } ?? "#"
            if letters.last?["letter"] as? String != letter {
                letters.append(["letter": letter, "id": "letter-" + MarkdownDocument.anchorID(for: letter)])
                entry["letter"] = letter
                entry["letter_id"] = "letter-" + MarkdownDocument.anchorID(for: letter)
            }
            conditions.append(entry)
        }
        context["conditions"] = conditions
        context["letters"] = letters
        if var page = context["page"] as? [String: Any] {
            page["og_type"] = "website"
            context["page"] = page
        }
        return context
    }

    // MARK: Generated pages

    func render() -> [RenderedPage] {
        // Condition and topic pages are independent: render them on all cores, in a fixed order.
        var pages = navigation.conditions.parallelMap { group -> RenderedPage in
            let path = SiteNavigation.conditionPath(group.id)
            var context = pageContext(title: group.name, description: "Pages about \(group.name), reviewed by clinicians.", path: path)
            context["breadcrumbs"] = breadcrumbValues([Breadcrumb(name: "Home", path: ""), Breadcrumb(name: group.name, path: path)])
            context["condition"] = groupValues(group, path: SiteNavigation.conditionPath)
            return RenderedPage(path: path + "index.html", html: theme.render("condition", context), inserted: [])
        }
        var tagsContext = pageContext(title: "Topics", description: "Every topic on \(settings.title), A to Z.", path: SiteNavigation.tagsPath)
        tagsContext["breadcrumbs"] = breadcrumbValues([Breadcrumb(name: "Home", path: ""), Breadcrumb(name: "Topics", path: SiteNavigation.tagsPath)])
        tagsContext["tags"] = navigation.tags.map { groupValues($0, path: SiteNavigation.tagPath) }
        pages.append(RenderedPage(path: SiteNavigation.tagsPath + "index.html", html: theme.render("tags", tagsContext), inserted: []))
        pages += navigation.tags.parallelMap { group -> RenderedPage in
            let path = SiteNavigation.tagPath(group.id)
            var context = pageContext(title: "Topic: \(group.name)", description: "Pages about \(group.name), reviewed by clinicians.", path: path)
            context["breadcrumbs"] = breadcrumbValues([Breadcrumb(name: "Home", path: ""), Breadcrumb(name: "Topics", path: SiteNavigation.tagsPath),
                                                       Breadcrumb(name: group.name, path: path)])
            context["tag"] = groupValues(group, path: SiteNavigation.tagPath)
            return RenderedPage(path: path + "index.html", html: theme.render("tag", context), inserted: [])
        }
        var searchContext = pageContext(title: "Search", description: "Search the health information on \(settings.title).", path: SiteNavigation.searchPath)
        searchContext["search_index"] = searchIndex()
        pages.append(RenderedPage(path: SiteNavigation.searchPath + "index.html", html: theme.render("search", searchContext), inserted: []))
        var notFound = pageContext(title: "Page not found", description: "The page you asked for is not on \(settings.title).", path: "404.html")
        // A server shows 404.html at any depth, so its links start from the site's own path, not `../`.
        notFound["root"] = Self.basePath(settings.baseURL)
        if var page = notFound["page"] as? [String: Any] {
            page["canonical"] = nil
            notFound["page"] = page
        }
        pages.append(RenderedPage(path: "404.html", html: theme.render("404", notFound), inserted: []))
        return pages
    }

    /// The search index, one compact entry per article: title, address, description, question,
    /// condition, headings and tags. Safe to embed in a `<script type="application/json">` element.
    func searchIndex() -> String {
        let entries = articles.sorted(by: SiteNavigation.titleOrder).map { article -> EmbeddedJSON in
            let frontMatter = article.frontMatter
            return .object([
                ("t", .string(article.title)),
                ("u", .string(article.url)),
                ("d", frontMatter.description.map(EmbeddedJSON.string)),
                ("q", frontMatter.question.map(EmbeddedJSON.string)),
                ("c", frontMatter.condition.map { .string($0.name) }),
                ("h", .array(article.document.headings.map { .string($0.text) })),
                ("g", .array(frontMatter.tags.map(EmbeddedJSON.string))),
            ])
        }
        return EmbeddedJSON.array(entries).serialized
    }

    /// `https://example.org/health/` → `/health/`.
    static func basePath(_ baseURL: String) -> String {
        guard let scheme = baseURL.range(of: "://") else { return "/" }
        let rest = baseURL[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        let path = String(rest[slash...])
        return path.hasSuffix("/") ? path : path + "/"
    }

    // MARK: Values

    private func pageContext(title: String, description: String, path: String) -> [String: Any] {
        var page = PageContext.page(title: title, description: description, path: path, settings: settings)
        page["og_type"] = "website"
        return ["site": PageContext.site(settings), "page": page, "root": PageContext.root(forPath: path)]
    }

    private func groupValues(_ group: SiteNavigation.Group, path: (String) -> String) -> [String: Any] {
        var values: [String: Any] = [
            "id": group.id, "name": group.name, "count": group.articles.count,
            "count_label": group.articles.count == 1 ? "1 page" : "\(group.articles.count) pages",
            "url": path(group.id),
            "articles": group.articles.map(summaryValues),
        ]
        if let icd10 = group.icd10 { values["icd10"] = icd10 }
        return values
    }

    private func summaryValues(_ article: Article) -> [String: Any] {
        var values: [String: Any] = ["title": article.title, "url": article.url,
                                     "description": article.frontMatter.description ?? "",
                                     "is_short_answer": article.frontMatter.type == .shortAnswer]
        if let last = article.frontMatter.lastReviewed {
            values["last_reviewed"] = last.long
            values["last_reviewed_iso"] = last.iso
        }
        return values
    }

    /// `{"items": [...]}` rather than a bare list, so `{{#breadcrumbs}}` renders its wrapper once.
    private func breadcrumbValues(_ crumbs: [Breadcrumb]) -> [String: Any] {
        ["items": crumbs.enumerated().map { index, crumb -> [String: Any] in
            var values: [String: Any] = ["name": crumb.name, "url": crumb.path.isEmpty ? "index.html" : crumb.path]
            if index == crumbs.count - 1 { values["is_current"] = true }
            return values
        }]
    }
}

/// Visible `#` links on article headings, so readers can share a link to one section.
enum HeadingAnchors {
    /// `<h2 id="x">Text</h2>` → `<h2 id="x">Text&#160;<a class="heading-anchor" href="#x">…</a></h2>`.
    /// cmark's safe output escapes `<` in text and drops raw HTML, so `<hN id="` only opens headings.
    static func add(to html: String) -> String {
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 256)
        var index = 0
        var openID: [UInt8]?
        let idPrefix = Array(" id=\"".utf8)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<"), index + 3 < bytes.count {
                let isDigit = (49...54).contains(bytes[index + 2])
                if bytes[index + 1] == UInt8(ascii: "h"), isDigit,
                   bytes.count > index + 3 + idPrefix.count, Array(bytes[(index + 3)..<(index + 3 + idPrefix.count)]) == idPrefix {
                    let start = index + 3 + idPrefix.count
                    var end = start
                    while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                    openID = Array(bytes[start..<end])
                } else if let id = openID, bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "h"),
                          index + 4 < bytes.count, (49...54).contains(bytes[index + 3]), bytes[index + 4] == UInt8(ascii: ">") {
                    // A no-break space keeps the `#` on the line of the heading's last word.
                    output.append(contentsOf: "&#160;<a class=\"heading-anchor\" href=\"#".utf8)
                    output.append(contentsOf: id)
                    output.append(contentsOf: "\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">Link to this section</span></a>".utf8)
                    openID = nil
                }
            }
            output.append(byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }
}
