import MedsiteBase
import MedsiteParse

/// The phrase lists three rules search every prose block for (the language rules' promotional
/// wording and claims, the emergency symptoms, placeholder filler), found in one scan of each block
/// when the blocks are read: the rules then read what was found.
enum ProsePhrases {
    /// Which list a finding belongs to: the index in `ProseBlock.phrases`.
    static let promotional = 0, unsupportedClaims = 1, emergencySymptoms = 2, filler = 3

    static let builtIn = make(SiteSettings())

    /// The built-in matcher is built once; a site that adds phrases in medsite.yml gets its own.
    static func matcher(for settings: SiteSettings) -> PhraseMatcher {
        settings.extraPhrases.values.allSatisfy(\.isEmpty) ? builtIn : make(settings)
    }

    private static func make(_ settings: SiteSettings) -> PhraseMatcher {
        PhraseMatcher(lists: [PhraseLists.phrases(PhraseLists.promotional, extra: "promotional", settings: settings),
                              PhraseLists.phrases(PhraseLists.unsupportedClaims, extra: "unsupported_claims", settings: settings),
                              PhraseLists.phrases(PhraseLists.emergencySymptoms, extra: "", settings: SiteSettings()),
                              Placeholders.fillerPhrases])
    }
}
