import Yams
import MedsiteBase

/// Decodes front-matter YAML into `FrontMatter`, reporting each problem at its real line.
public enum FrontMatterDecoder {
    /// No implicit-tag rules: the reader asks each scalar itself whether it is a number, boolean or
    /// null (Yams' constructors do not consult resolved tags). The default resolver runs up to seven
    /// ICU regexes per scalar whenever Yams hashes a key for its duplicate check (callgrind: 14% of a
    /// build's instructions).
    /// The encoding is given explicitly: Yams' default reads the process environment on every call
    /// (callgrind: 10% of a build's instructions).
    static let resolver = Resolver.basic

    /// Which front matter a file has: an article's, or a snippet's (`FrontMatterField.snippetFields`).
    public enum Profile: Sendable {
        case article, snippet

        var fields: [FrontMatterField] { self == .article ? FrontMatterField.allCases : FrontMatterField.snippetFields }
        func requires(_ field: FrontMatterField) -> Bool { self == .article ? field.isRequired : field.isRequiredInSnippet }
    }

    public static func decode(_ split: SplitArticle, file: String, defaultSlug: String,
                              settings: SiteSettings, profile: Profile = .article) -> (FrontMatter, [Diagnostic]) {
        let defaultSlug = PageAddress.normalized(defaultSlug)
        var frontMatter = FrontMatter(slug: defaultSlug, disclaimer: settings.defaultDisclaimer)
        let source = YAMLSource(split.yaml, lineOffset: split.yamlLineOffset)
        var reader = YAMLReader(file: file, source: source)
        let root: YAMLNode?
        do {
            root = try YAMLTree.compose(yaml: split.yaml, resolver: FrontMatterDecoder.resolver)
        } catch {
            return (frontMatter, [YAMLErrorMapper.diagnostic(for: error, file: file, source: source, rule: .frontmatterSyntax)])
        }
        var present = Set<FrontMatterField>()
        if let root { reader.checkLayout(root) }
        let known = profile == .article ? knownNames : snippetNames
        if let root, let fields = reader.fields(of: root, known: known, context: "front matter", at: .start) {
            frontMatter.positions.reserveCapacity(fields.count)
            for field in fields {
                // `fields(of:known:)` keeps only known names, so every key is a field.
                guard let name = FrontMatterField(rawValue: field.key) else { continue }
                present.insert(name)
                frontMatter.positions[field.key] = field.valuePosition
                decodeField(name, field, into: &frontMatter, reader: &reader, settings: settings)
            }
        }
        // A missing field is reported at the closing `---`: the line to add it above.
        let closing = SourcePosition(line: split.bodyLineOffset)
        for required in profile.fields where profile.requires(required) && !present.contains(required) {
            reader.sink.report(.requiredField, at: closing, "'\(required.name)' is required",
                               fix: required.missingFix + ", above the closing '---' on line \(closing.line)")
        }
        // A snippet has no page, so no address and no question; its name is checked where snippets load.
        if profile == .article {
            checkPageFields(frontMatter, present: present, defaultSlug: defaultSlug, settings: settings, reader: &reader)
        }
        if let last = frontMatter.lastReviewed {
            if frontMatter.nextReview == nil {
                frontMatter.nextReview = last.adding(months: settings.reviewIntervalMonths)
            }
        }
        return (frontMatter, reader.sink.diagnostics)
    }

    /// A page's question (short answers) and the address its file name gives.
    private static func checkPageFields(_ frontMatter: FrontMatter, present: Set<FrontMatterField>, defaultSlug: String, settings: SiteSettings,
                                        reader: inout YAMLReader) {
        if frontMatter.type == .shortAnswer, !present.contains(.question) {
            reader.sink.report(.requiredField, at: frontMatter.position(of: .type),
                               "'question' is required for a short-answer page",
                               fix: "add 'question:' with the patient's question, ending in '?'")
        }
        if !present.contains(.slug), defaultSlug.utf8.count > FrontMatter.maximumSlugLength {
            reader.sink.report(.invalidSlug, at: .start,
                               "the file name gives a slug of \(defaultSlug.utf8.count) characters; a page address can have at most \(FrontMatter.maximumSlugLength)",
                               fix: "rename the file to a few words that say what the page is about, or add 'slug: \(suggestedSlug(from: String(defaultSlug.prefix(60))))'")
        } else if !present.contains(.slug), !FrontMatter.isValidSlug(defaultSlug) || FrontMatter.reservedSlugs.contains(defaultSlug) {
            reader.sink.report(.invalidSlug, at: .start,
                               "the file name gives the slug '\(defaultSlug)', which cannot be used as an address",
                               fix: "rename the file to lowercase words joined by hyphens, or add 'slug: \(suggestedSlug(from: defaultSlug))'")
        } else if !present.contains(.slug), let language = languageFolder(defaultSlug, settings: settings) {
            reader.sink.report(.invalidSlug, at: .start,
                               "the file name gives the slug '\(defaultSlug)', the folder of the pages in \(language.name) (/\(language.code)/)",
                               fix: "rename the file, or add 'slug: \(defaultSlug)-guide'")
        }
    }

    /// The translation language whose folder a page in the site's language would take with this slug.
    static func languageFolder(_ slug: String, settings: SiteSettings) -> LanguageSettings? {
        settings.languageCode == nil ? settings.languages.first { $0.code == slug } : nil
    }

    /// The names `fields(of:known:)` accepts, in `FrontMatterField` order (its suggestions follow it).
    static let knownNames = FrontMatterField.allCases.map(\.name)
    static let snippetNames = FrontMatterField.snippetFields.map(\.name)

    /// One field's value into `frontMatter`. The switch is exhaustive: a new `FrontMatterField` case
    /// does not compile until it is decoded here.
    private static func decodeField(_ name: FrontMatterField, _ field: YAMLField, into frontMatter: inout FrontMatter,
                                    reader: inout YAMLReader, settings: SiteSettings) {
        switch name {
        case .title: frontMatter.title = reader.text(field)
        case .description: frontMatter.description = reader.text(field)
        case .question: frontMatter.question = reader.text(field)
        case .slug:
            guard let slug = reader.text(field).map(PageAddress.normalized) else { return }
            if slug.utf8.count > FrontMatter.maximumSlugLength {
                reader.sink.report(.invalidSlug, at: field.valuePosition,
                                   "the slug is \(slug.utf8.count) characters long; a page address can have at most \(FrontMatter.maximumSlugLength)",
                                   fix: "use a shorter slug, a few words that say what the page is about, like 'slug: \(suggestedSlug(from: String(slug.prefix(60))))'")
            } else if !FrontMatter.isValidSlug(slug) {
                reader.sink.report(.invalidSlug, at: field.valuePosition,
                                   "slug '\(slug)' must be lowercase letters and digits joined by single hyphens",
                                   fix: "use 'slug: \(suggestedSlug(from: slug))'")
            } else if FrontMatter.reservedSlugs.contains(slug) {
                reader.sink.report(.invalidSlug, at: field.valuePosition,
                                   "slug '\(slug)' is reserved for medsite's own pages",
                                   fix: "choose another slug, for example '\(slug)-guide'")
            } else if let language = languageFolder(slug, settings: settings) {
                reader.sink.report(.invalidSlug, at: field.valuePosition,
                                   "slug '\(slug)' is the folder of the pages in \(language.name) (/\(language.code)/)",
                                   fix: "choose another slug, for example '\(slug)-guide'")
            } else {
                frontMatter.slug = slug
            }
        case .type:
            if let value = reader.choice(field, among: ArticleType.allCases.map(\.rawValue)) {
                frontMatter.type = ArticleType(rawValue: value)!
            }
        case .audience:
            if let value = reader.choice(field, among: Audience.allCases.map(\.rawValue)) {
                frontMatter.audience = Audience(rawValue: value)!
            }
        case .condition:
            frontMatter.condition = condition(field, reader: &reader)
            if let name = frontMatter.condition?.name, !fitsAnAddress(name) {
                reader.sink.report(.invalidField, at: field.valuePosition,
                                   "the condition '\(name.prefix(40))…' is too long: each condition has a page (/conditions/…/), and an address can have at most \(FrontMatter.maximumSlugLength) characters",
                                   fix: "use the condition's usual name, a few words")
                frontMatter.condition = nil
            }
        case .lastReviewed: frontMatter.lastReviewed = reader.date(field)
        case .nextReview:
            frontMatter.nextReview = reader.date(field)
            frontMatter.nextReviewIsExplicit = frontMatter.nextReview != nil
        case .reviewedBy: frontMatter.reviewers = reviewers(field, reader: &reader)
        case .changes: frontMatter.changes = changes(field, reader: &reader)
        case .authors: frontMatter.authors = reader.textList(field) ?? []
        case .aliases:
            for written in reader.textList(field) ?? [] {
                switch PageAlias.normalize(written, baseURL: settings.baseURL) {
                case .success(let alias):
                    if !frontMatter.aliases.contains(alias) { frontMatter.aliases.append(alias) }
                case .failure(let problem):
                    reader.sink.report(.invalidField, at: field.valuePosition, "the alias '\(written)' \(problem.message)",
                                       fix: "write the page's old address on this site as a path, like '- /old-page-name/'")
                }
            }
        case .tags:
            frontMatter.tags = reader.textList(field) ?? []
            if case .scalar = field.value, let tag = frontMatter.tags.first, tag.contains(",") {
                let tags = tag.split(separator: ",").map(\.trimmingWhitespace).filter { !$0.isEmpty }
                reader.sink.report(.invalidField, at: field.valuePosition,
                                   "'tags' is one tag, '\(tag)': in YAML a comma does not separate tags",
                                   fix: "write a list: tags: [\(tags.joined(separator: ", "))]", severity: .warning,
                                   sourceLine: reader.source.fileLine(field.valuePosition.line))
            }
            for tag in frontMatter.tags where !fitsAnAddress(tag) {
                reader.sink.report(.invalidField, at: field.valuePosition,
                                   "the tag '\(tag.prefix(40))…' is too long: each tag has a page (/tags/…/), and an address can have at most \(FrontMatter.maximumSlugLength) characters",
                                   fix: "use a shorter tag, a word or two")
            }
            frontMatter.tags = frontMatter.tags.filter(fitsAnAddress)
        case .alsoCalled: frontMatter.alsoCalled = reader.textList(field) ?? []
        case .sources: frontMatter.sources = sources(field, reader: &reader)
        case .disclaimer:
            guard let key = reader.text(field) else { return }
            if settings.disclaimerText(for: key) == nil {
                let keys = settings.disclaimers.map(\.key)
                let suggestion = Suggestion.closest(to: key, among: keys)
                reader.sink.report(.unknownDisclaimer, at: field.valuePosition,
                                   "disclaimer '\(key)' is not defined in medsite.yml (known: \(keys.joined(separator: ", ")))"
                                       + (suggestion.map { ": did you mean '\($0)'?" } ?? ""),
                                   fix: "use one of the known keys, or add '\(key):' under 'disclaimers:' in medsite.yml")
            } else {
                frontMatter.disclaimer = key
            }
        case .draft: frontMatter.draft = reader.bool(field) ?? false
        case .waive: frontMatter.waivers = waivers(field, reader: &reader)
        }
    }

    private static func condition(_ field: YAMLField, reader: inout YAMLReader) -> Condition? {
        if case .scalar = field.value {
            return reader.text(field).map { Condition(name: $0, icd10: nil) }
        }
        guard let parts = reader.fields(of: field.value, known: ["name", "icd10"], context: "condition",
                                        at: field.valuePosition) else { return nil }
        var condition = Condition(name: "", icd10: nil)
        for part in parts {
            guard let value = reader.text(part, name: "condition.\(part.key)") else { continue }
            if part.key == "name" {
                condition.name = value
            } else if isICD10(value) {
                condition.icd10 = value
            } else {
                reader.sink.report(.invalidField, at: part.valuePosition,
                                   "condition.icd10 '\(value)' is not an ICD-10 code",
                                   fix: "write it like A81.2: a capital letter, two digits, then optionally a dot and up to four characters")
            }
        }
        if condition.name.isEmpty {
            reader.sink.report(.requiredField, at: field.valuePosition, "condition needs a 'name'")
            return nil
        }
        return condition
    }

    /// Tags and conditions name pages (`tags/<id>/`), so their ids have a slug's limit: a longer
    /// one would only fail when the page is written ("File name too long").
    static func fitsAnAddress(_ name: String) -> Bool {
        PageAddress.segment(for: name).utf8.count <= FrontMatter.maximumSlugLength
    }

    static func isICD10(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        guard bytes.count >= 3, bytes.count <= 8, (65...90).contains(bytes[0]), (48...57).contains(bytes[1]),
              (48...57).contains(bytes[2]) || (65...90).contains(bytes[2]) else { return false }
        if bytes.count == 3 { return true }
        guard bytes[3] == UInt8(ascii: "."), bytes.count > 4 else { return false }
        return bytes[4...].allSatisfy { (48...57).contains($0) || (65...90).contains($0) }
    }

    private static func reviewers(_ field: YAMLField, reader: inout YAMLReader) -> [Reviewer] {
        func fromText(_ text: String, at position: SourcePosition) -> Reviewer {
            // "Dr Jane Smith, MD FRCP": the name, then the credentials after the first comma.
            if let comma = text.firstIndex(of: ",") {
                let credentials = text[text.index(after: comma)...].trimmingWhitespace
                return Reviewer(name: text[..<comma].trimmingWhitespace,
                                credentials: credentials.isEmpty ? nil : credentials, position: position)
            }
            return Reviewer(name: text, credentials: nil, position: position)
        }
        func fromNode(_ node: YAMLNode, name: String) -> Reviewer? {
            let position = reader.position(of: node, fallback: field.valuePosition)
            let item = YAMLField(key: field.key, keyPosition: field.keyPosition, value: node, valuePosition: position)
            if case .scalar = node {
                return reader.text(item, name: name).map { fromText($0, at: position) }
            }
            guard let parts = reader.fields(of: node, known: ["name", "credentials"], context: name, at: position) else { return nil }
            var reviewer = Reviewer(name: "", credentials: nil, position: position)
            for part in parts {
                let value = reader.text(part, name: "\(name).\(part.key)")
                if part.key == "name" { reviewer.name = value ?? "" } else { reviewer.credentials = value }
            }
            if reviewer.name.isEmpty {
                reader.sink.report(.requiredField, at: position, "\(name) needs a 'name'",
                                   fix: "write 'name: Dr Jane Smith' and 'credentials: MD FRCP'")
                return nil
            }
            return reviewer
        }
        if case .sequence(let items, _) = field.value {
            if items.isEmpty {
                reader.sink.report(.requiredField, at: field.valuePosition, "'reviewed_by' is required but the list is empty",
                                   fix: "name the clinician who reviewed the page: 'reviewed_by: Dr Jane Smith, MD FRCP'")
            }
            return items.enumerated().compactMap { fromNode($0.element, name: "\(field.key)[\($0.offset + 1)]") }
        }
        return fromNode(field.value, name: field.key).map { [$0] } ?? []
    }

    /// `changes:`: a list of `{date, summary, kind}`; every problem reported at its line, entries
    /// with a problem left out (the build stops on the problem anyway).
    private static func changes(_ field: YAMLField, reader: inout YAMLReader) -> [PageChange] {
        if YAMLReader.isNull(field.value) { return [] }
        guard case .sequence(let items, _) = field.value else {
            reader.sink.report(.invalidField, at: field.valuePosition, "'changes' must be a list of changes",
                               fix: "write each change as '- date: YYYY-MM-DD', with 'summary: \"…\"' and 'kind: minor' (or 'kind: clinical') under it")
            return []
        }
        var result: [PageChange] = []
        for (index, item) in items.enumerated() {
            let name = "changes[\(index + 1)]"
            let position = reader.position(of: item, fallback: field.valuePosition)
            guard let parts = reader.fields(of: item, known: PageChange.fieldNames, context: name, at: position) else { continue }
            var date: CalendarDate?, summary: String?, kind: PageChange.Kind?
            for part in parts {
                // Messages name the entry: "'changes[2].date' is …".
                let named = YAMLField(key: "\(name).\(part.key)", keyPosition: part.keyPosition, value: part.value,
                                      valuePosition: part.valuePosition)
                switch part.key {
                case "date": date = reader.date(named)
                case "summary": summary = reader.text(named)
                default: kind = reader.choice(named, among: PageChange.Kind.allCases.map(\.rawValue)).flatMap(PageChange.Kind.init(rawValue:))
                }
            }
            let fixes = ["date": "add 'date: YYYY-MM-DD', the day the page changed",
                         "summary": "add 'summary: \"…\"', what changed in one sentence a patient understands",
                         "kind": "add 'kind: minor' for a typo or wording fix that changes no advice, or 'kind: clinical' when the advice changed"]
            for key in PageChange.fieldNames where !parts.contains(where: { $0.key == key }) {
                reader.sink.report(.requiredField, at: position, "\(name) needs a '\(key)'", fix: fixes[key])
            }
            if let date, let summary, let kind {
                result.append(PageChange(date: date, summary: summary, kind: kind, position: position))
            }
        }
        return result
    }

    private static func sources(_ field: YAMLField, reader: inout YAMLReader) -> [SourceReference] {
        guard case .sequence(let items, _) = field.value, !items.isEmpty else {
            if YAMLReader.isNull(field.value) || field.value.sequenceItems?.isEmpty == true {
                reader.sink.report(.requiredField, at: field.valuePosition, "'sources' needs at least one source",
                                   fix: "list the evidence: '- title: …' with 'url:' and 'publisher:'")
            } else {
                reader.sink.report(.invalidField, at: field.valuePosition, "'sources' must be a list of sources",
                                   fix: "write each source as '- title: …' followed by 'url: …'")
            }
            return []
        }
        var result: [SourceReference] = []
        for (index, item) in items.enumerated() {
            let name = "sources[\(index + 1)]"
            let position = reader.position(of: item, fallback: field.valuePosition)
            guard let parts = reader.fields(of: item, known: ["title", "url", "publisher", "date"], context: name,
                                            at: position) else { continue }
            var source = SourceReference(title: "", url: "", publisher: nil, date: nil, position: position,
                                         urlPosition: position)
            for part in parts {
                // `date: 2021` is a year, though YAML reads it as a number.
                let year = part.key == "date" ? part.value.scalar.flatMap { scalar in
                    scalar.style == .plain && scalar.string.utf8.count == 4 && scalar.string.utf8.allSatisfy { (48...57).contains($0) }
                        ? scalar.string : nil
                } : nil
                let value = year ?? reader.text(part, name: "\(name).\(part.key)", allowEmpty: part.key == "publisher" || part.key == "date")
                switch part.key {
                case "title": source.title = value ?? ""
                case "url":
                    source.url = value ?? ""
                    source.urlPosition = part.valuePosition
                case "publisher": source.publisher = value.flatMap { $0.isEmpty ? nil : $0 }
                default:
                    source.date = value.flatMap { $0.isEmpty ? nil : $0 }
                    guard let date = source.date else { break }
                    source.isoDate = SourceDate.iso(from: date)
                    if source.isoDate == nil {
                        reader.sink.report(.invalidDate, at: part.valuePosition,
                                           "\(name).date '\(date)' is not a date medsite can publish",
                                           fix: "write the year, the month or the day the source was published: \"2021\", \"2021-03\" or \"March 2021\", \"2021-03-07\" or \"7 March 2021\"")
                    }
                }
            }
            for (key, value) in [("title", source.title), ("url", source.url)] where value.isEmpty && !parts.contains(where: { $0.key == key && !YAMLReader.isNull($0.value) }) {
                reader.sink.report(.requiredField, at: position, "\(name) needs a '\(key)'",
                                   fix: key == "url" ? "add 'url: https://…' where a reader can check the source" : "add 'title: …'")
            }
            if !source.url.isEmpty, !isPublicAddress(source.url) {
                reader.sink.report(.invalidField, at: source.urlPosition,
                                   "\(name).url '\(source.url)' is not a web address",
                                   fix: "give the full https:// address of the source")
            }
            result.append(source)
        }
        return result
    }

    /// Sources must be checkable by a reader: an absolute http(s) address (or mailto).
    package static func isPublicAddress(_ url: String) -> Bool {
        let lower = url.lowercased()
        return (lower.hasPrefix("https://") || lower.hasPrefix("http://")) && url.count > 8
            || lower.hasPrefix("mailto:")
    }

    private static func waivers(_ field: YAMLField, reader: inout YAMLReader) -> [RuleID: String] {
        let known = RuleCatalogue.all.map(\.id.id)
        var result: [RuleID: String] = [:]
        for entry in reader.fields(of: field.value, known: known, context: "waive", rule: .invalidField,
                                   at: field.valuePosition) ?? [] {
            guard let reason = reader.text(entry, name: "waive.\(entry.key)") else { continue }
            result[RuleID(entry.key)] = reason
        }
        return result
    }

    package static func suggestedSlug(from text: String) -> String {
        var slug = PageAddress.segmentIfAny(for: text) ?? ""
        // Within the length a slug may have, cut at a hyphen.
        if slug.utf8.count > FrontMatter.maximumSlugLength {
            slug = String(slug.prefix(FrontMatter.maximumSlugLength))
            if let hyphen = slug.lastIndex(of: "-") { slug = String(slug[..<hyphen]) }
        }
        return slug.isEmpty ? "article" : slug
    }
}
