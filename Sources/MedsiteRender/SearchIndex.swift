/// The site's search index, split so that a search downloads only what its words need (as
/// Pagefind does): a small manifest; one shard per two-letter term prefix (`search/index/di.json`)
/// holding, for each term, how many pages use it and the best `postingsShown` of them; and one
/// result file per page (`search/doc/<id>.json`) with what a result shows. A term's other pages
/// are kept in `search/more/<prefix>.json`, which no search downloads: it is there so a one-edit
/// rebuild can update a term's list exactly as a full build would write it.
///
/// Files are written sorted (terms A to Z, pages by score then id), so output is byte-identical.
package struct SearchIndex: Sendable {
    /// One file of the index, relative to Output/.
    package struct File: Sendable, Equatable {
        package let path: String
        package let text: String
        package init(path: String, text: String) {
            self.path = path
            self.text = text
        }
    }

    /// Pages per term a shard holds: a term on more pages than this is a poor way to find one, and
    /// the best of them are the results anyone reads.
    package static let postingsShown = 50
    /// Each language has an index of its own, in its folder (`folder`: "", `es/`), so a search on
    /// the Spanish search page finds Spanish pages only.
    package static func manifestPath(folder: String = "") -> String { folder + "search/manifest.json" }
    package static func documentPath(_ id: Int, folder: String = "") -> String { folder + "search/doc/\(id).json" }
    package static func shardPath(_ prefix: String, folder: String = "") -> String { folder + "search/index/\(prefix).json" }
    package static func morePath(_ prefix: String, folder: String = "") -> String { folder + "search/more/\(prefix).json" }
    package static func prefix(of term: String) -> String { String(term.prefix(2)) }

    /// Term → (page id, score), in no particular order until written.
    private(set) var postings: [String: [(id: Int, score: Int)]] = [:]

    package init() {}

    /// `entries`: each page's id and `SearchEntry.terms`.
    package init(entries: [(id: Int, terms: String)]) {
        for entry in entries { add(id: entry.id, terms: entry.terms) }
    }

    package mutating func add(id: Int, terms: String) {
        for (term, score) in Self.parseTerms(terms) { postings[term, default: []].append((id, score)) }
    }

    package mutating func remove(id: Int, terms: String) {
        for (term, _) in Self.parseTerms(terms) {
            postings[term]?.removeAll { $0.id == id }
            if postings[term]?.isEmpty == true { postings[term] = nil }
        }
    }

    /// "term score term score" → pairs.
    package static func parseTerms(_ terms: String) -> [(String, Int)] {
        let parts = terms.split(separator: " ")
        return stride(from: 0, to: parts.count - 1, by: 2).compactMap { index in
            Int(parts[index + 1]).map { (String(parts[index]), $0) }
        }
    }

    package var prefixes: [String] { Set(postings.keys.map(Self.prefix)).sorted() }

    /// The shard and (when some term has more pages than a shard holds) the overflow file of each
    /// prefix; every prefix when `only` is nil.
    package func shardFiles(only: Set<String>? = nil, folder: String = "") -> [File] {
        var byPrefix: [String: [String]] = [:]
        for term in postings.keys {
            let prefix = Self.prefix(of: term)
            if only == nil || only!.contains(prefix) { byPrefix[prefix, default: []].append(term) }
        }
        var files: [File] = []
        for prefix in byPrefix.keys.sorted() {
            var shard = "{"
            var more = "{"
            for term in byPrefix[prefix]!.sorted() {
                let list = postings[term]!.sorted { ($1.score, $0.id) < ($0.score, $1.id) }
                if shard.count > 1 { shard += ",\n" }
                shard += "\"\(term)\":[\(list.count)"
                for posting in list.prefix(Self.postingsShown) { shard += ",\(posting.id),\(posting.score)" }
                shard += "]"
                if list.count > Self.postingsShown {
                    if more.count > 1 { more += ",\n" }
                    more += "\"\(term)\":[" + list.dropFirst(Self.postingsShown).map { "\($0.id),\($0.score)" }.joined(separator: ",") + "]"
                }
            }
            files.append(File(path: Self.shardPath(prefix, folder: folder), text: shard + "}\n"))
            if more.count > 1 { files.append(File(path: Self.morePath(prefix, folder: folder), text: more + "}\n")) }
        }
        return files
    }

    /// What search.js needs before it loads a shard: the stop words and the synonym groups (as
    /// index terms). Not the list of shards: a shard that is not there is a prefix no page uses,
    /// and a one-edit rebuild that adds one need not rewrite the manifest.
    package static func manifest(documents: Int, synonyms: [[[String]]]) -> String {
        var json = JSONBytes(capacity: 4096)
        json.openObject()
        json.member("version", 1)
        json.member("documents", documents)
        json.member("shown", postingsShown)
        json.openArray("stop")
        for word in SearchText.stopWords { json.element(word) }
        json.closeArray()
        json.openArray("synonyms")
        for group in synonyms {
            json.openArray()
            for phrase in group {
                json.openArray()
                for term in phrase { json.element(term) }
                json.closeArray()
            }
            json.closeArray()
        }
        json.closeArray()
        json.closeObject()
        return json.string + "\n"
    }

    // MARK: One-edit rebuilds

    /// One page whose text changed: its id, and its terms before and after (nil: not in the index).
    package struct Change: Sendable {
        package let id: Int
        package let old: String?
        package let new: SearchEntry?
        package init(id: Int, old: String?, new: SearchEntry?) {
            self.id = id
            self.old = old
            self.new = new
        }
    }

    /// The files a full build would now write differently, read from and checked against the
    /// previous output (`read`: an Output/ path's text, nil when there is none). nil when the change
    /// removes a file (no page uses a prefix any more): a full build then.
    package static func update(_ changes: [Change], folder: String = "", read: (String) -> String?) -> [File]? {
        var affected = Set<String>()
        for change in changes {
            for terms in [change.old, change.new?.terms].compactMap({ $0 }) {
                for (term, _) in parseTerms(terms) { affected.insert(prefix(of: term)) }
            }
        }
        var index = SearchIndex()
        var before: [String: String] = [:]
        for prefix in affected {
            for path in [shardPath(prefix, folder: folder), morePath(prefix, folder: folder)] {
                guard let text = read(path) else { continue }
                guard let lists = parseShard(text) else { return nil }
                before[path] = text
                let isShard = path == shardPath(prefix, folder: folder)
                for (term, numbers) in lists {
                    // A shard's list starts with the term's page count.
                    let pairs = isShard ? numbers.dropFirst() : numbers[...]
                    guard pairs.count % 2 == 0 else { return nil }
                    var iterator = pairs.makeIterator()
                    while let id = iterator.next(), let score = iterator.next() {
                        index.postings[term, default: []].append((id, score))
                    }
                }
            }
        }
        for change in changes {
            if let old = change.old { index.remove(id: change.id, terms: old) }
            if let new = change.new { index.add(id: change.id, terms: new.terms) }
        }
        let files = index.shardFiles(only: affected, folder: folder)
        guard Set(files.map(\.path)).isSuperset(of: before.keys) else { return nil }
        var result = files.filter { before[$0.path] != $0.text }
        for change in changes {
            if let new = change.new { result.append(File(path: documentPath(change.id, folder: folder), text: new.document)) }
        }
        return result
    }

    /// The `"k"` member of a result file: the page's terms.
    package static func terms(ofDocument text: String) -> String? {
        guard let start = text.range(of: "\"k\":\"") else { return nil }
        guard let end = text[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(text[start.upperBound..<end])
    }

    /// `{"term":[1,2,3],…}` as medsite writes it (terms are a–z and 0–9, no escapes); nil when the
    /// text is not in that form.
    static func parseShard(_ text: String) -> [(String, [Int])]? {
        var result: [(String, [Int])] = []
        let bytes = Array(text.utf8)
        var index = 0
        func skipSpace() { while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x2C { index += 1 } }
        guard bytes.first == UInt8(ascii: "{") else { return nil }
        index = 1
        while true {
            skipSpace()
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "}") { return result }
            guard bytes[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
            let termStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") { index += 1 }
            guard index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: ":"), bytes[index + 2] == UInt8(ascii: "[") else { return nil }
            let term = String(decoding: bytes[termStart..<index], as: UTF8.self)
            index += 3
            var numbers: [Int] = []
            var number = 0
            var digits = 0
            while index < bytes.count, bytes[index] != UInt8(ascii: "]") {
                let byte = bytes[index]
                if (48...57).contains(byte) {
                    number = number * 10 + Int(byte - 48)
                    digits += 1
                } else if byte == UInt8(ascii: ","), digits > 0 {
                    numbers.append(number)
                    (number, digits) = (0, 0)
                } else {
                    return nil
                }
                index += 1
            }
            guard index < bytes.count else { return nil }
            if digits > 0 { numbers.append(number) }
            index += 1
            result.append((term, numbers))
        }
    }
}
