import MedsiteBase
import MedsiteParse

/// Which pages are translations of each other (`asthma.md`, `asthma.es.md`…, one group per
/// `Article.translationKey`), for the `hreflang` alternates in the head and the sitemap and for the
/// language switcher. Made from whole articles in a full build and from the build cache's record of
/// them in a one-edit rebuild, so both link the same pages.
package struct SiteTranslations: Sendable {
    /// One page of a group.
    package struct Member: Sendable {
        /// nil for the page in the site's language.
        package let code: String?
        package let address: String
        package let title: String
        package let lastReviewed: CalendarDate?
        package let published: Bool

        package init(code: String?, address: String, title: String, lastReviewed: CalendarDate?, published: Bool) {
            self.code = code
            self.address = address
            self.title = title
            self.lastReviewed = lastReviewed
            self.published = published
        }

        package var url: String { address + "/" }
    }

    /// One language of the site: its code (nil: the site's own), its BCP 47 tag and its name.
    package struct Language: Sendable {
        package let code: String?
        package let tag: String
        package let name: String
        package var folder: String { code.map { $0 + "/" } ?? "" }
    }

    /// The site's language first, then `languages:` in medsite.yml's order.
    package let languages: [Language]
    /// Translation key → members, site language first, then in `languages` order. Only keys with a
    /// translation (two or more files) are kept.
    private let groups: [String: [Member]]

    package var isEmpty: Bool { groups.isEmpty }

    package init(settings: SiteSettings, members: [(key: String, member: Member)]) {
        languages = [Language(code: nil, tag: settings.language, name: settings.languageName)]
            + settings.languages.map { Language(code: $0.code, tag: $0.tag, name: $0.name) }
        guard !settings.languages.isEmpty else {
            groups = [:]
            return
        }
        let order = Dictionary(uniqueKeysWithValues: languages.enumerated().map { ($1.code ?? "", $0) })
        var byKey: [String: [Member]] = [:]
        for (key, member) in members { byKey[key, default: []].append(member) }
        groups = byKey.filter { $0.value.count > 1 }.mapValues { members in
            members.sorted { (order[$0.code ?? ""] ?? .max, $0.address) < (order[$1.code ?? ""] ?? .max, $1.address) }
        }
    }

    /// From whole articles; `published` tells which get pages.
    package init(settings: SiteSettings, articles: [Article], isPublished: (Article) -> Bool) {
        self.init(settings: settings, members: settings.languages.isEmpty ? [] : articles.map { article in
            (article.translationKey, Member(code: article.languageCode, address: article.address, title: article.title,
                                            lastReviewed: article.frontMatter.lastReviewed, published: isPublished(article)))
        })
    }

    package func language(_ code: String?) -> Language? { languages.first { $0.code == code } }

    /// The published pages of a group when at least two are: each links to all of them.
    package func published(_ key: String) -> [Member] {
        guard let members = groups[key] else { return [] }
        let published = members.filter(\.published)
        return published.count > 1 ? published : []
    }

    /// The page in the site's language of a translation's group.
    package func source(_ key: String) -> Member? {
        groups[key]?.first { $0.code == nil }
    }
}
