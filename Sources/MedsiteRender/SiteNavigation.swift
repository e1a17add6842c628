import MedsiteBase
import MedsiteParse
import MedsiteValidate

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
    /// The group of pages without a condition, in the language of these articles.
    package let generalHealth: String
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
    package init(conditionNames: [(id: String, name: String, icd10: String?)], generalHealth: String = SiteNavigation.generalHealth) {
        articles = []
        self.generalHealth = generalHealth
        titleOrder = []
        conditions = conditionNames.map { Group(id: $0.id, name: $0.name, icd10: $0.icd10, members: []) }
        tags = []
        conditionIndexByID = Dictionary(conditions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        anchorIDs = [:]
    }

    package init(articles: [Article], generalHealth: String = SiteNavigation.generalHealth) {
        self.articles = articles
        self.generalHealth = generalHealth
        // Positions are sorted, not the (large) Article values, and each title is lowercased once
        // rather than at every comparison. The sort is stable, as sorting the articles was.
        let titleKeys = articles.parallelMap { $0.title.lowercased() }
        let slugs = articles.map(\.slug)
        titleOrder = articles.indices.sorted { (titleKeys[$0], slugs[$0]) < (titleKeys[$1], slugs[$1]) }
        var anchorIDs: [String: String] = [:]
        conditions = Self.group(articles, titleOrder: titleOrder, anchorIDs: &anchorIDs) { article in
            let name = article.frontMatter.condition?.name ?? generalHealth
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
        let name = article.frontMatter.condition?.name ?? generalHealth
        let id = anchorID(for: name)
        guard let index = conditionIndexByID[id] else { return (id, name) }
        return (id, conditions[index].name)
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

