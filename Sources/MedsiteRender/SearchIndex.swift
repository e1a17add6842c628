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

    /// A page's id and its score for a term. 32 bits each: ids count a site's files and scores a
    /// page's uses of a word, and the postings are the largest thing a build holds while it writes
    /// the index.
    typealias Posting = (id: Int32, score: Int32)

    /// Term → postings, in no particular order until written.
    private(set) var postings: [String: [Posting]] = [:]

    package init() {}

    /// `entries`: each page's id and `SearchEntry.terms`.
    package init(entries: [(id: Int, terms: String)]) {
        for entry in entries { add(id: entry.id, terms: entry.terms) }
    }

    package mutating func add(id: Int, terms: String) {
        add(id: id, parsedTerms: Self.parseTerms(terms))
    }

    /// `add` with the terms already parsed (`parseTerms`), so a build can parse them outside its lock.
    package mutating func add(id: Int, parsedTerms: [(String, Int)]) {
        let id = Int32(clamping: id)
        for (term, score) in parsedTerms { postings[term, default: []].append((id, Int32(clamping: score))) }
    }

    /// "term score term score" → pairs.
    package static func parseTerms(_ terms: String) -> [(String, Int)] {
        if let parsed = parseASCIITerms(terms) { return parsed }
        let parts = terms.split(separator: " ")
        return stride(from: 0, to: parts.count - 1, by: 2).compactMap { index in
            Int(parts[index + 1]).map { (String(parts[index]), $0) }
        }
    }

    /// `parseTerms` on bytes, for ASCII text (what `SearchEntry` writes), where every space byte is
    /// a `Character` of its own: the same pairs without splitting into Substrings (a build parses
    /// every page's terms once more for the shards).
    private static func parseASCIITerms(_ terms: String) -> [(String, Int)]? {
        var terms = terms
        return terms.withUTF8 { bytes -> [(String, Int)]? in
            var parts: [Range<Int>] = []
            parts.reserveCapacity(bytes.count / 4)
            var start = -1
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x80 else { return nil }
                if byte == 32 {
                    if start >= 0 { parts.append(start..<index) }
                    start = -1
                } else if start < 0 {
                    start = index
                }
            }
            if start >= 0 { parts.append(start..<bytes.count) }
            var pairs: [(String, Int)] = []
            pairs.reserveCapacity(parts.count / 2)
            for index in stride(from: 0, to: parts.count - 1, by: 2) {
                let number = UnsafeBufferPointer(rebasing: bytes[parts[index + 1]])
                var score: Int?
                if number.count <= 18, number.allSatisfy({ $0 &- 48 < 10 }) {
                    score = number.reduce(0) { $0 * 10 + Int($1 - 48) }
                } else {
                    score = Int(String(decoding: number, as: UTF8.self))
                }
                guard let score else { continue }
                pairs.append((String(decoding: UnsafeBufferPointer(rebasing: bytes[parts[index]]), as: UTF8.self), score))
            }
            return pairs
        }
    }

    package var prefixes: [String] { Set(postings.keys.map(Self.prefix)).sorted() }

    /// The shard and (when some term has more pages than a shard holds) the overflow file of each
    /// prefix.
    package func shardFiles(folder: String = "") -> [File] {
        termsByPrefix.flatMap { shardFiles(prefix: $0.prefix, terms: $0.terms, folder: folder) }
    }

    /// Each prefix and its terms, prefixes A to Z: the shards a build writes one by one (on all
    /// cores, each written as it is made rather than the whole index's text held at once).
    package var termsByPrefix: [(prefix: String, terms: [String])] {
        var byPrefix: [String: [String]] = [:]
        for term in postings.keys { byPrefix[Self.prefix(of: term), default: []].append(term) }
        return byPrefix.keys.sorted().map { ($0, byPrefix[$0]!) }
    }

    /// One prefix's shard and overflow file; `terms`: the prefix's terms, in any order.
    package func shardFiles(prefix: String, terms: [String], folder: String = "") -> [File] {
        let entries = terms.sorted().map { Self.entries(term: $0, list: postings[$0]!) }
        return Self.files(prefix: prefix, folder: folder, shard: entries.map { $0.shard[...] }, more: entries.compactMap { $0.more?[...] })
    }

    /// A term's entries as a full build writes them: in the shard `"term":[count,id,score,…]` with
    /// the best `postingsShown` pages, in the overflow file `"term":[id,score,…]` with the rest.
    /// Written as bytes: string interpolation per posting cost as much as the rest of the index.
    static func entries(term: String, list unsorted: [Posting]) -> (shard: [UInt8], more: [UInt8]?) {
        let list = unsorted.sorted { ($1.score, $0.id) < ($0.score, $1.id) }
        let shard = entry(term: term, count: list.count, list.prefix(postingsShown))
        return (shard, list.count > postingsShown ? entry(term: term, count: nil, list.dropFirst(postingsShown)) : nil)
    }

    /// `"term":[count,id,score,…]`, written into storage sized for the longest numbers: a common
    /// term's lists hold thousands of numbers, which a one-edit rebuild writes again.
    private static func entry(term: String, count: Int?, _ postings: ArraySlice<Posting>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: term.utf8.count + 26 + 42 * postings.count) { buffer, initialized in
            var end = 0
            func put(_ byte: UInt8) {
                buffer[end] = byte
                end += 1
            }
            func put(number value: Int) {
                if value < 0 { put(UInt8(ascii: "-")) }
                var rest = value.magnitude, width = 1
                while rest >= 10 {
                    rest /= 10
                    width += 1
                }
                rest = value.magnitude
                for position in stride(from: end + width - 1, through: end, by: -1) {
                    buffer[position] = 48 + UInt8(rest % 10)
                    rest /= 10
                }
                end += width
            }
            put(UInt8(ascii: "\""))
            for byte in term.utf8 { put(byte) }
            put(UInt8(ascii: "\""))
            put(UInt8(ascii: ":"))
            put(UInt8(ascii: "["))
            var first = true
            if let count {
                put(number: count)
                first = false
            }
            for posting in postings {
                if !first { put(UInt8(ascii: ",")) }
                first = false
                put(number: Int(posting.id))
                put(UInt8(ascii: ","))
                put(number: Int(posting.score))
            }
            put(UInt8(ascii: "]"))
            initialized = end
        }
    }

    /// A prefix's shard and (when a term has entries there) overflow file, from entries in term order.
    static func files(prefix: String, folder: String, shard: [ArraySlice<UInt8>], more: [ArraySlice<UInt8>]) -> [File] {
        func object(_ entries: [ArraySlice<UInt8>]) -> String {
            var bytes: [UInt8] = [UInt8(ascii: "{")]
            bytes.reserveCapacity(entries.reduce(4) { $0 + $1.count + 2 })
            for (index, entry) in entries.enumerated() {
                if index > 0 { bytes.append(contentsOf: ",\n".utf8) }
                bytes.append(contentsOf: entry)
            }
            bytes.append(contentsOf: "}\n".utf8)
            return String(decoding: bytes, as: UTF8.self)
        }
        var files = [File(path: shardPath(prefix, folder: folder), text: object(shard))]
        if !more.isEmpty { files.append(File(path: morePath(prefix, folder: folder), text: object(more))) }
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
    /// removes a file (no page uses a prefix any more): a full build then. Only the terms a changed
    /// page gained, lost or scores differently are read into lists and written again; every other
    /// term of their shards is copied as it was written (each term's entry depends on its own pages
    /// alone), and a shard none of them is in is not touched.
    package static func update(_ changes: [Change], folder: String = "", read: (String) -> String?) -> [File]? {
        // A term's list changes only where a page's score for it changed (scores count uses, not
        // the page's length): a sentence added touches its own words, not the page's hundred others.
        var touched: [String: Set<String>] = [:]
        var changedPostings: [(id: Int, old: [(String, Int)], new: [(String, Int)])] = []
        for change in changes {
            let old = change.old.map(parseTerms) ?? [], new = change.new.map { parseTerms($0.terms) } ?? []
            var before: [String: Int] = [:]
            for (term, score) in old { before[term] = score }
            var after: [String: Int] = [:]
            for (term, score) in new { after[term] = score }
            let removed = old.filter { after[$0.0] != $0.1 }, added = new.filter { before[$0.0] != $0.1 }
            for (term, _) in removed + added { touched[prefix(of: term), default: []].insert(term) }
            changedPostings.append((change.id, removed, added))
        }
        var index = SearchIndex()
        var before: [String: String] = [:]
        // Per prefix, the entries of terms no change uses, as written.
        var kept: [String: [String: (shard: ArraySlice<UInt8>?, more: ArraySlice<UInt8>?)]] = [:]
        for (prefix, terms) in touched {
            for path in [shardPath(prefix, folder: folder), morePath(prefix, folder: folder)] {
                guard let text = read(path) else { continue }
                before[path] = text
                let isShard = path == shardPath(prefix, folder: folder)
                let bytes = Array(text.utf8)
                guard let entries = shardEntries(bytes) else { return nil }
                for (term, entry) in entries {
                    guard terms.contains(term) else {
                        if isShard { kept[prefix, default: [:]][term, default: (nil, nil)].shard = bytes[entry] }
                        else { kept[prefix, default: [:]][term, default: (nil, nil)].more = bytes[entry] }
                        continue
                    }
                    guard let numbers = listNumbers(bytes[entry]) else { return nil }
                    // A shard's list starts with the term's page count.
                    let pairs = isShard ? numbers.dropFirst() : numbers[...]
                    guard pairs.count % 2 == 0 else { return nil }
                    // One look-up per term, not one per posting.
                    var list = index.postings[term] ?? []
                    var iterator = pairs.makeIterator()
                    while let id = iterator.next(), let score = iterator.next() {
                        // Not a number medsite writes: a full build writes the shard again.
                        guard let id = Int32(exactly: id), let score = Int32(exactly: score) else { return nil }
                        list.append((id, score))
                    }
                    if !list.isEmpty { index.postings[term] = list }
                }
            }
        }
        for change in changedPostings {
            let id = Int32(clamping: change.id)
            for (term, _) in change.old {
                index.postings[term]?.removeAll { $0.id == id }
                if index.postings[term]?.isEmpty == true { index.postings[term] = nil }
            }
            for (term, score) in change.new { index.postings[term, default: []].append((id, Int32(clamping: score))) }
        }
        var files: [File] = []
        for prefix in touched.keys.sorted() {
            let copied = kept[prefix] ?? [:]
            let written = touched[prefix]!.filter { index.postings[$0] != nil }
            var shard: [ArraySlice<UInt8>] = [], more: [ArraySlice<UInt8>] = []
            for term in (Array(copied.keys) + written).sorted() {
                if let entry = copied[term] {
                    guard let entryInShard = entry.shard else { return nil } // a term in the overflow file alone
                    shard.append(entryInShard)
                    if let entryInMore = entry.more { more.append(entryInMore) }
                } else {
                    let entry = entries(term: term, list: index.postings[term]!)
                    shard.append(entry.shard[...])
                    if let entryInMore = entry.more { more.append(entryInMore[...]) }
                }
            }
            guard !shard.isEmpty else { return nil }
            let made = Self.files(prefix: prefix, folder: folder, shard: shard, more: more)
            guard before[morePath(prefix, folder: folder)] == nil || made.count == 2 else { return nil }
            files += made.filter { before[$0.path] != $0.text }
        }
        for change in changes {
            if let new = change.new { files.append(File(path: documentPath(change.id, folder: folder), text: new.document)) }
        }
        return files
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
        let bytes = Array(text.utf8)
        guard let entries = shardEntries(bytes) else { return nil }
        var result: [(String, [Int])] = []
        for (term, entry) in entries {
            guard let numbers = listNumbers(bytes[entry]) else { return nil }
            result.append((term, numbers))
        }
        return result
    }

    /// Each entry of a shard or overflow file: its term, and the bytes from its opening quote to the
    /// closing bracket of its list; nil when the text is not in the form medsite writes.
    static func shardEntries(_ bytes: [UInt8]) -> [(term: String, entry: Range<Int>)]? {
        var result: [(term: String, entry: Range<Int>)] = []
        guard bytes.first == UInt8(ascii: "{") else { return nil }
        var index = 1
        while true {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x2C { index += 1 }
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "}") { return result }
            guard bytes[index] == UInt8(ascii: "\"") else { return nil }
            let start = index
            index += 1
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") { index += 1 }
            guard index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: ":"), bytes[index + 2] == UInt8(ascii: "[") else { return nil }
            let term = String(decoding: bytes[(start + 1)..<index], as: UTF8.self)
            while index < bytes.count, bytes[index] != UInt8(ascii: "]") { index += 1 }
            guard index < bytes.count else { return nil }
            index += 1
            result.append((term, start..<index))
        }
    }

    /// The numbers of one entry, `"term":[1,2,3]`; nil when the list holds anything else.
    static func listNumbers(_ entry: ArraySlice<UInt8>) -> [Int]? {
        entry.withUnsafeBufferPointer { bytes -> [Int]? in
            guard let open = bytes.firstIndex(of: UInt8(ascii: "[")), bytes.last == UInt8(ascii: "]") else { return nil }
            var numbers: [Int] = []
            numbers.reserveCapacity((bytes.count - open) / 3)
            var number = 0
            var digits = 0
            for byte in bytes[(open + 1)..<(bytes.count - 1)] {
                let digit = byte &- 48
                if digit < 10 {
                    number = number &* 10 &+ Int(digit)
                    digits += 1
                } else if byte == UInt8(ascii: ","), digits > 0 {
                    numbers.append(number)
                    (number, digits) = (0, 0)
                } else {
                    return nil
                }
            }
            if digits > 0 { numbers.append(number) }
            return numbers
        }
    }
}
