import MedsiteBase
import MedsiteParse
import MedsiteRender

/// The site-level search files a build writes once every page's terms are known (the pages'
/// result files were written in the second pass), and their update after a one-edit rebuild.
enum SiteSearch {
    /// The manifest and every shard. `entries`: each published page's id and `SearchEntry.terms`.
    static func indexFiles(_ entries: [(id: Int, terms: String)], settings: SiteSettings) -> [SearchIndex.File] {
        let index = SearchIndex(entries: entries)
        let manifest = SearchIndex.manifest(documents: entries.count,
                                            synonyms: SearchSynonyms.groups(language: settings.language, site: settings.searchSynonyms))
        return [SearchIndex.File(path: SearchIndex.manifestPath, text: manifest)] + index.shardFiles()
    }

    /// The search files that change when the articles at `changed` (inventory positions, their ids)
    /// are now `articles`; nil when a file of the index would go (a full build then), or
    /// the previous output's index is not what medsite writes.
    static func update(changed: [Int], articles: [Int: Article], pipeline: ArticlePipeline, output: String) -> [SearchIndex.File]? {
        func read(_ path: String) -> String? {
            let absolute = FileSystem.join(output, path)
            return FileSystem.exists(absolute) ? FileSystem.readText(absolute) : nil
        }
        var changes: [SearchIndex.Change] = []
        for id in changed {
            guard let article = articles[id] else { return nil }
            let new = pipeline.publication(of: article) == .published ? pipeline.searchEntry(article) : nil
            let previous = read(SearchIndex.documentPath(id))
            let old = previous.flatMap(SearchIndex.terms(ofDocument:))
            guard (previous == nil) == (old == nil), (old == nil) == (new == nil) else { return nil }
            changes.append(SearchIndex.Change(id: id, old: old, new: new))
        }
        return SearchIndex.update(changes, read: read)
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
