import MedsiteBase
import MedsiteParse
import MedsiteRender

extension SiteChecks {
    /// Every `aliases:` entry must be free: not the address of an article, a condition or topic page,
    /// a generated file or a Content/ file, and not claimed by two articles. Compared without case,
    /// as `outputConflicts` does (macOS and Windows file systems, some hosts).
    static func aliasConflicts(_ articles: [Article], assets: [SourceFile], settings: SiteSettings = SiteSettings()) -> [Diagnostic] {
        guard articles.contains(where: { !$0.frontMatter.aliases.isEmpty }) else { return [] }
        var taken: [String: String] = [:] // output path → what is there
        for article in articles { taken[article.outputPath.lowercased()] = "the page of \(article.source.relativePath)" }
        for article in articles {
            let folder = article.languageCode.map { $0 + "/" } ?? ""
            let condition = article.frontMatter.condition?.name ?? settings.localized(article.languageCode).texts["general_health"]
            taken[(folder + SiteNavigation.conditionPath(PageAddress.segment(for: condition)) + "index.html").lowercased()] = "the condition page '\(condition)'"
            for tag in article.frontMatter.tags {
                taken[(folder + SiteNavigation.tagPath(PageAddress.segment(for: tag)) + "index.html").lowercased()] = "the topic page '\(tag)'"
            }
        }
        let generated = generatedSiteFiles(languages: settings.languages.map(\.code))
        for file in generated { taken[file.lowercased()] = "a page medsite generates (/\(file))" }
        var files = Set(generated.map { $0.lowercased() })
        for asset in assets {
            taken[asset.contentPath.lowercased()] = "the file \(asset.relativePath)"
            files.insert(asset.contentPath.lowercased())
        }
        var claimed: [String: (alias: String, file: String)] = [:]
        var result: [Diagnostic] = []
        for article in articles {
            let file = article.source.relativePath
            let position = article.frontMatter.position(of: .aliases)
            for alias in article.frontMatter.aliases {
                let path = PageAlias.outputPath(of: alias).lowercased()
                let components = path.split(separator: "/")
                let parents = components.indices.dropLast().map { components[...$0].joined(separator: "/") }
                let inUse = taken[path] ?? parents.first(where: files.contains).map { "the file /\($0)" }
                    ?? (path.hasPrefix("assets/") ? "the theme's files under /assets/" : nil)
                if let inUse {
                    result.append(Diagnostic(file: file, position: position, rule: .aliasTaken,
                                             message: "the alias /\(alias) is the address of \(inUse), which is still published",
                                             fix: "remove /\(alias) from 'aliases:'; readers who go there already find a page"))
                } else if let other = claimed[path], other.file != file {
                    result.append(Diagnostic(file: file, position: position, rule: .aliasTaken,
                                             message: "the alias /\(alias) is also an alias of \(other.file)",
                                             fix: "keep /\(alias) in 'aliases:' of only one of the two pages"))
                    result.append(Diagnostic(file: other.file, position: articles.first { $0.source.relativePath == other.file }?.frontMatter.position(of: .aliases) ?? .start,
                                             rule: .aliasTaken, message: "the alias /\(other.alias) is also an alias of \(file)",
                                             fix: "keep /\(other.alias) in 'aliases:' of only one of the two pages"))
                } else {
                    claimed[path] = (alias, file)
                }
            }
        }
        return result
    }
}
