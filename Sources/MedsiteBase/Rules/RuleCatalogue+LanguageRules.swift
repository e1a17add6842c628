// The catalogue entries of `LanguageRules` (MedsiteValidate): the ids and explanations live here, below
// parsing, because parse errors and `medsite.yml` rule settings need every rule id.
extension RuleID {
    package static let promotionalLanguage: RuleID = "promotional-language"
    package static let unsupportedClaim: RuleID = "unsupported-claim"
}

extension RuleCatalogue {
    static let languageRules: [Rule] = [
        Rule(.promotionalLanguage, .error, "The text sells something (\"buy now\", \"get a sample PDF\", \"discount code\").",
             "Health information must be kept apart from advertising (HONcode, PIF TICK): a patient cannot trust advice that ends in a sales pitch, and spam articles copied from market-research sites read exactly like this. medsite searches the title, description, question and body for the phrases in its promotional list (`medsite explain promotional-language` in the docs lists them) plus any added under `phrases: promotional:` in medsite.yml. Fix: remove the sales wording and the commercial links; if a product must be named, describe it neutrally and cite independent evidence."),
        Rule(.unsupportedClaim, .error, "The text makes a claim no evidence supports (\"miracle cure\", \"100% safe\", \"no side effects\").",
             "Absolute or miraculous claims (\"guaranteed cure\", \"100% effective\", \"completely safe\", \"works for everyone\", \"they don't want you to know\") are the hallmark of health misinformation: no treatment works for everyone without risk. medsite searches the title, description, question and body for the phrases in its list plus any added under `phrases: unsupported_claims:` in medsite.yml, and reads the sentence around each one. A claim that is denied (\"there is no miracle cure\", \"no medicine is completely safe\") or debunked (\"websites that claim…\", \"it is a myth that…\", a next sentence \"This is not true.\") is not reported. Claims that are true of some people (\"no side effects\", \"completely safe\", \"works for everyone\", \"risk-free\") are not reported either when the sentence limits them (\"most people\", \"many\", \"some\", \"may\", \"can\", \"usually\", \"often\", \"rarely\", \"if\", \"for most people\", \"in most cases\") or asks a question; \"miracle cure\" and \"100% safe\" are never honest, hedged or not. Fix: state what the evidence shows, with its limits (\"most people have no side effects, or only a sore arm\"; \"in a trial of 500 people, 7 in 10 improved\"), and cite the source; if a sentence is quoted to debunk it, say so in the sentence, or waive the rule for the page with a reason."),
    ]
}
