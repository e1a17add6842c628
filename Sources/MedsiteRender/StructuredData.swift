import MedsiteBase
import MedsiteParse
import MedsiteValidate

/// Compact JSON with keys in the order written, so structured data and the search index are
/// byte-identical from one build to the next, written straight into a byte buffer (appending to a
/// `String` Character by Character cost ~1 M instructions per article page). A nil member is left
/// out, so optional front matter simply disappears. Safe inside an HTML `<script>` element: `<`,
/// `>` and `&` are written as `\u003c`…, so no text can close the element or open a comment, and
/// U+2028/U+2029 as escapes, so the text is valid JavaScript too.
struct JSONBytes {
    private(set) var bytes: [UInt8] = []
    /// Whether the next member of the open object or array needs a comma: false just after `{`, `[`
    /// or a key, true after any complete value (a closed object is a complete value of its parent).
    private var needsComma = false

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func int(_ value: Int) {
        var text = String(value)
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    // MARK: Objects and arrays written in place

    /// An object (or array) as the next element of an open array, or as the `key` member of an open object.
    mutating func openObject(_ key: StaticString? = nil) {
        if let key { self.key(key) } else { separate() }
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func openArray(_ key: StaticString? = nil) {
        if let key { self.key(key) } else { separate() }
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    mutating func closeObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    mutating func closeArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }

    /// A comma before every member of an open object or array but the first.
    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    /// `"key":` inside an open object; the value must follow.
    private mutating func key(_ key: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) } // keys are plain ASCII names
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func member(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
        needsComma = true
    }

    mutating func member(_ name: StaticString, _ value: Int) {
        key(name)
        int(value)
        needsComma = true
    }

    /// A string member of an open array.
    mutating func element(_ value: String) {
        separate()
        string(value)
        needsComma = true
    }

    /// A quoted, escaped string.
    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { write(quoted: $0) }
    }

    private mutating func write(quoted text: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var start = 0
        var index = 0
        let count = text.count
        while index < count {
            let byte = text[index]
            // Plain bytes (most of them) are copied in runs; 0xE2 may start U+2028/U+2029.
            guard Self.mayNeedEscape(byte) else {
                index += 1
                continue
            }
            if byte == 0xE2 {
                guard index + 2 < count, text[index + 1] == 0x80, text[index + 2] == 0xA8 || text[index + 2] == 0xA9 else {
                    index += 1
                    continue
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<index]))
            switch byte {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0xE2:
                unicodeEscape(text[index + 2] == 0xA8 ? 0x2028 : 0x2029)
                index += 2
            default: unicodeEscape(UInt32(byte))
            }
            index += 1
            start = index
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<count]))
        bytes.append(UInt8(ascii: "\""))
    }

    /// Controls, `"`, `&`, `<`, `>` (bits of the low word), `\\`, DEL (second word) and 0xE2 (fourth),
    /// as one bit test rather than eight comparisons a byte.
    @inline(__always)
    private static func mayNeedEscape(_ byte: UInt8) -> Bool {
        let word: UInt64
        switch byte >> 6 {
        case 0: word = 0x5000_0044_FFFF_FFFF // 0x00–0x1F, 0x22, 0x26, 0x3C, 0x3E
        case 1: word = 0x8000_0000_1000_0000 // 0x5C, 0x7F
        case 2: word = 0
        default: word = 0x0000_0004_0000_0000 // 0xE2
        }
        return word >> UInt64(byte & 63) & 1 == 1
    }

    /// `\u` and four lowercase hex digits.
    private mutating func unicodeEscape(_ value: UInt32) {
        bytes.append(0x5C)
        bytes.append(UInt8(ascii: "u"))
        for shift in stride(from: 12, through: 0, by: -4) {
            let digit = UInt8((value >> UInt32(shift)) & 0xF)
            bytes.append(digit < 10 ? 0x30 + digit : 0x57 + digit)
        }
    }
}

/// schema.org JSON-LD for article pages: a `MedicalWebPage` (review date, reviewers with their
/// credentials, the condition with its ICD-10 code, audience, sources as citations) and, for
/// short-answer pages, a `FAQPage` holding the question and its answer.
enum StructuredData {
    static func article(_ article: Article, settings: SiteSettings, breadcrumbs: [Breadcrumb]) -> String {
        let frontMatter = article.frontMatter
        let url = settings.baseURL + PageAddress.href(article.url)
        var json = JSONBytes(capacity: 2048)
        json.openObject()
        json.member("@context", "https://schema.org")
        json.openArray("@graph")

        json.openObject()
        json.member("@type", "MedicalWebPage")
        json.member("@id", url)
        json.member("url", url)
        json.member("name", article.title)
        json.member("headline", article.title)
        json.member("description", frontMatter.description)
        json.member("inLanguage", settings.language)
        json.openObject("isPartOf")
        json.member("@type", "WebSite")
        json.member("name", settings.title)
        json.member("url", settings.baseURL)
        json.closeObject()
        json.openObject("publisher")
        json.member("@type", "Organization")
        json.member("name", settings.title)
        json.member("url", settings.baseURL)
        json.closeObject()
        json.member("lastReviewed", frontMatter.lastReviewed?.iso)
        // When what it says last changed: its review, its change log, or a snippet's review.
        json.member("dateModified", article.lastModified?.iso)
        if !frontMatter.reviewers.isEmpty {
            json.openArray("reviewedBy")
            for reviewer in frontMatter.reviewers { person(reviewer, to: &json) }
            json.closeArray()
        }
        if !frontMatter.authors.isEmpty {
            json.openArray("author")
            for author in frontMatter.authors {
                json.openObject()
                json.member("@type", "Person")
                json.member("name", author)
                json.closeObject()
            }
            json.closeArray()
        }
        if let condition = frontMatter.condition {
            json.openObject("about")
            json.member("@type", "MedicalCondition")
            json.member("name", condition.name)
            if let icd10 = condition.icd10 {
                json.openObject("code")
                json.member("@type", "MedicalCode")
                json.member("codeValue", icd10)
                json.member("codingSystem", "ICD-10")
                json.closeObject()
            }
            json.closeObject()
        }
        json.openObject("medicalAudience")
        json.member("@type", "MedicalAudience")
        json.member("audienceType", audienceType(frontMatter.audience))
        json.closeObject()
        if !frontMatter.tags.isEmpty { json.member("keywords", frontMatter.tags.joined(separator: ", ")) }
        if !frontMatter.sources.isEmpty {
            json.openArray("citation")
            for source in frontMatter.sources { citation(source, to: &json) }
            json.closeArray()
        }
        if !breadcrumbs.isEmpty {
            // Breadcrumb addresses are site-relative (`conditions/pml/`); JSON-LD wants absolute ones.
            json.openObject("breadcrumb")
            json.member("@type", "BreadcrumbList")
            json.openArray("itemListElement")
            for (index, crumb) in breadcrumbs.enumerated() {
                json.openObject()
                json.member("@type", "ListItem")
                json.member("position", index + 1)
                json.member("name", crumb.name)
                json.member("item", settings.baseURL + PageAddress.href(crumb.path))
                json.closeObject()
            }
            json.closeArray()
            json.closeObject()
        }
        json.closeObject()

        if frontMatter.type == .shortAnswer, let question = frontMatter.question ?? frontMatter.title,
           let answer = frontMatter.description {
            json.openObject()
            json.member("@type", "FAQPage")
            json.member("@id", url + "#faq")
            json.member("url", url)
            json.member("inLanguage", settings.language)
            json.openArray("mainEntity")
            json.openObject()
            json.member("@type", "Question")
            json.member("name", question)
            json.openObject("acceptedAnswer")
            json.member("@type", "Answer")
            json.member("text", answer)
            json.closeObject()
            json.closeObject()
            json.closeArray()
            json.closeObject()
        }
        json.closeArray()
        json.closeObject()
        return json.string
    }

    static func person(_ reviewer: Reviewer, to json: inout JSONBytes) {
        json.openObject()
        json.member("@type", "Person")
        json.member("name", reviewer.name)
        if let credentials = reviewer.credentials {
            json.member("honorificSuffix", credentials)
            json.openObject("hasCredential")
            json.member("@type", "EducationalOccupationalCredential")
            json.member("name", credentials)
            json.closeObject()
        }
        json.closeObject()
    }

    static func citation(_ source: SourceReference, to json: inout JSONBytes) {
        json.openObject()
        json.member("@type", "CreativeWork")
        json.member("name", source.title)
        // Same defence in depth as the visible list: only addresses a reader can check.
        if FrontMatterDecoder.isPublicAddress(source.url) { json.member("url", source.url) }
        if let publisher = source.publisher {
            json.openObject("publisher")
            json.member("@type", "Organization")
            json.member("name", publisher)
            json.closeObject()
        }
        // ISO 8601, as schema.org's Date requires; the page itself shows the date as written.
        json.member("datePublished", source.isoDate)
        json.closeObject()
    }

    static func audienceType(_ audience: Audience) -> String {
        switch audience {
        case .patient: "Patient"
        case .caregiver: "Caregiver"
        case .clinician: "Clinician"
        }
    }
}
