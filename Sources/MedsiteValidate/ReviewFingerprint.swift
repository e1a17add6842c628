import MedsiteBase
import MedsiteParse

/// The SHA-256 fingerprint of what a reviewer vouches for: everything on the page a patient acts
/// on. In: the body, title, description, type, question, condition (name and ICD-10 code),
/// audience, sources (title, address, publisher, date) and disclaimer. Out: the review dates and
/// reviewers themselves (they describe the review), authors, tags, slug, draft, waivers and the
/// change log (bookkeeping that changes no advice). Line endings are normalised, so a checkout
/// with CRLF line endings has the same fingerprint.
public enum ReviewFingerprint {
    /// Bumped if the fields above change: every page then needs a new review to match, so never lightly.
    static let version = "medsite-review-fingerprint 1"

    public static func of(_ article: Article) -> ContentDigest {
        let frontMatter = article.frontMatter
        var hash = ContentHash()
        hash.add(version)
        func add(_ text: String?) {
            guard let text else { return hash.add(UInt64.max) }
            // Foundation's `contains` decides only when there is a CR byte at all: it bridges the text
            // to UTF-16 (the whole body, on every page) and answers false for a CR before a combining
            // mark, which fingerprints already recorded in ledgers depend on.
            hash.add(text.containsBytes("\r") && text.contains("\r") ? text.replacingCRLF : text)
        }
        add(frontMatter.title)
        add(frontMatter.description)
        add(frontMatter.type.rawValue)
        add(frontMatter.question)
        add(frontMatter.condition?.name)
        add(frontMatter.condition?.icd10)
        add(frontMatter.audience.rawValue)
        hash.add(UInt64(frontMatter.sources.count))
        for source in frontMatter.sources {
            add(source.title)
            add(source.url)
            add(source.publisher)
            add(source.date)
        }
        add(frontMatter.disclaimer)
        add(article.body)
        return hash.value
    }

    static let protectedVersion = "medsite-protected-fingerprint 1"

    /// Words that reverse or limit advice: a change that adds or removes one is never minor.
    static let reversingWords: Set<String> = [
        "no", "not", "never", "none", "nor", "neither", "without", "cannot", "can't", "don't", "doesn't", "didn't",
        "isn't", "aren't", "wasn't", "weren't", "won't", "wouldn't", "shouldn't", "mustn't", "mightn't", "needn't",
        "haven't", "hasn't", "avoid", "stop", "only", "unless", "except", "instead",
    ]

    /// What a minor change may not touch, from the front matter and the Markdown as written, in one
    /// pass over the body's bytes (no cmark walk: it runs for every page a build records).
    public static func protected(_ article: Article) -> ContentDigest {
        let frontMatter = article.frontMatter
        var hash = ContentHash()
        hash.add(protectedVersion)
        func add(_ text: String?) {
            guard let text else { return hash.add(UInt64.max) }
            hash.add(text.contains("\r") ? text.replacingCRLF : text)
        }
        for text in [frontMatter.title, frontMatter.description, frontMatter.type.rawValue, frontMatter.question,
                     frontMatter.condition?.name, frontMatter.condition?.icd10, frontMatter.audience.rawValue, frontMatter.disclaimer] {
            add(text)
        }
        hash.add(UInt64(frontMatter.sources.count))
        for source in frontMatter.sources {
            add(source.title)
            add(source.url)
            add(source.publisher)
            add(source.date)
        }
        var protected = ProtectedText()
        var body = article.body
        body.withUTF8 { protected.scan($0) }
        protected.bytes.withUnsafeBytes { hash.add(UInt64($0.count)); hash.addBytes($0) }
        return hash.value
    }

    /// The parts of Markdown a minor change may not touch, collected as bytes: every line of a quote
    /// whole (care cards and `> [!SNIPPET]` includes are quotes), every link and image address
    /// (`](…)`, `<https://…>`, `[label]: …`), every number (with the separators inside it: `1.5`,
    /// `1,000`, `24/7`, `5-10`) and every reversing word, lower-cased, curly apostrophes straightened.
    struct ProtectedText {
        var bytes: [UInt8] = []

        mutating func scan(_ text: UnsafeBufferPointer<UInt8>) {
            var start = 0
            while start < text.count {
                var end = start
                while end < text.count, text[end] != 10 { end += 1 }
                var lineEnd = end
                if lineEnd > start, text[lineEnd - 1] == 13 { lineEnd -= 1 }
                line(UnsafeBufferPointer(rebasing: text[start..<lineEnd]))
                start = end + 1
            }
        }

        mutating func line(_ line: UnsafeBufferPointer<UInt8>) {
            var first = 0
            while first < line.count, line[first] == 32 || line[first] == 9 { first += 1 }
            guard first < line.count else { return }
            // A quote line, or a link reference definition: kept whole.
            if line[first] == UInt8(ascii: ">") || (line[first] == UInt8(ascii: "[") && isReferenceDefinition(line, from: first)) {
                bytes += [UInt8(ascii: "q")]
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: line[first...]))
                bytes.append(10)
                return
            }
            addresses(line)
            tokens(line)
        }

        func isReferenceDefinition(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
            guard let close = line[start...].firstIndex(of: UInt8(ascii: "]")), close + 1 < line.count else { return false }
            return line[close + 1] == UInt8(ascii: ":")
        }

        /// `](destination)` and `<scheme:…>`.
        mutating func addresses(_ line: UnsafeBufferPointer<UInt8>) {
            var index = 0
            while index + 1 < line.count {
                if line[index] == UInt8(ascii: "]"), line[index + 1] == UInt8(ascii: "(") {
                    var end = index + 2, depth = 0
                    while end < line.count, !(line[end] == UInt8(ascii: ")") && depth == 0) {
                        if line[end] == UInt8(ascii: "(") { depth += 1 } else if line[end] == UInt8(ascii: ")") { depth -= 1 }
                        end += 1
                    }
                    bytes += [UInt8(ascii: "a")]
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: line[(index + 2)..<end]))
                    bytes.append(10)
                    index = end
                } else if line[index] == UInt8(ascii: "<"), let close = line[index...].firstIndex(of: UInt8(ascii: ">")),
                          line[index..<close].contains(UInt8(ascii: ":")) {
                    bytes += [UInt8(ascii: "a")]
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: line[(index + 1)..<close]))
                    bytes.append(10)
                    index = close
                }
                index += 1
            }
        }

        /// Numbers and reversing words, in order.
        mutating func tokens(_ line: UnsafeBufferPointer<UInt8>) {
            var word: [UInt8] = []
            var inNumber = false, pendingSeparator: UInt8 = 0
            func endNumber() {
                if inNumber { bytes.append(10) }
                inNumber = false
                pendingSeparator = 0
            }
            func endWord() {
                while word.last == UInt8(ascii: "'") { word.removeLast() }
                if let candidates = ReviewFingerprint.reversingWordBytes[word.count], candidates.contains(word) {
                    bytes += [UInt8(ascii: "w")]
                    bytes += word
                    bytes.append(10)
                }
                word.removeAll(keepingCapacity: true)
            }
            var index = 0
            while index < line.count {
                var byte = line[index]
                // ’ (E2 80 99) is an apostrophe.
                if byte == 0xE2, index + 2 < line.count, line[index + 1] == 0x80, line[index + 2] == 0x99 {
                    byte = UInt8(ascii: "'")
                    index += 2
                }
                index += 1
                if byte >= 48 && byte <= 57 {
                    endWord()
                    if !inNumber { bytes.append(UInt8(ascii: "n")) }
                    if pendingSeparator != 0 { bytes.append(pendingSeparator) }
                    pendingSeparator = 0
                    bytes.append(byte)
                    inNumber = true
                    continue
                }
                if inNumber, pendingSeparator == 0, byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "/")
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":") {
                    pendingSeparator = byte
                    continue
                }
                endNumber()
                let lower = byte &- 65 < 26 ? byte + 32 : byte
                if (lower >= 97 && lower <= 122) || byte == UInt8(ascii: "'") || byte >= 0x80 {
                    if !(word.isEmpty && byte == UInt8(ascii: "'")) { word.append(lower) }
                } else {
                    endWord()
                }
            }
            endNumber()
            endWord()
        }
    }

    /// The reversing words as byte strings, by length, for the scan (no String per word).
    static let reversingWordBytes: [Int: [[UInt8]]] = Dictionary(grouping: reversingWords.map { Array($0.utf8) }, by: \.count)
}

extension String {
    var replacingCRLF: String {
        var result = ""
        result.reserveCapacity(utf8.count)
        var previousWasCR = false
        for scalar in unicodeScalars {
            if previousWasCR, scalar != "\n" { result.unicodeScalars.append("\n") }
            previousWasCR = scalar == "\r"
            if !previousWasCR { result.unicodeScalars.append(scalar) }
        }
        if previousWasCR { result.unicodeScalars.append("\n") }
        return result
    }
}
