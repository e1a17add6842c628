#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MedsiteBase
import MedsiteParse
import MedsiteValidate

/// One step of a breadcrumb trail: a name and a site-relative address (`conditions/pml/`).
package struct Breadcrumb: Sendable {
    package let name: String
    package let path: String
}

/// How the published articles are grouped for readers: by condition (the A to Z) and by tag.
/// Every group has its own page at `PageAddress.segment` of its name; spellings that are one name
/// ("Asthma", "asthma") share it, and two names that would share an address are an error
/// (`SiteChecks.addressCollisions`), so the build never gets here with them.
package struct SiteNavigation: Sendable {
    package struct Group: Sendable {
        package let id: String
        package let name: String
        package let icd10: String?
        /// Positions in `SiteNavigation.articles`, sorted by title.
        let members: [Int]
    }

    package static let generalHealth = "General health"

    package let articles: [Article]
    /// Positions of every article, sorted by title (then slug).
    package let titleOrder: [Int]
    package let conditions: [Group]
    package let tags: [Group]
    private let conditionIndexByID: [String: Int]
    /// `PageAddress.segment` of every condition and tag name seen, worked out once per name (names
    /// repeat across articles; the id costs ~7 k instructions each time). `String` keys match
    /// canonically equivalent spellings, which have one segment (it is NFC-normalised).
    private let anchorIDs: [String: String]

    /// Only the condition names, as a previous build's navigation had them: enough for article pages
    /// (breadcrumbs, condition links) when the build cache re-renders a few of them.
    package init(conditionNames: [(id: String, name: String, icd10: String?)]) {
        articles = []
        titleOrder = []
        conditions = conditionNames.map { Group(id: $0.id, name: $0.name, icd10: $0.icd10, members: []) }
        tags = []
        conditionIndexByID = Dictionary(conditions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        anchorIDs = [:]
    }

    package init(articles: [Article]) {
        self.articles = articles
        // Positions are sorted, not the (large) Article values, and each title is lowercased once
        // rather than at every comparison. The sort is stable, as sorting the articles was.
        let titleKeys = articles.parallelMap { $0.title.lowercased() }
        let slugs = articles.map(\.slug)
        titleOrder = articles.indices.sorted { (titleKeys[$0], slugs[$0]) < (titleKeys[$1], slugs[$1]) }
        var anchorIDs: [String: String] = [:]
        conditions = Self.group(articles, titleOrder: titleOrder, anchorIDs: &anchorIDs) { article in
            let name = article.frontMatter.condition?.name ?? Self.generalHealth
            return [(name, article.frontMatter.condition?.icd10)]
        }
        tags = Self.group(articles, titleOrder: titleOrder, anchorIDs: &anchorIDs) { article in article.frontMatter.tags.map { ($0, nil) } }
        conditionIndexByID = Dictionary(conditions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.anchorIDs = anchorIDs
    }

    /// The anchor form of a condition or tag name.
    package func anchorID(for name: String) -> String {
        anchorIDs[name] ?? PageAddress.segment(for: name)
    }

    package static func conditionPath(_ id: String) -> String { "conditions/\(id)/" }
    package static func tagPath(_ id: String) -> String { "tags/\(id)/" }
    package static let tagsPath = "tags/"
    package static let searchPath = "search/"

    /// The id and name of the article's condition page (also for a draft outside the published articles).
    package func conditionGroup(of article: Article) -> (id: String, name: String) {
        let name = article.frontMatter.condition?.name ?? Self.generalHealth
        let id = anchorID(for: name)
        guard let index = conditionIndexByID[id] else { return (id, name) }
        return (id, conditions[index].name)
    }

    /// Home → condition → article.
    package func breadcrumbs(for article: Article) -> [Breadcrumb] {
        let condition = conditionGroup(of: article)
        return [Breadcrumb(name: "Home", path: ""), Breadcrumb(name: condition.name, path: Self.conditionPath(condition.id)),
                Breadcrumb(name: article.title, path: article.url)]
    }

    /// Groups sorted A to Z by name, articles in each sorted by title; the first spelling (A to Z) names the group.
    private static func group(_ articles: [Article], titleOrder: [Int], anchorIDs: inout [String: String],
                              keys: (Article) -> [(name: String, icd10: String?)]) -> [Group] {
        func anchorID(_ name: String) -> String {
            if let id = anchorIDs[name] { return id }
            let id = PageAddress.segment(for: name)
            anchorIDs[name] = id
            return id
        }
        var names: [String: (name: String, icd10: String?)] = [:]
        for article in articles {
            var seen = Set<String>()
            for key in keys(article) {
                let id = anchorID(key.name)
                guard seen.insert(id).inserted else { continue }
                if let existing = names[id] {
                    if (key.name, key.icd10 ?? "") < (existing.name, existing.icd10 ?? "") { names[id] = key }
                } else {
                    names[id] = key
                }
            }
        }
        // Members are collected in title order, so each group comes out sorted without a sort of its own.
        var members: [String: [Int]] = [:]
        for position in titleOrder {
            var seen = Set<String>()
            for key in keys(articles[position]) {
                let id = anchorID(key.name)
                guard seen.insert(id).inserted else { continue }
                members[id, default: []].append(position)
            }
        }
        return names.map { id, key in
            Group(id: id, name: key.name, icd10: key.icd10, members: members[id]!)
        }.sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
    }
}

/// The pages medsite generates beside the articles: condition and tag pages, the search page with
/// its index, and 404.html; plus the extra values article and home templates see.
package struct SitePages: Sendable {
    let theme: Theme
    let settings: SiteSettings
    package let navigation: SiteNavigation
    /// The build day: an article past its `next_review` on it shows that it is due for review.
    let today: CalendarDate?
    var articles: [Article] { navigation.articles }

    // Values that are the same on every page that shows them, built once per build rather than per page.
    private let siteValues: TemplateValues
    private let disclaimers: [String: TemplateValues]
    /// Topic name → its `{name, url}` link.
    private let tagLinks: [String: TemplateValues]
    /// `groupValues` of each condition and each tag, in `navigation` order.
    private let conditionValues: [TemplateValues]
    private let tagValues: [TemplateValues]

    init(theme: Theme, settings: SiteSettings, articles: [Article], today: CalendarDate?) {
        self.init(theme: theme, settings: settings, navigation: SiteNavigation(articles: articles), today: today)
    }

    /// `navigation.articles` are the articles that get pages (none when the build cache re-renders
    /// a few article pages with a previous build's condition names).
    init(theme: Theme, settings: SiteSettings, navigation: SiteNavigation, today: CalendarDate?) {
        let articles = navigation.articles
        self.theme = theme
        self.settings = settings
        self.navigation = navigation
        self.today = today
        siteValues = PageContext.site(settings)
        var disclaimers: [String: TemplateValues] = [:]
        var tagLinks: [String: TemplateValues] = [:]
        for article in articles {
            let key = article.frontMatter.disclaimer
            if disclaimers[key] == nil { disclaimers[key] = PageContext.disclaimer(key: key, settings: settings) }
            for tag in article.frontMatter.tags where tagLinks[tag] == nil {
                tagLinks[tag] = Self.tagLink(tag, id: navigation.anchorID(for: tag))
            }
        }
        self.disclaimers = disclaimers
        self.tagLinks = tagLinks
        let summaries = articles.parallelMap(Self.summaryValues)
        conditionValues = navigation.conditions.map { Self.groupValues($0, summaries: summaries, path: SiteNavigation.conditionPath) }
        tagValues = navigation.tags.map { Self.groupValues($0, summaries: summaries, path: SiteNavigation.tagPath) }
    }

    /// Articles with three or more `##` sections get a table of contents.
    static let tableOfContentsMinimum = 3

    // MARK: Article and home values

    /// The article context plus navigation: breadcrumbs, table of contents, heading anchors,
    /// condition and tag addresses, structured data and Open Graph type.
    func articleContext(_ article: Article, bodyHTML: String) -> TemplateValues {
        let frontMatter = article.frontMatter
        let values = PageContext.article(article, bodyHTML: HeadingAnchors.add(to: bodyHTML))
        let sections = article.document.headings.filter { $0.level == 2 }
        if sections.count >= Self.tableOfContentsMinimum {
            values["toc"] = ["items": sections.map { ["id": $0.id, "text": $0.text] as TemplateValues }] as TemplateValues
        }
        let condition = navigation.conditionGroup(of: article)
        let conditionValues: TemplateValues = ["name": frontMatter.condition?.name ?? condition.name]
        if let icd10 = frontMatter.condition?.icd10 { conditionValues["icd10"] = icd10 }
        conditionValues["url"] = PageAddress.href(SiteNavigation.conditionPath(condition.id))
        values["condition"] = conditionValues
        values["has_tags"] = !frontMatter.tags.isEmpty
        values["tags"] = frontMatter.tags.map { tagLinks[$0] ?? Self.tagLink($0) }

        let breadcrumbs = [Breadcrumb(name: "Home", path: ""), Breadcrumb(name: condition.name, path: SiteNavigation.conditionPath(condition.id)),
                           Breadcrumb(name: article.title, path: article.url)]
        let page = PageContext.page(title: article.title, description: frontMatter.description ?? "", path: article.url, settings: settings)
        page["og_type"] = "article"
        return [
            "site": siteValues,
            "page": page,
            "root": PageContext.root(forPath: article.url),
            "article": values,
            "review": PageContext.review(article, today: today),
            "disclaimer": disclaimers[frontMatter.disclaimer] ?? PageContext.disclaimer(key: frontMatter.disclaimer, settings: settings),
            "breadcrumbs": Self.breadcrumbValues(breadcrumbs),
            "structured_data": StructuredData.article(article, settings: settings, breadcrumbs: breadcrumbs),
        ]
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
        let page = PageContext.page(title: settings.title, description: "Health information from \(settings.title), reviewed by clinicians.",
                                    path: "", settings: settings)
        page["og_type"] = "website"
        let alphabet = Self.alphabet(withPages: lettersWithPages).map { entry -> TemplateValues in
            ["letter": entry.letter, "id": "letter-" + PageAddress.segment(for: entry.letter), "has_pages": entry.hasPages]
        }
        return ["site": siteValues, "page": page, "root": "", "conditions": conditions, "letters": letters, "alphabet": alphabet]
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
    /// beside the article pages.
    var jobs: [Job] {
        var jobs: [Job] = []
        for (index, group) in navigation.conditions.enumerated() {
            jobs += (1...ListingPages.count(of: group.members.count)).map { Job.condition(index, page: $0) }
        }
        jobs.append(.tags)
        for (index, group) in navigation.tags.enumerated() {
            jobs += (1...ListingPages.count(of: group.members.count)).map { Job.tag(index, page: $0) }
        }
        jobs += [.search, .notFound]
        return jobs
    }

    func render(_ job: Job) -> RenderedPage {
        switch job {
        case .condition(let index, let number):
            let group = navigation.conditions[index]
            let first = SiteNavigation.conditionPath(group.id)
            let path = ListingPages.path(first, page: number)
            let context = pageContext(title: ListingPages.title(group.name, page: number, of: group.members.count),
                                      description: "Pages about \(group.name), reviewed by clinicians.", path: path)
            context["breadcrumbs"] = Self.breadcrumbValues([Breadcrumb(name: "Home", path: ""), Breadcrumb(name: group.name, path: path)])
            context["condition"] = ListingPages.values(conditionValues[index], name: group.name, first: first, page: number,
                                                       of: group.members.count)
            return RenderedPage(path: path + "index.html", html: theme.render("condition", context), inserted: [])
        case .tags:
            let context = pageContext(title: "Topics", description: "Every topic on \(settings.title), A to Z.", path: SiteNavigation.tagsPath)
            context["breadcrumbs"] = Self.breadcrumbValues([Breadcrumb(name: "Home", path: ""), Breadcrumb(name: "Topics", path: SiteNavigation.tagsPath)])
            context["tags"] = tagValues
            return RenderedPage(path: SiteNavigation.tagsPath + "index.html", html: theme.render("tags", context), inserted: [])
        case .tag(let index, let number):
            let group = navigation.tags[index]
            let first = SiteNavigation.tagPath(group.id)
            let path = ListingPages.path(first, page: number)
            let context = pageContext(title: ListingPages.title("Topic: \(group.name)", page: number, of: group.members.count),
                                      description: "Pages about \(group.name), reviewed by clinicians.", path: path)
            context["breadcrumbs"] = Self.breadcrumbValues([Breadcrumb(name: "Home", path: ""), Breadcrumb(name: "Topics", path: SiteNavigation.tagsPath),
                                                            Breadcrumb(name: group.name, path: path)])
            context["tag"] = ListingPages.values(tagValues[index], name: group.name, first: first, page: number,
                                                 of: group.members.count)
            return RenderedPage(path: path + "index.html", html: theme.render("tag", context), inserted: [])
        case .search:
            let context = pageContext(title: "Search", description: "Search the health information on \(settings.title).", path: SiteNavigation.searchPath)
            return RenderedPage(path: SiteNavigation.searchPath + "index.html", html: theme.render("search", context), inserted: [])
        case .notFound:
            let context = pageContext(title: "Page not found", description: "The page you asked for is not on \(settings.title).", path: "404.html")
            // A server shows 404.html at any depth, so its links start from the site's own path, not `../`.
            context["root"] = Self.basePath(settings.baseURL)
            (context["page"] as? TemplateValues)?["canonical"] = nil
            return RenderedPage(path: "404.html", html: theme.render("404", context), inserted: [])
        }
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
        return ["site": siteValues, "page": page, "root": PageContext.root(forPath: path)]
    }

    private static func tagLink(_ tag: String, id: String? = nil) -> TemplateValues {
        ["name": tag, "url": PageAddress.href(SiteNavigation.tagPath(id ?? PageAddress.segment(for: tag)))]
    }

    private static func groupValues(_ group: SiteNavigation.Group, summaries: [TemplateValues],
                                    path: (String) -> String) -> TemplateValues {
        let values: TemplateValues = [
            "id": group.id, "name": group.name, "count": group.members.count,
            "count_label": group.members.count == 1 ? "1 page" : "\(group.members.count) pages",
            "has_articles": !group.members.isEmpty,
            "url": PageAddress.href(path(group.id)),
            "articles": group.members.map { summaries[$0] },
        ]
        if let icd10 = group.icd10 { values["icd10"] = icd10 }
        return values
    }

    private static func summaryValues(_ article: Article) -> TemplateValues {
        let values: TemplateValues = ["title": article.title, "url": PageAddress.href(article.url),
                                      "description": article.frontMatter.description ?? "",
                                      "is_short_answer": article.frontMatter.type == .shortAnswer]
        if let last = article.frontMatter.lastReviewed {
            values["last_reviewed"] = last.long
            values["last_reviewed_iso"] = last.iso
        }
        return values
    }

    /// `{"items": [...]}` rather than a bare list, so `{{#breadcrumbs}}` renders its wrapper once.
    private static func breadcrumbValues(_ crumbs: [Breadcrumb]) -> TemplateValues {
        ["items": crumbs.enumerated().map { index, crumb -> TemplateValues in
            let values: TemplateValues = ["name": crumb.name, "url": crumb.path.isEmpty ? "index.html" : PageAddress.href(crumb.path)]
            if index == crumbs.count - 1 { values["is_current"] = true }
            return values
        }]
    }
}

/// `#` links on article headings, so a reader can copy a link to one section (as GitHub and
/// Docusaurus do). Hidden from assistive technology and out of the tab order: a screen reader would
/// otherwise hear "link" after every heading, and a keyboard user would tab through one stop per
/// heading; the table of contents already links every section. The theme shows them on hover.
enum HeadingAnchors {
    /// `<h2 id="x">Text</h2>` → `<h2 id="x">Text&#160;<a class="heading-anchor" href="#x" aria-hidden="true" tabindex="-1">#</a></h2>`.
    /// cmark's safe output escapes `<` in text and drops raw HTML, so `<hN id="` only opens headings.
    /// Jumps from `<` to `<` (memchr) and copies the text between in runs, rather than byte by byte.
    static func add(to original: String) -> String {
        var html = original
        return html.withUTF8 { bytes -> String in
            guard let base = bytes.baseAddress, bytes.count > 0 else { return original }
            let count = bytes.count
            var output: [UInt8] = []
            output.reserveCapacity(count + 1024)
            var copied = 0 // bytes before this are in `output`
            var added = false
            var openID: Range<Int>?
            var index = 0
            while index < count {
                guard let found = memchr(base + index, Int32(UInt8(ascii: "<")), count - index) else { break }
                index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if index + 3 < count {
                    if bytes[index + 1] == UInt8(ascii: "h"), (49...54).contains(bytes[index + 2]),
                       index + 3 + idPrefix.count < count, idPrefix.indices.allSatisfy({ bytes[index + 3 + $0] == idPrefix[$0] }) {
                        let start = index + 3 + idPrefix.count
                        var end = start
                        while end < count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                        openID = start..<end
                    } else if let id = openID, bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "h"),
                              index + 4 < count, (49...54).contains(bytes[index + 3]), bytes[index + 4] == UInt8(ascii: ">") {
                        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                        copied = index
                        // A no-break space keeps the `#` on the line of the heading's last word.
                        output.append(contentsOf: anchorStart)
                        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[id]))
                        output.append(contentsOf: anchorEnd)
                        openID = nil
                        added = true
                    }
                }
                index += 1
            }
            if !added { return original } // no heading closed: the text as it was
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<count]))
            return String(decoding: output, as: UTF8.self)
        }
    }

    private static let idPrefix: [UInt8] = Array(" id=\"".utf8)
    private static let anchorStart: [UInt8] = Array("&#160;<a class=\"heading-anchor\" href=\"#".utf8)
    private static let anchorEnd: [UInt8] = Array("\" aria-hidden=\"true\" tabindex=\"-1\">#</a>".utf8)
}
