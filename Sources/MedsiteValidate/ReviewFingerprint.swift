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
            hash.add(text.contains("\r") ? text.replacingCRLF : text)
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
        var cardDepth = 0
        article.document.walk { node, entering in
            if node.isCareCard {
                cardDepth += entering ? 1 : -1
                if entering { add("card " + node.plainText) }
                return
            }
            guard entering else { return }
            switch node.kind {
            case .paragraph, .heading, .codeBlock, .tableCell, .tableCaption:
                guard cardDepth == 0 else { return }
                let text = node.kind == .codeBlock ? node.literal ?? "" : node.plainText
                addProtectedTokens(of: text, to: &hash)
            case .link, .image:
                add("address " + (node.url ?? ""))
            default:
                break
            }
        }
        for include in article.document.snippetIncludes { add("snippet " + include.name) }
        return hash.value
    }

    /// The reversing words as byte strings, by length, for the scan below (no String per word).
    static let reversingWordBytes: [Int: [[UInt8]]] = Dictionary(grouping: reversingWords.map { Array($0.utf8) }, by: \.count)

    /// Adds the text's numbers (runs of digits with the separators inside them: `1.5`, `1,000`,
    /// `24/7`, `5-10`) and its reversing words, in order, in one pass over its bytes.
    static func addProtectedTokens(of text: String, to hash: inout ContentHash) {
        var text = text
        text.withUTF8 { bytes in
            var word: [UInt8] = []
            word.reserveCapacity(16)
            var number: UInt64 = 0xcbf29ce484222325, inNumber = false, pendingSeparator: UInt8 = 0
            func endNumber() {
                if inNumber { hash.add(1); hash.add(number) }
                inNumber = false
                pendingSeparator = 0
                number = 0xcbf29ce484222325
            }
            func endWord() {
                while word.last == UInt8(ascii: "'") { word.removeLast() }
                if let candidates = reversingWordBytes[word.count], candidates.contains(word) {
                    hash.add(2)
                    hash.add(String(decoding: word, as: UTF8.self))
                }
                word.removeAll(keepingCapacity: true)
            }
            var index = 0
            while index < bytes.count {
                var byte = bytes[index]
                // ’ (E2 80 99) is an apostrophe.
                if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99 {
                    byte = UInt8(ascii: "'")
                    index += 2
                }
                index += 1
                if byte >= 48 && byte <= 57 {
                    if pendingSeparator != 0 { number = (number ^ UInt64(pendingSeparator)) &* 0x100000001b3 }
                    pendingSeparator = 0
                    number = (number ^ UInt64(byte)) &* 0x100000001b3
                    inNumber = true
                    endWord()
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
