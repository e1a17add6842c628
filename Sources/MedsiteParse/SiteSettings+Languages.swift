import MedsiteBase

/// medsite.yml's `texts:`, `languages:` and `retired:`, and the `care:` settings every language has.
extension SiteSettings {
    /// `care:` (top level or of a language): the emergency number and the care-card headings.
    static func care(_ field: YAMLField, context: String,
                     reader: inout YAMLReader) -> (number: String?, headings: [CareCardKind: String]) {
        var number: String?
        var headings: [CareCardKind: String] = [:]
        for sub in reader.fields(of: field.value, known: careKeys, context: context, rule: .invalidSettings,
                                 at: field.valuePosition) ?? [] {
            if let kind = CareCardWording.settingKeys.first(where: { $0.key == sub.key })?.kind {
                headings[kind] = reader.text(sub, name: "\(context).\(sub.key)", invalid: .invalidSettings)
            } else {
                number = emergencyNumber(sub, reader: &reader)
            }
        }
        return (number, headings)
    }

    /// `texts:`: theme texts by key, and `months:` as a list of twelve names.
    static func texts(_ field: YAMLField, context: String, reader: inout YAMLReader) -> ThemeTexts {
        var overrides: [String: String] = [:]
        var months: [String]?
        for sub in reader.fields(of: field.value, known: ThemeTexts.settingKeys, context: context, rule: .invalidSettings,
                                 at: field.valuePosition) ?? [] {
            if sub.key == "months" {
                guard case .sequence(let items, _) = sub.value, items.count == 12 else {
                    reader.sink.report(.invalidSettings, at: sub.valuePosition,
                                       "\(context).months must list the twelve month names, January first",
                                       fix: "write them as a list: months: [enero, febrero, marzo, abril, mayo, junio, julio, agosto, septiembre, octubre, noviembre, diciembre]")
                    continue
                }
                var names: [String] = []
                for (index, item) in items.enumerated() {
                    let entry = YAMLField(key: "months", keyPosition: sub.keyPosition, value: item,
                                          valuePosition: reader.position(of: item, fallback: sub.valuePosition))
                    if let name = reader.text(entry, name: "\(context).months[\(index + 1)]", invalid: .invalidSettings) { names.append(name) }
                }
                if names.count == 12 { months = names }
            } else if let text = reader.text(sub, name: "\(context).\(sub.key)", invalid: .invalidSettings) {
                if sub.key == "date_format", !(["{day}", "{month}", "{year}"].allSatisfy { text.contains($0) }) {
                    reader.sink.report(.invalidSettings, at: sub.valuePosition,
                                       "\(context).date_format must contain {day}, {month} and {year}",
                                       fix: "write it like date_format: \"{day} de {month} de {year}\"")
                    continue
                }
                overrides[sub.key] = text
            }
        }
        return ThemeTexts(overrides: overrides, months: months)
    }

    /// `languages:`: code → that language's title, disclaimers, care settings and texts.
    static func languages(_ field: YAMLField, site: SiteSettings, reader: inout YAMLReader) -> [LanguageSettings] {
        guard case .mapping(let mapping, _) = field.value else {
            if !YAMLReader.isNull(field.value) {
                reader.sink.report(.invalidSettings, at: field.valuePosition,
                                   "languages must list each language pages are translated into, by its code",
                                   fix: "write it like:\nlanguages:\n  es:\n    disclaimers:\n      general: \"…\"")
            }
            return []
        }
        var result: [LanguageSettings] = []
        for (keyNode, value) in mapping {
            let keyPosition = reader.position(of: keyNode, fallback: field.valuePosition)
            let code = keyNode.scalar?.string ?? ""
            guard ContentLanguage.isValidCode(code) else {
                reader.sink.report(.invalidSettings, at: keyPosition,
                                   "'\(code)' under languages is not a language code",
                                   fix: "use the lowercase code that file names and addresses will carry, like es, fr, pt-br or zh-hant")
                continue
            }
            if code == site.language.lowercased() || code == ContentLanguage.primary(site.language) {
                reader.sink.report(.invalidSettings, at: keyPosition,
                                   "'\(code)' is the site's own language (language: \(site.language)); languages lists the languages pages are translated into",
                                   fix: "remove it from languages; the site's settings above are its settings")
                continue
            }
            if FrontMatter.reservedSlugs.contains(code) {
                reader.sink.report(.invalidSettings, at: keyPosition,
                                   "'\(code)' is the name of one of medsite's own folders, so it cannot be a language's folder",
                                   fix: "use the language's two-letter code")
                continue
            }
            guard !result.contains(where: { $0.code == code }) else {
                reader.sink.report(.invalidSettings, at: keyPosition, "languages lists '\(code)' twice", fix: "keep one of them")
                continue
            }
            let context = "languages.\(code)"
            var language = LanguageSettings(code: code, tag: code, title: site.title, disclaimers: [],
                                            defaultDisclaimer: site.defaultDisclaimer, texts: ThemeTexts(), position: keyPosition)
            let entry = YAMLField(key: code, keyPosition: keyPosition, value: value,
                                  valuePosition: reader.position(of: value, fallback: keyPosition))
            var seen = Set<String>()
            for sub in reader.fields(of: value, known: languageKeys, context: context, rule: .invalidSettings,
                                     at: entry.valuePosition) ?? [] {
                seen.insert(sub.key)
                switch sub.key {
                case "language":
                    if let tag = reader.text(sub, name: "\(context).language", invalid: .invalidSettings) {
                        if ContentLanguage.primary(tag) == ContentLanguage.primary(code), tag.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
                            language.tag = tag
                        } else {
                            reader.sink.report(.invalidSettings, at: sub.valuePosition,
                                               "\(context).language must be a BCP 47 tag of the same language, like \(code) or \(code)-\(code.uppercased().prefix(2)), not '\(tag)'",
                                               fix: "write the tag that pages in this language should carry in lang and hreflang")
                        }
                    }
                case "title": language.title = reader.text(sub, name: "\(context).title", invalid: .invalidSettings) ?? site.title
                case "disclaimers": language.disclaimers = disclaimers(sub, reader: &reader)
                case "default_disclaimer":
                    language.defaultDisclaimer = reader.text(sub, name: "\(context).default_disclaimer", invalid: .invalidSettings) ?? site.defaultDisclaimer
                case "care":
                    (language.emergencyNumberSetting, language.careHeadings) = care(sub, context: "\(context).care", reader: &reader)
                default: // texts
                    language.texts = texts(sub, context: "\(context).texts", reader: &reader)
                }
            }
            // A page must show its disclaimer in the language it is written in.
            if !seen.contains("disclaimers") {
                reader.sink.report(.invalidSettings, at: keyPosition,
                                   "\(context) has no disclaimers: pages in this language must show their medical disclaimer in it",
                                   fix: "add 'disclaimers:' under '\(code):' with the translation of each disclaimer, under the same keys (\(site.disclaimers.map(\.key).joined(separator: ", ")))")
            } else if language.disclaimerText(for: language.defaultDisclaimer) == nil {
                reader.sink.report(.invalidSettings, at: keyPosition,
                                   "\(context).disclaimers has no '\(language.defaultDisclaimer)', the disclaimer of pages that do not choose one",
                                   fix: "add the translation of '\(language.defaultDisclaimer)' under \(context).disclaimers, or set \(context).default_disclaimer")
            }
            result.append(language)
        }
        return result
    }

    /// `retired:`: old addresses given up for good.
    static func retired(_ field: YAMLField, baseURL: String, reader: inout YAMLReader) -> Set<String> {
        guard case .sequence(let items, _) = field.value else {
            if !YAMLReader.isNull(field.value) {
                reader.sink.report(.invalidSettings, at: field.valuePosition,
                                   "retired must be a list of addresses the site no longer publishes",
                                   fix: "write each on its own line: - /old-leaflet/")
            }
            return []
        }
        var result = Set<String>()
        for (index, item) in items.enumerated() {
            let entry = YAMLField(key: "retired", keyPosition: field.keyPosition, value: item,
                                  valuePosition: reader.position(of: item, fallback: field.valuePosition))
            guard let written = reader.text(entry, name: "retired[\(index + 1)]", invalid: .invalidSettings) else { continue }
            switch PageAlias.normalize(written, baseURL: baseURL) {
            case .success(let address): result.insert(address)
            case .failure(let problem):
                reader.sink.report(.invalidSettings, at: entry.valuePosition, "retired[\(index + 1)] '\(written)' \(problem.message)",
                                   fix: "write the address as it was published, like /old-leaflet/")
            }
        }
        return result
    }

    /// One warning per language whose pages would show English: texts (or care-card headings) it
    /// does not set. English sites need none.
    static func untranslatedTexts(_ settings: SiteSettings, fields: [YAMLField], reader: inout YAMLReader) {
        func report(name: String, tag: String, texts: ThemeTexts, headings: [CareCardKind: String], at position: SourcePosition,
                    context: String) {
            var missing = texts.untranslatedKeys
            if ContentLanguage.endonym(tag) != nil { missing.removeAll { $0 == "language_name" } }
            missing += CareCardWording.settingKeys.filter { headings[$0.kind] == nil }.map { "care.\($0.key)" }
            guard !missing.isEmpty else { return }
            let shown = missing.prefix(8).joined(separator: ", ") + (missing.count > 8 ? " and \(missing.count - 8) more" : "")
            reader.sink.report(.untranslatedText, at: position,
                               "pages in \(name) would show \(missing.count) of the theme's texts in English: \(shown)",
                               fix: "add their translations under \(context) (docs/designers.md lists every text with its English wording)")
        }
        if !settings.isEnglish {
            let position = fields.first { $0.key == "language" }?.valuePosition ?? .start
            report(name: settings.languageName, tag: settings.language, texts: settings.texts, headings: settings.careHeadings, at: position, context: "texts: and care:")
        }
        for language in settings.languages where ContentLanguage.primary(language.tag) != "en" {
            report(name: language.name, tag: language.tag, texts: language.texts, headings: language.careHeadings, at: language.position,
                   context: "languages: \(language.code): texts: and care:")
        }
    }
}

extension LanguageSettings {
    func disclaimerText(for key: String) -> String? { disclaimers.first { $0.key == key }?.text }
}
