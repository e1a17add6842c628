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
