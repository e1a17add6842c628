import MedsiteBase
import MedsiteParse

/// Finds whole-word, case-insensitive occurrences of phrases in text.
///
/// Works on UTF-8 bytes (ASCII case folding, curly apostrophes as straight ones, whitespace runs as
/// one space) so that checking thousands of pages stays cheap; every normalised byte remembers its
/// offset in the original text, so findings point at the exact column.
struct PhraseMatcher {
    /// Text normalised once and searched by any number of matchers.
    struct Haystack {
        let bytes: [UInt8]
        /// The UTF-8 offset in the original text of each normalised byte; nil when each is at its own
        /// offset (only letters were folded, the usual case).
        let origins: [Int]?

        init(_ text: String) {
            if let folded = PhraseMatcher.caseFoldedIfNothingElseChanges(text) {
                (bytes, origins) = (folded, nil)
            } else {
                (bytes, origins) = PhraseMatcher.normalizedBytes(text)
            }
        }

        func origin(of index: Int) -> Int { origins?[index] ?? index }
    }

    /// `normalizedBytes(text).bytes` when normalising only folds case (no curly apostrophe, tab, line
    /// break or run of spaces), so no origins are needed; nil otherwise. One cheap pass.
    static func caseFoldedIfNothingElseChanges(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { input -> [UInt8]? in
            var simple = true
            let folded = [UInt8](unsafeUninitializedCapacity: input.count) { output, count in
                var previous: UInt8 = 0
                for index in 0..<input.count {
                    let byte = input[index]
                    if byte == 9 || byte == 10 || byte == 13 || (byte == 32 && previous == 32)
                        || (byte == 0xE2 && index + 2 < input.count && input[index + 1] == 0x80
                            && (input[index + 2] == 0x98 || input[index + 2] == 0x99)) {
                        simple = false
                        count = 0
                        return
                    }
                    output[index] = byte &- 65 < 26 ? byte + 32 : byte
                    previous = byte
                }
                count = input.count
            }
            return simple ? folded : nil
        }
    }

    let phrases: [[UInt8]]
    /// Which of the lists given to `init` each phrase comes from: one scan serves them all.
    private let listOfPhrase: [Int]
    private let listCount: Int
    /// Every phrase's bytes back to back (phrase `n` is `flat[bounds[n]..<bounds[n + 1]]`), and the phrase
    /// numbers grouped by first byte (`byFirstByte[firstByteStart[b]..<firstByteStart[b + 1]]`): flat
    /// tables, so the scan neither retains nor releases anything per text position.
    private let flat: [UInt8]
    private let bounds: [Int]
    private let byFirstByte: [Int]
    private let firstByteStart: [Int]
    /// A bit for each (first byte, second byte) that starts a phrase: most word starts fail this test.
    private let pairs: [UInt64]
    private let hasOneBytePhrase: Bool
    /// The phrases of two bytes or more grouped by their first two bytes: `pairKeys` sorted, and the
    /// phrase numbers of `pairKeys[i]` are `byPair[pairStart[i]..<pairStart[i + 1]]`. A word start
    /// that passes `pairs` compares only the phrases that begin as it does.
    private let pairKeys: [UInt16]
    private let pairStart: [Int]
    private let byPair: [Int]
    /// A bit for a hash of the first four bytes of each phrase four bytes or longer, and a bit in
    /// `shortPairs` for each pair that starts a shorter one: common word starts ("th", "in", "co")
    /// pass `pairs`, and this second test keeps most of them from the look-up.
    private let quads: [UInt64]
    private let shortPairs: [UInt64]
    /// What `matchesByList` returns when nothing is found, made once (most texts match nothing).
    private let noMatches: [[(phrase: String, offset: Int)]]

    init(_ phrases: [String]) { self.init(lists: [phrases]) }

    init(lists: [[String]]) {
        var normalized: [[UInt8]] = [], listOfPhrase: [Int] = []
        for (list, phrases) in lists.enumerated() {
            for phrase in phrases.map({ Array(Self.normalize($0).utf8) }) where !phrase.isEmpty {
                normalized.append(phrase)
                listOfPhrase.append(list)
            }
        }
        self.phrases = normalized
        self.listOfPhrase = listOfPhrase
        listCount = lists.count
        var flat: [UInt8] = [], bounds = [0]
        for phrase in normalized {
            flat += phrase
            bounds.append(flat.count)
        }
        var byFirstByte: [Int] = [], firstByteStart: [Int] = []
        for byte in 0...255 {
            firstByteStart.append(byFirstByte.count)
            // Numbers stay in list order within a byte, as the order of findings at one offset depends on it.
            byFirstByte += normalized.indices.filter { Int(normalized[$0][0]) == byte }
        }
        firstByteStart.append(byFirstByte.count)
        (self.flat, self.bounds, self.byFirstByte, self.firstByteStart) = (flat, bounds, byFirstByte, firstByteStart)
        var pairs = [UInt64](repeating: 0, count: 65536 / 64)
        for phrase in normalized where phrase.count > 1 {
            let pair = Int(phrase[0]) << 8 | Int(phrase[1])
            pairs[pair >> 6] |= 1 << UInt64(pair & 63)
        }
        self.pairs = pairs
        var quads = [UInt64](repeating: 0, count: 65536 / 64), shortPairs = [UInt64](repeating: 0, count: 65536 / 64)
        for phrase in normalized where phrase.count > 1 {
            if phrase.count >= 4 {
                let quad = Self.quadHash(phrase[0], phrase[1], phrase[2], phrase[3])
                quads[quad >> 6] |= 1 << UInt64(quad & 63)
            } else {
                let pair = Int(phrase[0]) << 8 | Int(phrase[1])
                shortPairs[pair >> 6] |= 1 << UInt64(pair & 63)
            }
        }
        (self.quads, self.shortPairs) = (quads, shortPairs)
        hasOneBytePhrase = normalized.contains { $0.count == 1 }
        var groups: [UInt16: [Int]] = [:]
        for number in normalized.indices where normalized[number].count > 1 {
            groups[UInt16(normalized[number][0]) << 8 | UInt16(normalized[number][1]), default: []].append(number)
        }
        var pairKeys: [UInt16] = [], pairStart: [Int] = [], byPair: [Int] = []
        for key in groups.keys.sorted() {
            pairKeys.append(key)
            pairStart.append(byPair.count)
            byPair += groups[key]!
        }
        pairStart.append(byPair.count)
        (self.pairKeys, self.pairStart, self.byPair) = (pairKeys, pairStart, byPair)
        noMatches = [[(phrase: String, offset: Int)]](repeating: [], count: lists.count)
    }

    /// A 16-bit hash of four bytes, for `quads`.
    @inline(__always)
    private static func quadHash(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> Int {
        let quad = UInt32(a) | UInt32(b) << 8 | UInt32(c) << 16 | UInt32(d) << 24
        return Int((quad &* 0x9E37_79B1) >> 16)
    }

    /// The normalised form of a phrase as written in a list or in medsite.yml.
    static func normalize(_ text: String) -> String {
        let (bytes, _) = normalizedBytes(text.lowercased())
        var trimmed = bytes[...]
        while trimmed.first == 32 { trimmed.removeFirst() }
        while trimmed.last == 32 { trimmed.removeLast() }
        return String(decoding: trimmed, as: UTF8.self)
    }

    static func normalizedBytes(_ text: String) -> (bytes: [UInt8], origins: [Int]) {
        var text = text
        return text.withUTF8 { input in
            // The output is never longer than the input: write into uninitialised storage, no appends.
            var written = 0
            var origins: [Int] = []
            let bytes = [UInt8](unsafeUninitializedCapacity: input.count) { byteBuffer, byteCount in
                origins = [Int](unsafeUninitializedCapacity: input.count) { originBuffer, originCount in
                    var index = 0
                    var lastWasSpace = false
                    while index < input.count {
                        let byte = input[index]
                        // U+2018 / U+2019 (E2 80 98 / 99): curly apostrophes.
                        if byte == 0xE2, index + 2 < input.count, input[index + 1] == 0x80,
                           input[index + 2] == 0x98 || input[index + 2] == 0x99 {
                            byteBuffer[written] = UInt8(ascii: "'"); originBuffer[written] = index; written += 1
                            lastWasSpace = false
                            index += 3
                            continue
                        }
                        if byte == 32 || byte == 9 || byte == 10 || byte == 13 {
                            if !lastWasSpace { byteBuffer[written] = 32; originBuffer[written] = index; written += 1 }
                            lastWasSpace = true
                            index += 1
                            continue
                        }
                        lastWasSpace = false
                        byteBuffer[written] = byte &- 65 < 26 ? byte + 32 : byte
                        originBuffer[written] = index
                        written += 1
                        index += 1
                    }
                    originCount = written
                }
                byteCount = written
            }
            return (bytes, origins)
        }
    }

    /// Each phrase found in `text` (its first occurrence), with the UTF-8 offset where it starts.
    func matches(in text: String) -> [(phrase: String, offset: Int)] { matches(in: Haystack(text)) }

    func matches(in haystack: Haystack) -> [(phrase: String, offset: Int)] { matchesByList(in: haystack)[0] }

    /// `matches(in:)` for each list given to `init`, in one scan of the text.
    func matchesByList(in haystack: Haystack) -> [[(phrase: String, offset: Int)]] {
        guard !phrases.isEmpty else { return noMatches }
        if hasOneBytePhrase { return matchesByFirstByte(in: haystack) }
        let hits = haystack.bytes.withUnsafeBufferPointer { hay in
            flat.withUnsafeBufferPointer { flat in
            bounds.withUnsafeBufferPointer { bounds in
            pairs.withUnsafeBufferPointer { pairs in
            pairKeys.withUnsafeBufferPointer { pairKeys in
            pairStart.withUnsafeBufferPointer { pairStart in
            byPair.withUnsafeBufferPointer { byPair in
            quads.withUnsafeBufferPointer { quads in
            shortPairs.withUnsafeBufferPointer { shortPairs in
            Self.wordBytes.withUnsafeBufferPointer { wordBytes in
                Self.pairScan(hay, Tables(flat: flat, bounds: bounds, pairs: pairs, pairKeys: pairKeys, pairStart: pairStart,
                                          byPair: byPair, quads: quads, shortPairs: shortPairs, wordBytes: wordBytes))
            }}}}}}}}}}
        guard !hits.isEmpty else { return noMatches }
        var found = noMatches
        var seen = [Bool](repeating: false, count: phrases.count)
        for (number, start) in hits where !seen[number] {
            seen[number] = true
            let phrase = flat[bounds[number]..<bounds[number + 1]]
            found[listOfPhrase[number]].append((String(decoding: phrase, as: UTF8.self), haystack.origin(of: start)))
        }
        for list in found.indices where found[list].count > 1 {
            found[list].sort { ($0.offset, $0.phrase) < ($1.offset, $1.phrase) }
        }
        return found
    }

    /// The matcher's tables as the scan reads them: no reference counting inside the loop.
    private struct Tables {
        let flat: UnsafeBufferPointer<UInt8>, bounds: UnsafeBufferPointer<Int>, pairs: UnsafeBufferPointer<UInt64>
        let pairKeys: UnsafeBufferPointer<UInt16>, pairStart: UnsafeBufferPointer<Int>, byPair: UnsafeBufferPointer<Int>
        let quads: UnsafeBufferPointer<UInt64>, shortPairs: UnsafeBufferPointer<UInt64>, wordBytes: UnsafeBufferPointer<Bool>
    }

    /// `isWordByte` of every byte, for the scan's inner loop.
    private static let wordBytes: [Bool] = (0...255).map { isWordByte(UInt8($0)) }

    /// Every place a phrase of two bytes or more matches whole words: (phrase number, offset), in
    /// order of offset; a phrase may be found more than once.
    private static func pairScan(_ hay: UnsafeBufferPointer<UInt8>, _ tables: Tables) -> [(number: Int, start: Int)] {
        var hits: [(number: Int, start: Int)] = []
        let (flat, bounds, pairs, wordBytes) = (tables.flat, tables.bounds, tables.pairs, tables.wordBytes)
        let end = hay.count
        var start = 0
        while start + 1 < end {
            let first = hay[start]
            let pair = Int(first) << 8 | Int(hay[start + 1])
            var candidate = pairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0
            if candidate, start + 3 < end, tables.shortPairs[pair >> 6] & (1 << UInt64(pair & 63)) == 0 {
                let quad = quadHash(first, hay[start + 1], hay[start + 2], hay[start + 3])
                candidate = tables.quads[quad >> 6] & (1 << UInt64(quad & 63)) != 0
            }
            if candidate {
                // The group of this pair (it exists: its bit is set).
                let pairKeys = tables.pairKeys
                var low = 0, high = pairKeys.count
                while low < high {
                    let middle = (low + high) >> 1
                    if Int(pairKeys[middle]) < pair { low = middle + 1 } else { high = middle }
                }
                for slot in tables.pairStart[low]..<tables.pairStart[low + 1] {
                    let number = tables.byPair[slot]
                    let needleStart = bounds[number], count = bounds[number + 1] - needleStart
                    guard start + count <= end else { continue }
                    var matched = true
                    var k = 2
                    while k < count {
                        if hay[start + k] != flat[needleStart + k] { matched = false; break }
                        k += 1
                    }
                    if matched, isBoundary(hay, at: start - 1, edge: first),
                       isBoundary(hay, at: start + count, edge: flat[needleStart + count - 1]) {
                        hits.append((number, start))
                    }
                }
            }
            start += 1
            // A phrase starting with a letter or digit cannot start inside a word (the boundary
            // test would reject it), so the rest of a word is skipped.
            if wordBytes[Int(first)] { while start < end, wordBytes[Int(hay[start])] { start += 1 } }
        }
        return hits
    }

    /// `matchesByList` for matchers with a one-byte phrase, which the pair table cannot hold (and,
    /// in tests, the reference for the pair scan).
    func matchesByFirstByte(in haystack: Haystack) -> [[(phrase: String, offset: Int)]] {
        var found = [[(phrase: String, offset: Int)]](repeating: [], count: listCount)
        guard !phrases.isEmpty else { return found }
        var seen: [Bool] = [] // allocated at the first match: most texts have none
        haystack.bytes.withUnsafeBufferPointer { hay in
        flat.withUnsafeBufferPointer { flat in
        bounds.withUnsafeBufferPointer { bounds in
        byFirstByte.withUnsafeBufferPointer { byFirstByte in
        firstByteStart.withUnsafeBufferPointer { firstByteStart in
            var start = 0
            while start < hay.count {
                let first = hay[start]
                let isWord = Self.isWordByte(first)
                defer {
                    start += 1
                    // A phrase starting with a letter or digit cannot start inside a word (the boundary
                    // test below would reject it), and every candidate at `start` starts with `first`.
                    if isWord { while start < hay.count, Self.isWordByte(hay[start]) { start += 1 } }
                }
                let low = firstByteStart[Int(first)], high = firstByteStart[Int(first) + 1]
                guard low < high else { continue }
                for slot in low..<high {
                    let number = byFirstByte[slot]
                    if !seen.isEmpty, seen[number] { continue }
                    let needleStart = bounds[number], count = bounds[number + 1] - needleStart
                    guard start + count <= hay.count else { continue }
                    var matched = true
                    for k in 1..<count where hay[start + k] != flat[needleStart + k] {
                        matched = false
                        break
                    }
                    if matched, Self.isBoundary(hay, at: start - 1, edge: first),
                       Self.isBoundary(hay, at: start + count, edge: flat[needleStart + count - 1]) {
                        if seen.isEmpty { seen = [Bool](repeating: false, count: phrases.count) }
                        seen[number] = true
                        found[listOfPhrase[number]].append(
                            (String(decoding: UnsafeBufferPointer(rebasing: flat[needleStart..<needleStart + count]), as: UTF8.self),
                             haystack.origin(of: start)))
                    }
                }
            }
        }}}}}
        for list in found.indices where found[list].count > 1 {
            found[list].sort { ($0.offset, $0.phrase) < ($1.offset, $1.phrase) }
        }
        return found
    }

    /// A phrase that starts or ends with a letter or digit must not be part of a longer word ("rebuy now").
    static func isBoundary(_ text: UnsafeBufferPointer<UInt8>, at index: Int, edge: UInt8) -> Bool {
        guard index >= 0, index < text.count, isWordByte(edge) else { return true }
        return !isWordByte(text[index])
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 97 < 26 || byte &- 48 < 10 || byte >= 0x80
    }
}
