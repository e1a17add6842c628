import MedsiteBase
import MedsiteParse
import MedsiteRender

extension SiteChecks {
    /// Two condition (or two tag) names that are not one name (`PageAddress.nameKey`) but give one
    /// address: an error in each file that uses either, naming the other's file, never a merged page.
    /// Each language's condition and topic pages are its own (`/es/conditions/…`), so each
    /// language is checked on its own.
    static func addressCollisions(_ articles: [Article], settings: SiteSettings = SiteSettings()) -> [Diagnostic] {
        guard articles.contains(where: { $0.languageCode != nil }) else { return addressCollisions(articles, folder: "", generalHealth: settings.texts["general_health"]) }
        var byLanguage: [String: [Article]] = [:]
        for article in articles { byLanguage[article.languageCode ?? "", default: []].append(article) }
        return byLanguage.keys.sorted().flatMap { code in
            addressCollisions(byLanguage[code]!, folder: code.isEmpty ? "" : code + "/",
                              generalHealth: settings.localized(code.isEmpty ? nil : code).texts["general_health"])
        }
    }

    static func addressCollisions(_ articles: [Article], folder: String, generalHealth: String) -> [Diagnostic] {
        collisions(articles, kind: "condition", folder: folder + "conditions", field: .condition) { article in
            [article.frontMatter.condition?.name ?? generalHealth]
        } + collisions(articles, kind: "topic", folder: folder + "tags", field: .tags) { $0.frontMatter.tags }
    }

    private static func collisions(_ articles: [Article], kind: String, folder: String, field: FrontMatterField,
                                   names: (Article) -> [String]) -> [Diagnostic] {
        // address → name key → (the name as first written, the files using it, in source order)
        var byAddress: [String: [String: (name: String, files: [Int])]] = [:]
        var segments: [String: (segment: String, key: String)] = [:]
        for (index, article) in articles.enumerated() {
            for name in names(article) {
                let ids = segments[name] ?? {
                    let ids = (PageAddress.segment(for: name), PageAddress.nameKey(name))
                    segments[name] = ids
                    return ids
                }()
                var spellings = byAddress[ids.segment, default: [:]]
                var entry = spellings[ids.key] ?? (name, [])
                if entry.files.last != index { entry.files.append(index) }
                spellings[ids.key] = entry
                byAddress[ids.segment] = spellings
            }
        }
        var result: [Diagnostic] = []
        for (address, spellings) in byAddress where spellings.count > 1 {
            let sorted = spellings.values.sorted { $0.name < $1.name }
            for spelling in sorted {
                let others = sorted.filter { $0.name != spelling.name }
                let described = others.map { other in
                    "'\(other.name)' in \(other.files.prefix(3).map { articles[$0].source.relativePath }.joined(separator: ", "))"
                        + (other.files.count > 3 ? " and \(other.files.count - 3) more" : "")
                }.joined(separator: "; ")
                for file in spelling.files {
                    let article = articles[file]
                    result.append(Diagnostic(
                        file: article.source.relativePath, position: article.frontMatter.position(of: field), rule: .sharedAddress,
                        message: "the \(kind) '\(spelling.name)' and \(described) would share the page /\(folder)/\(address)/",
                        fix: "spell the \(kind) the same way in every file if it is the same \(kind); if not, make the names differ in a letter or digit"))
                }
            }
        }
        return result
    }
}
