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
                for number in numbers(in: text) { add("number " + number) }
                for word in words(in: text) where reversingWords.contains(word) { add("word " + word) }
            case .link, .image:
                add("address " + (node.url ?? ""))
            default:
                break
            }
        }
        for include in article.document.snippetIncludes { add("snippet " + include.name) }
        return hash.value
    }

    /// Runs of digits with the separators inside them (`1.5`, `1,000`, `24/7`, `5-10`).
    static func numbers(in text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var pendingSeparator: Character?
        for character in text {
            if character.isASCII, character.isNumber {
                if let separator = pendingSeparator, !current.isEmpty { current.append(separator) }
                pendingSeparator = nil
                current.append(character)
            } else if !current.isEmpty, pendingSeparator == nil, ".,/-–:".contains(character) {
                pendingSeparator = character
            } else {
                if !current.isEmpty { result.append(current) }
                current = ""
                pendingSeparator = nil
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Lowercase words, curly apostrophes straightened.
    static func words(in text: String) -> [String] {
        text.lowercased().replacing("’", with: "'")
            .split(whereSeparator: { !($0.isLetter || $0 == "'") })
            .map { String($0.trimmingPrefix("'")) }
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
