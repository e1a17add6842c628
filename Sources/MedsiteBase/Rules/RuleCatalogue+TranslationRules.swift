// The catalogue entries of translations (`name.LANG.md` beside `name.md`, `languages:` in
// medsite.yml): each translation is its own reviewed page, linked to the page it translates.
extension RuleID {
    package static let unknownLanguage: RuleID = "unknown-language"
    package static let translationWithoutSource: RuleID = "translation-without-source"
    package static let duplicateTranslation: RuleID = "duplicate-translation"
    package static let translationStale: RuleID = "translation-stale"
    package static let untranslatedText: RuleID = "untranslated-text"
    package static let snippetUntranslated: RuleID = "snippet-untranslated"
}

extension RuleCatalogue {
    static let translationRules: [Rule] = [
        Rule(.unknownLanguage, .error, "The file name ends in a language code that medsite.yml does not list under `languages:`.",
             "A translation is named after the page it translates, with its language's code before `.md`: `asthma.es.md` is the Spanish translation of `asthma.md`, published at /es/asthma/ (or /es/its-slug/). The code must be listed under `languages:` in medsite.yml, with the language's disclaimers and texts, so its pages are not shown with English labels or, worse, without a disclaimer a reader understands. A name ending in the code of the site's own language (`asthma.en.md` on an English site) is not a translation either. Fix: add the language under `languages:` in medsite.yml; or, if the dot is part of the name and not a language, rename the file (`hba1c-mg.md` rather than `hba1c.mg.md`).", mandatory: true),
        Rule(.translationWithoutSource, .error, "A translation has no page in the site's language beside it.",
             "`asthma.es.md` translates `asthma.md` in the same folder. Without that page, readers of the translation have no original to compare with, the two pages cannot be linked to each other, and a change to the original cannot be noticed. Fix: name the translation after the page it translates (same folder, same name, the language code before `.md`), or add that page.", mandatory: true),
        Rule(.duplicateTranslation, .error, "Two files are translations of one page into the same language.",
             "Each page has at most one translation per language, `name.LANG.md` beside `name.md`. Two of them (`asthma.es.md` and `asthma.ES.md`) would compete for the same place in the language switcher, and readers would see one of them at random. Fix: keep one file and delete or merge the other.", mandatory: true),
        Rule(.translationStale, .warning, "The page this translation translates was reviewed after the translation.",
             "Each translation has its own reviewer and review dates, because a translation is a clinical text of its own. When the original page is reviewed again (its `last_reviewed` moves past the translation's), its advice may have changed and the translation may still give the old advice. The translated page then tells readers that it is older than the original and links to it. Fix: have the translation brought up to date with the original and checked by a clinician who reads the language, then move its `last_reviewed` to the day they did. Set `rules: translation-stale: error` in medsite.yml to stop such pages from going out."),
        Rule(.untranslatedText, .warning, "Pages in a language other than English would show some of the theme's texts in English.",
             "The theme's fixed texts (\"Page last reviewed:\", \"On this page\", \"Sources\", the month names, the care-card headings and labels, the 404 and \"being reviewed\" pages) are built in in English. medsite.yml sets them for the site's language under `texts:` (and `care:`), and for each translation language under `languages: <code>: texts:` (and `care:`). Each one left out is shown in English on that language's pages. Fix: add the listed texts; docs/designers.md lists every text with its English wording."),
        Rule(.snippetUntranslated, .warning, "A translation includes a snippet, which is written in the site's language.",
             "Snippets (`Snippets/name.md`) hold advice shared by many pages, such as when to call 999, and are written and reviewed in the site's language. A translation that includes one (`> [!SNIPPET] name`) shows that advice untranslated, in the middle of a page its readers chose for its language: the text a patient most needs to understand is the one they may not. Fix: write the advice into the translation itself (as a care card, such as `> [!EMERGENCY]`, in the translation's language) in place of the snippet line, and have it checked with the rest of the translation. Set `rules: snippet-untranslated: error` in medsite.yml to stop such pages from going out."),
    ]
}
