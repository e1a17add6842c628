/// A JSON value with ordered keys, so structured data and the search index are byte-identical
/// from one build to the next (Foundation's encoders do not promise key order).
indirect enum EmbeddedJSON: Sendable, Equatable {
    case string(String)
    case bool(Bool)
    case int(Int)
    case array([EmbeddedJSON])
    case object([(String, EmbeddedJSON)])

    static func == (lhs: EmbeddedJSON, rhs: EmbeddedJSON) -> Bool { lhs.serialized == rhs.serialized }

    /// An object that leaves out keys whose value is nil, so optional front matter simply disappears.
    static func object(_ pairs: [(String, EmbeddedJSON?)]) -> EmbeddedJSON {
        .object(pairs.compactMap { key, value in value.map { (key, $0) } })
    }

    /// Compact JSON that is also safe inside an HTML `<script>` element: `<`, `>` and `&` are written
    /// as `\u003c`… so no text can close the element or open a comment, and U+2028/U+2029 as escapes
    /// so the text is valid JavaScript too.
    var serialized: String {
        var output = ""
        write(to: &output)
        return output
    }

    func write(to output: inout String) {
        switch self {
        case .string(let text): Self.writeString(text, to: &output)
        case .bool(let value): output += value ? "true" : "false"
        case .int(let value): output += String(value)
        case .array(let values):
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += "," }
                value.write(to: &output)
            }
            output += "]"
        case .object(let pairs):
            output += "{"
            for (index, (key, value)) in pairs.enumerated() {
                if index > 0 { output += "," }
                Self.writeString(key, to: &output)
                output += ":"
                value.write(to: &output)
            }
            output += "}"
        }
    }

    static func writeString(_ text: String, to output: inout String) {
        output += "\""
        // Most text needs no escape at all: copy it whole. 0xE2 starts U+2028/U+2029 in UTF-8.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x7F || $0 == 0xE2 }) {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                output += unicodeEscape(scalar.value)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    output += unicodeEscape(scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

/// schema.org JSON-LD for article pages: a `MedicalWebPage` (review date, reviewers with their
/// credentials, the condition with its ICD-10 code, audience, sources as citations) and, for
/// short-answer pages, a `FAQPage` holding the question and its answer.
enum StructuredData {
    static func article(_ article: Article, settings: SiteSettings, breadcrumbs: [Breadcrumb]) -> String {
        let frontMatter = article.frontMatter
        let url = settings.baseURL + article.url
        let website: EmbeddedJSON = .object([("@type", .string("WebSite")), ("name", .string(settings.title)),
                                          ("url", .string(settings.baseURL))])
        let publisher: EmbeddedJSON = .object([("@type", .string("Organization")), ("name", .string(settings.title)),
                                            ("url", .string(settings.baseURL))])
        let reviewers: EmbeddedJSON? = frontMatter.reviewers.isEmpty ? nil : .array(frontMatter.reviewers.map(person))
        let authors: [EmbeddedJSON] = frontMatter.authors.map { .object([("@type", .string("Person")), ("name", .string($0))]) }
        let audience: EmbeddedJSON = .object([("@type", .string("MedicalAudience")),
                                           ("audienceType", .string(audienceType(frontMatter.audience)))])
        let citations: EmbeddedJSON? = frontMatter.sources.isEmpty ? nil : .array(frontMatter.sources.map(citation))
        var fields: [(String, EmbeddedJSON?)] = [
            ("@type", .string("MedicalWebPage")),
            ("@id", .string(url)),
            ("url", .string(url)),
            ("name", .string(article.title)),
            ("headline", .string(article.title)),
        ]
        fields.append(("description", frontMatter.description.map(EmbeddedJSON.string)))
        fields.append(("inLanguage", .string(settings.language)))
        fields.append(("isPartOf", website))
        fields.append(("publisher", publisher))
        fields.append(("lastReviewed", frontMatter.lastReviewed.map { EmbeddedJSON.string($0.iso) }))
        fields.append(("reviewedBy", reviewers))
        fields.append(("author", authors.isEmpty ? nil : EmbeddedJSON.array(authors)))
        fields.append(("about", frontMatter.condition.map(condition)))
        fields.append(("medicalAudience", audience))
        fields.append(("keywords", frontMatter.tags.isEmpty ? nil : EmbeddedJSON.string(frontMatter.tags.joined(separator: ", "))))
        fields.append(("citation", citations))
        fields.append(("breadcrumb", breadcrumbList(breadcrumbs, settings: settings)))
        let page = EmbeddedJSON.object(fields)
        var graph = [page]
        if frontMatter.type == .shortAnswer, let question = frontMatter.question ?? frontMatter.title,
           let answer = frontMatter.description {
            graph.append(.object([
                ("@type", .string("FAQPage")),
                ("@id", .string(url + "#faq")),
                ("url", .string(url)),
                ("inLanguage", .string(settings.language)),
                ("mainEntity", .array([.object([
                    ("@type", .string("Question")),
                    ("name", .string(question)),
                    ("acceptedAnswer", .object([("@type", .string("Answer")), ("text", .string(answer))])),
                ])])),
            ]))
        }
        return EmbeddedJSON.object([("@context", .string("https://schema.org")), ("@graph", .array(graph))]).serialized
    }

    static func person(_ reviewer: Reviewer) -> EmbeddedJSON {
        .object([
            ("@type", .string("Person")),
            ("name", .string(reviewer.name)),
            ("honorificSuffix", reviewer.credentials.map(EmbeddedJSON.string)),
            ("hasCredential", reviewer.credentials.map {
                .object([("@type", .string("EducationalOccupationalCredential")), ("name", .string($0))])
            }),
        ])
    }

    static func condition(_ condition: Condition) -> EmbeddedJSON {
        .object([
            ("@type", .string("MedicalCondition")),
            ("name", .string(condition.name)),
            ("code", condition.icd10.map {
                .object([("@type", .string("MedicalCode")), ("codeValue", .string($0)), ("codingSystem", .string("ICD-10"))])
            }),
        ])
    }

    static func citation(_ source: SourceReference) -> EmbeddedJSON {
        .object([
            ("@type", .string("CreativeWork")),
            ("name", .string(source.title)),
            // Same defence in depth as the visible list: only addresses a reader can check.
            ("url", FrontMatterDecoder.isPublicAddress(source.url) ? .string(source.url) : nil),
            ("publisher", source.publisher.map { .object([("@type", .string("Organization")), ("name", .string($0))]) }),
            ("datePublished", source.date.map(EmbeddedJSON.string)),
        ])
    }

    static func audienceType(_ audience: Audience) -> String {
        switch audience {
        case .patient: "Patient"
        case .caregiver: "Caregiver"
        case .clinician: "Clinician"
        }
    }

    /// Breadcrumb addresses are site-relative (`conditions/pml/`); JSON-LD wants absolute ones.
    static func breadcrumbList(_ breadcrumbs: [Breadcrumb], settings: SiteSettings) -> EmbeddedJSON? {
        guard !breadcrumbs.isEmpty else { return nil }
        return .object([
            ("@type", .string("BreadcrumbList")),
            ("itemListElement", .array(breadcrumbs.enumerated().map { index, crumb in
                .object([("@type", .string("ListItem")), ("position", .int(index + 1)),
                         ("name", .string(crumb.name)), ("item", .string(settings.baseURL + crumb.path))])
            })),
        ])
    }
}
