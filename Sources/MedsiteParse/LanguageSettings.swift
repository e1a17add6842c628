import MedsiteBase

/// One language pages are translated into (`languages: es:` in medsite.yml): what its pages show
/// instead of the site's own title, disclaimers, care-card headings and theme texts.
public struct LanguageSettings: Sendable {
    /// The code in file names (`asthma.es.md`) and addresses (`/es/asma/`): lowercase, as written
    /// under `languages:`.
    public var code: String
    /// The BCP 47 tag of `lang` and `hreflang` (`language:`, default the code): `es`, `es-MX`.
    public var tag: String
    public var title: String
    public var disclaimers: [(key: String, text: String)]
    public var defaultDisclaimer: String
    /// `care.emergency_number` of this language; nil: the site's number (the number depends on where
    /// readers are, not on the language they read).
    public var emergencyNumberSetting: String?
    public var careHeadings: [CareCardKind: String] = [:]
    public var texts: ThemeTexts
    /// Where `languages: <code>:` is in medsite.yml, for diagnostics.
    public var position: SourcePosition

    /// The name the language switcher shows: `texts: language_name`, else the language's own name
    /// for it.
    public var name: String { texts.setKeys.contains("language_name") ? texts["language_name"] : ContentLanguage.endonym(tag) ?? code }
}

extension SiteSettings {
    /// The settings as pages in `code` see them (nil or the site's own language: these settings).
    public func localized(_ code: String?) -> SiteSettings {
        guard let code, languageCode != code, let language = languages.first(where: { $0.code == code }) else { return self }
        var settings = self
        settings.languageCode = code
        settings.title = language.title
        settings.language = language.tag
        settings.disclaimers = language.disclaimers
        settings.defaultDisclaimer = language.defaultDisclaimer
        settings.emergencyNumberSetting = language.emergencyNumberSetting ?? emergencyNumber
        settings.careHeadings = language.careHeadings
        settings.texts = language.texts
        // Synonyms are words of the site's language.
        settings.searchSynonyms = []
        return settings
    }

    /// The folder of this language's pages under Output/: "" for the site's language, `es/`.
    public var languageFolder: String { languageCode.map { $0 + "/" } ?? "" }

    /// The name the language switcher shows for these settings' language.
    public var languageName: String {
        if let code = languageCode, let language = languages.first(where: { $0.code == code }) { return language.name }
        return texts.setKeys.contains("language_name") ? texts["language_name"] : ContentLanguage.endonym(language) ?? language
    }

    /// Whether pages are in English (`en`, `en-GB`…): the readability formula and the built-in
    /// search words are English.
    public var isEnglish: Bool { ContentLanguage.primary(language) == "en" }
}
