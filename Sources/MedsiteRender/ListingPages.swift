import MedsiteParse

/// Condition and topic pages list at most `pageSize` articles each, so no listing grows with the
/// site: a condition with 6,000 articles has 60 pages, `conditions/asthma/`, then
/// `conditions/asthma/page/2/` and on, each linking to all the others.
enum ListingPages {
    static let pageSize = 100
    /// Up to this many published articles the home page lists every article under its condition;
    /// past it, each condition's name and page count.
    static let homeArticleLimit = 300

    static func count(of members: Int) -> Int { max(1, (members + pageSize - 1) / pageSize) }

    /// `conditions/asthma/` for the first page, `conditions/asthma/page/2/` for the second.
    static func path(_ first: String, page: Int) -> String { page == 1 ? first : first + "page/\(page)/" }

    static func title(_ name: String, page: Int, of members: Int, texts: ThemeTexts = ThemeTexts()) -> String {
        let pages = count(of: members)
        return pages == 1 ? name : texts.format("listing_page_title", ["name": name, "page": String(page), "pages": String(pages)])
    }

    /// The group's values with only this page's articles, and the links to its other pages.
    static func values(_ group: TemplateValues, name: String, first: String, page: Int, of members: Int,
                       texts: ThemeTexts = ThemeTexts()) -> TemplateValues {
        let pages = count(of: members)
        guard pages > 1, case .list(let articles)? = group.value(named: "articles") else { return group }
        let values = group.copy()
        let start = (page - 1) * pageSize
        values["articles"] = Array(articles[start..<min(articles.count, start + pageSize)])
        values["pages"] = [
            "label": texts.format("pages_of", ["name": name]),
            "summary": texts.format("page_of", ["page": String(page), "pages": String(pages)]),
            "items": (1...pages).map { number -> TemplateValues in
                let item: TemplateValues = ["number": number, "url": path(first, page: number)]
                if number == page { item["is_current"] = true }
                return item
            },
        ] as TemplateValues
        return values
    }
}
