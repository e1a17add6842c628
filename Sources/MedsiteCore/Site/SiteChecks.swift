import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// Checks that need the whole site at once. Each is linear in the number of articles.
package enum SiteChecks {
    static func duplicateSlugs(_ articles: [Article]) -> [Diagnostic] {
        var bySlug: [String: [Int]] = [:]
        bySlug.reserveCapacity(articles.count)
        for (index, article) in articles.enumerated() { bySlug[article.address, default: []].append(index) }
        var result: [Diagnostic] = []
        for (address, positions) in bySlug where positions.count > 1 {
            let group = positions.map { articles[$0] }
            let paths = group.map(\.source.relativePath)
            for article in group {
                let others = paths.filter { $0 != article.source.relativePath }.joined(separator: ", ")
                let position = article.frontMatter.position(of: .slug)
                result.append(Diagnostic(file: article.source.relativePath, position: position, rule: .duplicateSlug,
                                         message: article.languageCode == nil ? "slug '\(address)' is also used by \(others)"
                                             : "the address /\(address)/ is also used by \(others)",
                                         fix: "give one of them a different 'slug:'"))
            }
        }
        return result
    }

    /// A Content/ file must never take the address of anything medsite generates. Copied files are
    /// never pages (ContentFilePolicy: no .html or .xml), so the addresses left to check are the
    /// theme's `assets/`, robots.txt and the other fixed files, and the folders of generated pages;
    /// compared without case, as macOS and Windows file systems (and some hosts) do. StagedSite also
    /// refuses to write any path twice, so a conflict this misses fails the build, never overwrites.
    static func outputConflicts(articles: [Article], assets: [SourceFile], languages: [String] = []) -> [Diagnostic] {
        var generated = Set(articles.map { $0.outputPath.lowercased() })
        generated.formUnion(generatedSiteFiles(languages: languages))
        var folders = Set(articles.map { $0.address.lowercased() })
        folders.formUnion(["assets", "search", "tags", "conditions"])
        for code in languages { folders.formUnion([code, code + "/search", code + "/tags", code + "/conditions"]) }
        return assets.compactMap { asset in
            let path = asset.contentPath.lowercased()
            let components = path.split(separator: "/").map(String.init)
            let parents = components.indices.dropLast().map { components[...$0].joined(separator: "/") }
            guard generated.contains(path) || folders.contains(path) || path.hasPrefix("assets/")
                    || parents.contains(where: generated.contains) else { return nil }
            return Diagnostic(file: asset.relativePath, position: .start, rule: .addressTaken,
                              message: path.hasPrefix("assets/")
                                  ? "files under \(ContentScanner.folderName)/assets/ would mix with the theme's own files at /assets/"
                                  : "this file would take the address /\(asset.contentPath) that medsite generates itself",
                              fix: "rename the file or move it into another folder")
        }
    }

    /// Files every build writes besides article, condition and tag pages.
    static let generatedSiteFiles: Set<String> = ["index.html", "404.html", "sitemap.xml", "robots.txt", "feed.xml",
                                                  "search/index.html", "tags/index.html", Redirects.rulesFile, OutputWriter.markerName]

    /// The same with each translation language's home, search, topics and feed files.
    static func generatedSiteFiles(languages: [String]) -> Set<String> {
        var files = generatedSiteFiles
        for code in languages {
            files.formUnion(["index.html", "search/index.html", "tags/index.html", "feed.xml"].map { code + "/" + $0 })
        }
        return files
    }

    /// One warning per template (not per page) when medsite had to insert a safety block.
    static let safetyBlockNames = ["review": "review dates", "disclaimer": "disclaimer",
                                   "overdue": "notice that the page is due for review"]

    package static func insertedSafetyBlocks(_ pages: [RenderedPage], theme: Theme) -> [Diagnostic] {
        var counts: [String: Int] = [:]
        for page in pages { for block in page.inserted { counts[block, default: 0] += 1 } }
        return counts.sorted { $0.key < $1.key }.map { block, count in
            Diagnostic(file: theme.origins["article"] ?? "Templates/article.mustache", position: .start,
                       rule: .templateMissingSafetyBlock,
                       message: "the article template leaves out the \(Self.safetyBlockNames[block] ?? block); medsite inserted it on \(count) page\(count == 1 ? "" : "s")",
                       fix: "add {{> partials/\(block)}} to the template")
        }
    }
}
