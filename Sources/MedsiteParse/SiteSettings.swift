import Yams
import MedsiteBase

/// The site's settings, from `medsite.yml`.
public struct SiteSettings: Sendable {
    public var title: String
    public var baseURL: String
    public var language: String
    /// Named disclaimer texts, in the order medsite.yml lists them.
    public var disclaimers: [(key: String, text: String)]
    public var defaultDisclaimer: String
    public var reviewIntervalMonths: Int
    public var overduePolicy: OverduePolicy
    public var dueSoonDays: Int
    public var ruleSettings: [RuleID: RuleSetting]
    /// Extra phrases per phrase list (`promotional`, `unsupported_claims`), added to the built-in ones.
    public var extraPhrases: [String: [String]]
    public var maxReadabilityGrade: Double
    /// `care.emergency_number`, when medsite.yml sets it.
    public var emergencyNumberSetting: String?
    /// `search.synonyms`: groups of words and phrases that mean the same to a reader
    /// (`[heart attack, myocardial infarction]`), searched for each other, beside the built-in list.
    public var searchSynonyms: [[String]] = []
    /// `superseded_sources`: withdrawn or replaced sources; pages citing one fall due for review.
    public var supersededSources: [SupersededSource] = []

    /// The superseded source a page's source address cites, if any (the earliest withdrawn when
    /// several cover it).
    public func supersededSource(citedAs address: String) -> SupersededSource? {
        supersededSources.lazy.filter { $0.covers(address) }.min { $0.date < $1.date }
    }

    /// The number pages tell patients to call in an emergency: `care.emergency_number`, else the one
    /// of the region in `language`; nil when neither says (pages then say "your local emergency number").
    public var emergencyNumber: String? { emergencyNumberSetting ?? Self.emergencyNumber(forLanguage: language) }

    /// Care-card headings medsite.yml sets under `care:` (`emergency_heading`…).
    public var careHeadings: [CareCardKind: String] = [:]

    /// The words of care cards and callouts on this site's pages.
    public var careCardWording: CareCardWording {
        CareCardWording(headings: careHeadings, emergencyNumber: emergencyNumber, texts: texts)
    }

    /// The theme's fixed texts in this language: English, with medsite.yml's `texts:` in place.
    public var texts = ThemeTexts()
    /// The languages pages are translated into (`languages:`), in medsite.yml's order.
    public var languages: [LanguageSettings] = []
    /// nil for the site's own language; the code (`es`) when these settings are `localized` for
    /// the pages of a translation language.
    public var languageCode: String? = nil
    /// Addresses deliberately given up (`retired:`), site-relative as `PageAlias` makes them
    /// (`old-leaflet/`): they may disappear from `published-addresses.txt` without an error.
    public var retiredAddresses: Set<String> = []

    public init(title: String = "", baseURL: String = "https://example.org/", language: String = "en",
                disclaimers: [(key: String, text: String)] = [], defaultDisclaimer: String = "general",
                reviewIntervalMonths: Int = 36) {
        self.title = title
        self.baseURL = baseURL
        self.language = language
        self.disclaimers = disclaimers
        self.defaultDisclaimer = defaultDisclaimer
        self.reviewIntervalMonths = reviewIntervalMonths
        self.overduePolicy = .warning
        self.dueSoonDays = 30
        self.ruleSettings = [:]
        self.extraPhrases = [:]
        self.maxReadabilityGrade = 8
        self.emergencyNumberSetting = nil
    }

    public func disclaimerText(for key: String) -> String? {
        disclaimers.first { $0.key == key }?.text
    }

    public static let fileName = "medsite.yml"
    package static let knownKeys = ["title", "base_url", "language", "disclaimers", "default_disclaimer", "review",
                            "rules", "phrases", "readability", "care", "search", "superseded_sources", "texts", "languages", "retired"]
    /// What `languages: <code>:` may set.
    package static let languageKeys = ["language", "title", "disclaimers", "default_disclaimer", "care", "texts"]
    package static let reviewKeys = ["interval_months", "overdue", "due_soon_days"]
    package static let phraseLists = ["promotional", "unsupported_claims"]
    /// What pages tell patients about getting care: the emergency number and care-card headings.
    package static let careKeys = ["emergency_number"] + CareCardWording.settingKeys.map(\.key)
    package static let searchKeys = ["synonyms"]

    /// Parses medsite.yml. Every problem is reported (rule `invalid-settings`); `nil` when unusable.
    public static func parse(_ text: String, file: String = fileName) -> (SiteSettings?, [Diagnostic]) {
        let node: YAMLNode?
        let source = YAMLSource(text, lineOffset: 0)
        do {
            node = try YAMLTree.compose(yaml: text)
        } catch {
            return (nil, [YAMLErrorMapper.diagnostic(for: error, file: file, source: source, rule: .invalidSettings)])
        }
        var reader = YAMLReader(file: file, source: source)
        guard let node, let fields = reader.fields(of: node, known: knownKeys, context: file, rule: .invalidSettings,
                                                    at: .start) else {
            reader.sink.report(.invalidSettings, at: .start, "\(file) is empty",
                               fix: "give at least title, base_url and disclaimers; `medsite init` writes a commented example")
            return (nil, reader.sink.diagnostics)
        }
        var settings = SiteSettings()
        var seen = Set<String>()
        // Read once the site's own settings are known (a language's defaults are the site's).
        var languageFields: YAMLField?
        var retiredField: YAMLField?
        for field in fields {
            seen.insert(field.key)
            switch field.key {
            case "title": settings.title = reader.text(field, invalid: .invalidSettings) ?? ""
            case "base_url":
                if let url = reader.text(field, invalid: .invalidSettings) {
                    if url.hasPrefix("https://") || url.hasPrefix("http://") {
                        settings.baseURL = url.hasSuffix("/") ? url : url + "/"
                        if let root = settings.hostRoot, root != settings.baseURL {
                            reader.sink.report(.robotsNotAtRoot, at: field.valuePosition,
                                               "base_url has a path: the robots.txt in Output/ will be at \(settings.baseURL)robots.txt, where search engines never look",
                                               fix: "add 'Sitemap: \(settings.baseURL)sitemap.xml' to the robots.txt at \(root)robots.txt")
                        }
                    } else {
                        reader.sink.report(.invalidSettings, at: field.valuePosition,
                                           "base_url must be an absolute http(s) address, not '\(url)'",
                                           fix: "write it like https://health.example.org/")
                    }
                }
            case "language": settings.language = reader.text(field, invalid: .invalidSettings) ?? "en"
            case "disclaimers":
                settings.disclaimers = disclaimers(field, reader: &reader)
            case "default_disclaimer": settings.defaultDisclaimer = reader.text(field, invalid: .invalidSettings) ?? ""
            case "review":
                for sub in reader.fields(of: field.value, known: reviewKeys, context: "review", rule: .invalidSettings,
                                         at: field.valuePosition) ?? [] {
                    switch sub.key {
                    case "interval_months":
                        settings.reviewIntervalMonths = reader.integer(sub, in: 1...120, rule: .invalidSettings) ?? 36
                    case "overdue":
                        if let value = reader.choice(sub, among: OverduePolicy.allCases.map(\.rawValue), rule: .invalidSettings) {
                            settings.overduePolicy = OverduePolicy(rawValue: value)!
                        }
                    default:
                        settings.dueSoonDays = reader.integer(sub, in: 0...3650, rule: .invalidSettings) ?? 30
                    }
                }
            case "rules":
                settings.ruleSettings = ruleSettings(field, reader: &reader)
            case "phrases":
                for sub in reader.fields(of: field.value, known: phraseLists, context: "phrases", rule: .invalidSettings,
                                         at: field.valuePosition) ?? [] {
                    settings.extraPhrases[sub.key] = reader.textList(sub)?.map { $0.lowercased() } ?? []
                }
            case "search":
                for sub in reader.fields(of: field.value, known: searchKeys, context: "search", rule: .invalidSettings,
                                         at: field.valuePosition) ?? [] {
                    settings.searchSynonyms = synonyms(sub, reader: &reader)
                }
            case "superseded_sources":
                settings.supersededSources = supersededSources(field, reader: &reader)
            case "care":
                (settings.emergencyNumberSetting, settings.careHeadings) = care(field, context: "care", reader: &reader)
            case "texts":
                settings.texts = texts(field, context: "texts", reader: &reader)
            case "languages":
                languageFields = field
            case "retired":
                retiredField = field
            default: // readability
                for sub in reader.fields(of: field.value, known: ["max_grade"], context: "readability",
                                         rule: .invalidSettings, at: field.valuePosition) ?? [] {
                    if let grade = sub.value.float, (1...20).contains(grade) {
                        settings.maxReadabilityGrade = grade
                    } else {
                        reader.sink.report(.invalidSettings, at: sub.valuePosition, "readability.max_grade must be a number from 1 to 20")
                    }
                }
            }
        }
        for required in ["title", "base_url", "disclaimers"] where !seen.contains(required) {
            reader.sink.report(.invalidSettings, at: .start, "'\(required)' is required in \(file)",
                               fix: "add a '\(required):' line")
        }
        if seen.contains("disclaimers") {
            if !seen.contains("default_disclaimer"), settings.disclaimerText(for: "general") == nil,
               let first = settings.disclaimers.first {
                settings.defaultDisclaimer = first.key
            }
            if settings.disclaimerText(for: settings.defaultDisclaimer) == nil {
                let position = fields.first { $0.key == "default_disclaimer" }?.valuePosition ?? .start
                reader.sink.report(.invalidSettings, at: position,
                                   "default_disclaimer '\(settings.defaultDisclaimer)' is not one of the disclaimers (\(settings.disclaimers.map(\.key).joined(separator: ", ")))",
                                   fix: "name one of the keys under 'disclaimers:'")
            }
        }
        if let languageFields { settings.languages = languages(languageFields, site: settings, reader: &reader) }
        if let retiredField { settings.retiredAddresses = retired(retiredField, baseURL: settings.baseURL, reader: &reader) }
        untranslatedTexts(settings, fields: fields, reader: &reader)
        return (reader.sink.hasErrors ? nil : settings, reader.sink.diagnostics)
    }

    /// A telephone number as written: `999` and `000` are YAML numbers (`000` would read as 0), so
    /// the scalar's own text is taken, quoted or not.
    static func emergencyNumber(_ field: YAMLField, reader: inout YAMLReader) -> String? {
        let allowed = Set("0123456789 +-()".utf8)
        guard let scalar = field.value.scalar, !YAMLReader.isNull(field.value),
              case let number = scalar.string.trimmingWhitespace, number.utf8.count <= 20,
              number.utf8.contains(where: { (48...57).contains($0) }), number.utf8.allSatisfy(allowed.contains) else {
            reader.sink.report(.invalidSettings, at: field.valuePosition,
                               "care.emergency_number must be a telephone number, like 999, 112 or 911",
                               fix: "write the number patients should call, e.g. emergency_number: \"999\"")
            return nil
        }
        return number
    }

    /// `superseded_sources:` is a list of `{url, replaced_by, date, note}`; `url` and `date` are required.
    static func supersededSources(_ field: YAMLField, reader: inout YAMLReader) -> [SupersededSource] {
        if YAMLReader.isNull(field.value) { return [] }
        guard case .sequence(let items, _) = field.value else {
            reader.sink.report(.invalidSettings, at: field.valuePosition, "superseded_sources must be a list of sources",
                               fix: "write each as '- url: https://…' with 'date: YYYY-MM-DD' (the day it was withdrawn) and 'replaced_by: https://…' under it")
            return []
        }
        var result: [SupersededSource] = []
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let name = "superseded_sources[\(index + 1)]"
            let position = reader.position(of: item, fallback: field.valuePosition)
            guard let parts = reader.fields(of: item, known: SupersededSource.fieldNames, context: name, rule: .invalidSettings,
                                            at: position) else { continue }
            var url: String?, replacement: String?, date: CalendarDate?, note: String?
            var valid = true
            for part in parts {
                let named = YAMLField(key: "\(name).\(part.key)", keyPosition: part.keyPosition, value: part.value,
                                      valuePosition: part.valuePosition)
                switch part.key {
                case "url", "replaced_by":
                    guard let address = reader.text(named, invalid: .invalidSettings) else { valid = false; continue }
                    guard SupersededSource.key(address) != nil else {
                        reader.sink.report(.invalidSettings, at: part.valuePosition, "\(named.key) '\(address)' is not a web address",
                                           fix: "write the full address, starting with https://")
                        valid = false
                        continue
                    }
                    if part.key == "url" { url = address } else { replacement = address }
                case "date":
                    date = reader.date(named, rule: .invalidSettings)
                    if date == nil { valid = false }
                default:
                    note = reader.text(named, invalid: .invalidSettings)
                }
            }
            for (key, value) in [("url", url as Any?), ("date", date as Any?)] where value == nil && !parts.contains(where: { $0.key == key }) {
                reader.sink.report(.invalidSettings, at: position, "\(name) needs a '\(key)'",
                                   fix: key == "url" ? "add 'url: https://…', the address pages cite"
                                                     : "add 'date: YYYY-MM-DD', the day the source was withdrawn or replaced")
                valid = false
            }
            guard valid, let url, let date else { continue }
            if let replacement, SupersededSource(url: url, date: date).covers(replacement) {
                reader.sink.report(.invalidSettings, at: position, "\(name) is replaced by an address it covers itself ('\(replacement)')",
                                   fix: "give the address of the new guidance in replaced_by")
                continue
            }
            let key = SupersededSource.key(url).map { $0.host + $0.path + ($0.query.map { "?" + $0 } ?? "") } ?? url
            if let first = seen[key] {
                reader.sink.report(.invalidSettings, at: position, "\(name) lists \(url) again (first at line \(first))",
                                   fix: "keep one entry for it")
                continue
            }
            seen[key] = position.line
            result.append(SupersededSource(url: url, replacedBy: replacement, date: date, note: note, line: position.line))
        }
        return result
    }

    /// Emergency numbers by region (ISO 3166 code): 112 across the EU and EEA, Switzerland and Ireland.
    /// `synonyms:` is a list of groups, each a list of two or more words or phrases.
    static func synonyms(_ field: YAMLField, reader: inout YAMLReader) -> [[String]] {
        guard case .sequence(let groups, _) = field.value else {
            if !YAMLReader.isNull(field.value) {
                reader.sink.report(.invalidSettings, at: field.valuePosition,
                                   "search.synonyms must be a list of groups, each a list of words that mean the same",
                                   fix: "write each group on its own line: - [heart attack, myocardial infarction]")
            }
            return []
        }
        var result: [[String]] = []
        for (index, group) in groups.enumerated() {
            let entry = YAMLField(key: "search.synonyms[\(index + 1)]", keyPosition: field.keyPosition, value: group,
                                  valuePosition: reader.position(of: group, fallback: field.valuePosition))
            guard case .sequence = group, let words = reader.textList(entry), words.count >= 2 else {
                reader.sink.report(.invalidSettings, at: entry.valuePosition,
                                   "each group in search.synonyms must list two or more words or phrases",
                                   fix: "write the group as a list: - [fits, seizure]")
                continue
            }
            result.append(words)
        }
        return result
    }

    static let emergencyNumbersByRegion: [String: String] = {
        var numbers = ["GB": "999", "US": "911", "CA": "911", "AU": "000", "NZ": "111"]
        for region in ["IE", "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IT", "LV",
                       "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "CH"] {
            numbers[region] = "112"
        }
        return numbers
    }()

    /// The emergency number of the region in a BCP 47 tag (`en-GB` → 999); nil without a known region.
    /// The region is the two-letter subtag after the language (and script); a singleton such as
    /// `-u-` starts extensions, whose subtags are not regions.
    public static func emergencyNumber(forLanguage tag: String) -> String? {
        let subtags = tag.split(whereSeparator: { $0 == "-" || $0 == "_" })
        for subtag in subtags.dropFirst() {
            if subtag.count == 1 { return nil }
            if subtag.count == 2, subtag.allSatisfy({ $0.isASCII && $0.isLetter }) {
                return emergencyNumbersByRegion[subtag.uppercased()]
            }
        }
        return nil
    }

    static func disclaimers(_ field: YAMLField, reader: inout YAMLReader) -> [(key: String, text: String)] {
        guard case .mapping(let mapping, _) = field.value, !mapping.isEmpty else {
            reader.sink.report(.invalidSettings, at: field.valuePosition,
                               "disclaimers must name at least one disclaimer text, like 'general: This information…'")
            return []
        }
        var result: [(key: String, text: String)] = []
        for (key, value) in mapping {
            let entry = YAMLField(key: key.scalar?.string ?? "?", keyPosition: reader.position(of: key),
                                  value: value, valuePosition: reader.position(of: value))
            if let text = reader.text(entry, name: "disclaimers.\(entry.key)", invalid: .invalidSettings) {
                result.append((entry.key, text))
            }
        }
        return result
    }

    private static func ruleSettings(_ field: YAMLField, reader: inout YAMLReader) -> [RuleID: RuleSetting] {
        let known = RuleCatalogue.all.map(\.id.id)
        var result: [RuleID: RuleSetting] = [:]
        for entry in reader.fields(of: field.value, known: known, context: "rules", rule: .invalidSettings,
                                   at: field.valuePosition) ?? [] {
            // `off` unquoted is a YAML 1.1 boolean; here it can only mean the rule is off.
            if entry.value.scalar?.string.lowercased() == "off" {
                result[RuleID(entry.key)] = .off
                continue
            }
            guard let value = reader.choice(entry, among: ["error", "warning", "note", "off"], rule: .invalidSettings) else { continue }
            result[RuleID(entry.key)] = value == "off" ? .off : .severity(Severity(rawValue: value)!)
        }
        return result
    }
}
