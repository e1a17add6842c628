import MedsiteBase
import Synchronization
import MedsiteParse
import MedsiteRender

/// The site-level search files a build writes once every page's terms are known (the pages'
/// result files were written in the second pass), and their update after a one-edit rebuild.
enum SiteSearch {
    /// Each language's index, filled while pass 2 writes the pages: a page's terms go into the
    /// index as soon as its result file is written, instead of every page's terms being held as
    /// text until the last page is done and parsed then, on one core.
    final class Collector: Sendable {
        private struct Language {
            var index = SearchIndex()
            var documents = 0

            mutating func add(id: Int, parsedTerms: [(String, Int)]) {
                index.add(id: id, parsedTerms: parsedTerms)
                documents += 1
            }
        }
        /// Keyed by language code; "" is the site's own language.
        private let languages = Mutex<[String: Language]>([:])

        init() {}

        /// The published page `id` (its inventory position), with `SearchEntry.terms` and its
        /// language code (nil: the site's own).
        func add(id: Int, terms: String, language: String?) {
            let parsed = SearchIndex.parseTerms(terms)
            languages.withLock { $0[language ?? "", default: Language()].add(id: id, parsedTerms: parsed) }
        }

        /// Writes the manifest and every shard of each language's index through `write`, returning
        /// its first failure, and lets the indexes go (what the build saves in its cache next does
        /// not need them). `languages`: the codes of the translation languages that have pages (and
        /// a search page); one whose pages are all withheld still gets an empty index.
        func write(settings: SiteSettings, languages codes: [String], serial: Bool = false,
                   write: @Sendable (SearchIndex.File) -> OutputError?) -> OutputError? {
            let collected = languages.withLock { languages in
                defer { languages = [:] }
                return languages
            }
            for code in [nil] + codes {
                let language = collected[code ?? ""] ?? Language()
                if let failure = SiteSearch.writeIndex(language.index, documents: language.documents,
                                                       settings: code.map(settings.localized) ?? settings, serial: serial, write: write) {
                    return failure
                }
            }
            return nil
        }
    }

    /// One language's manifest and shards, in its folder; each shard is written as soon as it is
    /// made, on all cores.
    static func writeIndex(_ index: SearchIndex, documents: Int, settings: SiteSettings, serial: Bool,
                           write: @Sendable (SearchIndex.File) -> OutputError?) -> OutputError? {
        let manifest = SearchIndex.manifest(documents: documents,
                                            synonyms: SearchSynonyms.groups(language: settings.language, site: settings.searchSynonyms))
        let folder = settings.languageFolder
        if let failure = write(SearchIndex.File(path: SearchIndex.manifestPath(folder: folder), text: manifest)) { return failure }
        return index.termsByPrefix.parallelMap(serial: serial) { group -> OutputError? in
            for file in index.shardFiles(prefix: group.prefix, terms: group.terms, folder: folder) {
                if let failure = write(file) { return failure }
            }
            return nil
        }.lazy.compactMap { $0 }.first
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
        return OutputFile(path: OutputWriter.markerName, content: .bytes(mergedAsWritten(marker, adding: added) ?? merged(marker, adding: added)))
    }

    /// The marker's lines and `added`, each once, sorted, under the heading.
    static func merged(_ marker: String, adding added: [String]) -> [UInt8] {
        var listed = Set(marker.dropFirst(OutputWriter.markerHeading.count).split(separator: "\n").map(String.init))
        listed.formUnion(added)
        return Array((OutputWriter.markerHeading + listed.sorted().joined(separator: "\n") + "\n").utf8)
    }

    /// `marker(adding:)`'s text on bytes, for a marker as medsite writes it (ASCII, one file per
    /// line, sorted, none twice) and ASCII additions, where byte order is String order: the added
    /// paths are merged into the sorted lines instead of every line (a line per file of the site)
    /// becoming a String, a set member and a sort key (166 M instructions at 10,000 articles). nil
    /// for any other marker, which `merged` rewrites.
    static func mergedAsWritten(_ marker: String, adding added: [String]) -> [UInt8]? {
        func isPlain(_ bytes: some Collection<UInt8>) -> Bool { bytes.allSatisfy { $0 < 0x80 && $0 != 10 && $0 != 13 } }
        guard added.allSatisfy({ !$0.isEmpty && isPlain($0.utf8) }) else { return nil }
        func precedes(_ left: some Collection<UInt8>, _ right: some Collection<UInt8>) -> Bool { left.lexicographicallyPrecedes(right) }
        var additions = added.map { Array($0.utf8) }.sorted(by: precedes)
        additions = additions.indices.filter { $0 == 0 || additions[$0 - 1] != additions[$0] }.map { additions[$0] }
        var marker = marker
        return marker.withUTF8 { bytes -> [UInt8]? in
            let headingLength = OutputWriter.markerHeading.utf8.count
            guard bytes.count >= headingLength, bytes.allSatisfy({ $0 < 0x80 && $0 != 13 }) else { return nil }
            var lines: [Range<Int>] = []
            var start = headingLength
            for index in headingLength...bytes.count where index == bytes.count || bytes[index] == 10 {
                if index > start { lines.append(start..<index) }
                start = index + 1
            }
            for number in lines.indices.dropFirst() where !precedes(bytes[lines[number - 1]], bytes[lines[number]]) { return nil }
            var merged: [UInt8] = []
            merged.reserveCapacity(bytes.count + additions.reduce(0) { $0 + $1.count + 1 })
            merged.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<headingLength]))
            var next = 0
            func append(_ line: some Collection<UInt8>) {
                merged.append(contentsOf: line)
                merged.append(10)
            }
            for line in lines {
                let text = UnsafeBufferPointer(rebasing: bytes[line])
                while next < additions.count, precedes(additions[next], text) { append(additions[next]); next += 1 }
                if next < additions.count, additions[next].elementsEqual(text) { next += 1 }
                append(text)
            }
            while next < additions.count { append(additions[next]); next += 1 }
            return merged
        }
    }
}
