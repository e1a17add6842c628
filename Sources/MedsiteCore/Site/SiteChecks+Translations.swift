import MedsiteBase
import MedsiteParse

extension SiteChecks {
    /// Every translation (`asthma.es.md`) has the page it translates beside it (`asthma.md`, among
    /// Content/'s articles, parsed or not), and no page has two translations into one language.
    static func translations(_ articles: [Article], inventory: ContentInventory, settings: SiteSettings) -> [Diagnostic] {
        guard articles.contains(where: { $0.languageCode != nil }) else { return [] }
        let contentPaths = Set(inventory.articles.map(\.contentPath))
        var result: [Diagnostic] = []
        var byLanguage: [String: [Article]] = [:]
        for article in articles {
            guard let code = article.languageCode else { continue }
            byLanguage[article.translationKey + "\n" + code, default: []].append(article)
            // The page translated is one in the site's language (`asthma.es.fr.md` translates nothing).
            if contentPaths.contains(article.translationKey),
               ContentLanguage.of(article.translationKey, settings: settings).kind == .site { continue }
            let language = settings.localized(code).languageName
            result.append(Diagnostic(
                file: article.source.relativePath, position: .start, rule: .translationWithoutSource,
                message: "by its name this is the \(language) translation of \(ContentScanner.folderName)/\(article.translationKey), which does not exist",
                fix: "name the translation after the page it translates (the same name in the same folder, with .\(code) before .md), or add \(ContentScanner.folderName)/\(article.translationKey)"))
        }
        for (_, group) in byLanguage where group.count > 1 {
            let paths = group.map(\.source.relativePath)
            for article in group {
                let others = paths.filter { $0 != article.source.relativePath }.joined(separator: ", ")
                result.append(Diagnostic(
                    file: article.source.relativePath, position: .start, rule: .duplicateTranslation,
                    message: "\(others) is also the \(settings.localized(article.languageCode).languageName) translation of \(ContentScanner.folderName)/\(article.translationKey)",
                    fix: "keep one translation per language: merge the two files and delete one"))
            }
        }
        return result
    }
}
