import MedsiteBase
import MedsiteParse
import MedsiteRender

/// The site-level search files a build writes once every page's terms are known (the pages'
/// result files were written in the second pass), and their update after a one-edit rebuild.
enum SiteSearch {
    /// The manifest and every shard of each language's index. `entries`: each published page's
    /// id, `SearchEntry.terms` and language code (nil: the site's own); `languages`: the codes of
    /// the translation languages that have pages (and a search page).
    static func indexFiles(_ entries: [(id: Int, terms: String, language: String?)], settings: SiteSettings,
                           languages: [String]) -> [SearchIndex.File] {
        var files = indexFiles(entries.filter { $0.language == nil }.map { ($0.id, $0.terms) }, settings: settings)
        guard !languages.isEmpty else { return files }
        // A language whose pages are all withheld still has a search page: it gets an empty index.
        var byLanguage: [String: [(id: Int, terms: String)]] = [:]
        for entry in entries { if let code = entry.language { byLanguage[code, default: []].append((entry.id, entry.terms)) } }
        for code in languages { files += indexFiles(byLanguage[code] ?? [], settings: settings.localized(code)) }
        return files
    }

    /// One language's manifest and shards, in its folder.
    static func indexFiles(_ entries: [(id: Int, terms: String)], settings: SiteSettings) -> [SearchIndex.File] {
        let index = SearchIndex(entries: entries)
        let manifest = SearchIndex.manifest(documents: entries.count,
                                            synonyms: SearchSynonyms.groups(language: settings.language, site: settings.searchSynonyms))
        let folder = settings.languageFolder
        return [SearchIndex.File(path: SearchIndex.manifestPath(folder: folder), text: manifest)] + index.shardFiles(folder: folder)
    }

    /// The search files that change when the articles at `changed` (inventory positions, their ids)
    /// are now `articles`; nil when a file of the index would go (a full build then), or
    /// the previous output's index is not what medsite writes.
    static func update(changed: [Int], articles: [Int: Article], pipeline: ArticlePipeline, output: String) -> [SearchIndex.File]? {
        func read(_ path: String) -> String? {
            let absolute = FileSystem.join(output, path)
            return FileSystem.exists(absolute) ? FileSystem.readText(absolute) : nil
        }
        // Each language's index is updated on its own.
        var changes: [String: [SearchIndex.Change]] = [:]
        for id in changed {
            guard let article = articles[id] else { return nil }
            let folder = article.languageCode.map { $0 + "/" } ?? ""
            let new = pipeline.publication(of: article) == .published ? pipeline.searchEntry(article) : nil
            let previous = read(SearchIndex.documentPath(id, folder: folder))
            let old = previous.flatMap(SearchIndex.terms(ofDocument:))
            guard (previous == nil) == (old == nil), (old == nil) == (new == nil) else { return nil }
            changes[folder, default: []].append(SearchIndex.Change(id: id, old: old, new: new))
        }
        var files: [SearchIndex.File] = []
        for folder in changes.keys.sorted() {
            guard let updated = SearchIndex.update(changes[folder]!, folder: folder, read: read) else { return nil }
            files += updated
        }
        return files
    }

    /// The output folder's marker listing `added` too (new shards of a one-edit rebuild), as a full
    /// build would write it; nil when nothing is added or the marker is not medsite's.
    static func marker(adding added: [String], output: String) -> OutputFile? {
        guard !added.isEmpty else { return nil }
        guard let marker = FileSystem.readText(FileSystem.join(output, OutputWriter.markerName)),
              marker.hasPrefix(OutputWriter.markerHeading) else { return nil }
        var listed = Set(marker.dropFirst(OutputWriter.markerHeading.count).split(separator: "\n").map(String.init))
        listed.formUnion(added)
        return OutputFile(path: OutputWriter.markerName, content: .text(OutputWriter.markerHeading + listed.sorted().joined(separator: "\n") + "\n"))
    }
}
