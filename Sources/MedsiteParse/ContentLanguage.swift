import MedsiteBase

/// The language of an article file, from its name, as Hugo and Zola read it: `asthma.md` is in the
/// site's language, `asthma.es.md` is its translation into the language medsite.yml lists as `es`
/// under `languages:`. The translation belongs to the page of the same name in the same folder
/// (its `translationKey`, `asthma.md`), and its default slug is that name (`asthma`).
public struct ContentLanguage: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The site's own language.
        case site
        /// A translation into a language of `languages:`.
        case translation(code: String)
        /// The name ends in a language code medsite.yml does not list (`asthma.fr.md`).
        case unknown(code: String)
        /// The name ends in the code of the site's own language (`asthma.en.md` on an English site).
        case siteLanguage(code: String)
    }

    public let kind: Kind
    /// The file name without `.md` and without the language code: the default slug.
    public let stem: String
    /// The content path of the page in the site's language this file is (or translates): `asthma.md`.
    public let translationKey: String

    /// The code of a translation, nil for a page in the site's language (or a file in error).
    public var code: String? {
        if case .translation(let code) = kind { return code }
        return nil
    }

    /// What `contentPath` (`diabetes/diet.es.md`) says about its language under these settings.
    public static func of(_ contentPath: String, settings: SiteSettings) -> ContentLanguage {
        // Searched as bytes ('/' and '.' are ASCII): walking Characters back from the end was most
        // of the cost of the one-edit rebuild's pass over every article's name.
        let slash = contentPath.utf8.lastIndex(of: UInt8(ascii: "/"))
        let folder = slash.map { String(contentPath[...$0]) } ?? ""
        var name = slash.map { String(contentPath[contentPath.utf8.index(after: $0)...]) } ?? contentPath
        if name.utf8.count >= 3, name.utf8.suffix(3).elementsEqual(".md".utf8) {
            name = String(name[..<name.utf8.index(name.endIndex, offsetBy: -3)])
        }
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else {
            return ContentLanguage(kind: .site, stem: name, translationKey: contentPath)
        }
        let suffix = String(name[name.utf8.index(after: dot)...]).lowercased()
        let base = String(name[..<dot])
        let key = folder + base + ".md"
        if settings.languages.contains(where: { $0.code == suffix }) {
            return ContentLanguage(kind: .translation(code: suffix), stem: base, translationKey: key)
        }
        guard looksLikeLanguage(suffix) else { return ContentLanguage(kind: .site, stem: name, translationKey: contentPath) }
        if suffix == settings.language.lowercased() || suffix == primary(settings.language) {
            return ContentLanguage(kind: .siteLanguage(code: suffix), stem: base, translationKey: key)
        }
        return ContentLanguage(kind: .unknown(code: suffix), stem: base, translationKey: key)
    }

    /// The `unknown-language` error of a file named for a language the site has no settings for.
    public func problem(file: SourceFile, settings: SiteSettings) -> Diagnostic? {
        let name = file.contentPath.split(separator: "/").last.map(String.init) ?? file.contentPath
        switch kind {
        case .site, .translation: return nil
        case .unknown(let code):
            let language = Self.englishName(code).map { "\($0) ('\(code)')" } ?? "'\(code)'"
            let listed = settings.languages.map(\.code)
            return Diagnostic(file: file.relativePath, position: .start, rule: .unknownLanguage,
                              message: "the name \(name) makes this a translation into \(language), which medsite.yml does not list under languages"
                                  + (listed.isEmpty ? "" : " (it lists \(listed.joined(separator: ", ")))"),
                              fix: "add '\(code):' under 'languages:' in medsite.yml with its disclaimers and texts; if '.\(code)' is not a language, rename the file to \(stem)-\(code).md")
        case .siteLanguage(let code):
            return Diagnostic(file: file.relativePath, position: .start, rule: .unknownLanguage,
                              message: "the name \(name) ends in '.\(code)', the site's own language (language: \(settings.language)), so it is not a translation",
                              fix: "rename it to \(stem).md")
        }
    }

    /// `es`, `pt-br`, `zh-hant`: a two-letter ISO 639-1 code, optionally with subtags. Anything else
    /// after a dot (`covid.v2`, `vitamin.d`) is part of the name.
    static func looksLikeLanguage(_ code: String) -> Bool {
        let subtags = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = subtags.first, iso639_1.contains(String(first)) else { return false }
        return subtags.dropFirst().allSatisfy { (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    /// Whether `code` can name a language under `languages:`: lowercase letters, digits and hyphens,
    /// starting with a two- or three-letter language (`es`, `pt-br`, `fil`).
    public static func isValidCode(_ code: String) -> Bool {
        let subtags = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = subtags.first, (2...3).contains(first.count),
              first.allSatisfy({ ("a"..."z").contains($0) }) else { return false }
        return subtags.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) } }
    }

    /// The language subtag of a BCP 47 tag, lowercased: `en-GB` → `en`.
    public static func primary(_ tag: String) -> String {
        String(tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? "").lowercased()
    }

    /// The language's name for itself, for the common languages of health information.
    public static func endonym(_ tag: String) -> String? {
        endonyms[primary(tag)]
    }

    /// The name a reader of `tag` knows the language by, in English, for messages to editors.
    public static func englishName(_ code: String) -> String? {
        englishNames[primary(code)]
    }

    static let endonyms: [String: String] = [
        "am": "አማርኛ", "ar": "العربية", "bg": "Български", "bn": "বাংলা", "cs": "Čeština", "cy": "Cymraeg",
        "da": "Dansk", "de": "Deutsch", "el": "Ελληνικά", "en": "English", "es": "Español", "et": "Eesti",
        "fa": "فارسی", "fi": "Suomi", "fr": "Français", "ga": "Gaeilge", "gd": "Gàidhlig", "gu": "ગુજરાતી",
        "he": "עברית", "hi": "हिन्दी", "hr": "Hrvatski", "hu": "Magyar", "id": "Bahasa Indonesia", "it": "Italiano",
        "ja": "日本語", "ko": "한국어", "ku": "Kurdî", "lt": "Lietuvių", "lv": "Latviešu", "ms": "Bahasa Melayu",
        "nb": "Norsk bokmål", "nl": "Nederlands", "no": "Norsk", "pa": "ਪੰਜਾਬੀ", "pl": "Polski", "ps": "پښتو",
        "pt": "Português", "ro": "Română", "ru": "Русский", "sk": "Slovenčina", "so": "Soomaali", "sq": "Shqip",
        "sr": "Српски", "sv": "Svenska", "sw": "Kiswahili", "ta": "தமிழ்", "th": "ไทย", "ti": "ትግርኛ",
        "tl": "Tagalog", "tr": "Türkçe", "uk": "Українська", "ur": "اردو", "vi": "Tiếng Việt", "zh": "中文",
    ]

    static let englishNames: [String: String] = [
        "am": "Amharic", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "cs": "Czech", "cy": "Welsh",
        "da": "Danish", "de": "German", "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian",
        "fa": "Persian", "fi": "Finnish", "fr": "French", "ga": "Irish", "gd": "Scottish Gaelic", "gu": "Gujarati",
        "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "it": "Italian",
        "ja": "Japanese", "ko": "Korean", "ku": "Kurdish", "lt": "Lithuanian", "lv": "Latvian", "ms": "Malay",
        "nb": "Norwegian Bokmål", "nl": "Dutch", "no": "Norwegian", "pa": "Punjabi", "pl": "Polish", "ps": "Pashto",
        "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "so": "Somali", "sq": "Albanian",
        "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "th": "Thai", "ti": "Tigrinya",
        "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
    ]

    /// ISO 639-1: every two-letter language code.
    static let iso639_1: Set<String> = Set("""
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el \
    en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu \
    ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na \
    nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so \
    sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
    """.split(separator: " ").map(String.init))
}
