// The catalogue entries of care cards, callouts and do-and-don't lists: the markers are read while
// parsing (MedsiteParse, `MarkdownDocument+CareCards`), the red-flag rule is a content rule
// (MedsiteValidate, `EmergencyAdviceRule`).
extension RuleID {
    package static let careCardMarker: RuleID = "care-card-marker"
    package static let careCardEmpty: RuleID = "care-card-empty"
    package static let emergencyAdviceMissing: RuleID = "emergency-advice-missing"
}

extension RuleCatalogue {
    static let careCardRules: [Rule] = [
        Rule(.careCardMarker, .error, "A quote starts with a `[!…]` marker medsite does not know.",
             "A quote whose first line is a marker becomes a care card, a callout or half of a do-and-don't list: `> [!EMERGENCY]` (call the emergency number or go to A&E now), `> [!URGENT]` (get help today), `> [!NON-URGENT]` (see a GP or pharmacist), `> [!WARNING]`, `> [!NOTE]` (inset text), `> [!DO]` and `> [!DONT]`. A misspelt marker would publish the words `[!EMERGANCY]` instead of the red card a patient needs to notice, so it stops the build. Fix: use one of the markers above (the message suggests the closest); GitHub's `[!IMPORTANT]` and `[!CAUTION]` are `[!WARNING]` here, `[!TIP]` is `[!NOTE]`."),
        Rule(.careCardEmpty, .error, "A care card, callout or do-and-don't list has nothing in it.",
             "A card is only a heading until it says when to get help: `> [!EMERGENCY]` with nothing under it would tell patients to call for help without saying when. Do-and-don't lists hold a bulleted list. Fix: write the card's text on the quote's next lines, each starting with `>` (`> - you have chest pain`), or remove the marker."),
        Rule(.emergencyAdviceMissing, .warning, "The page describes emergency symptoms but has no emergency care card.",
             "A patient reading about chest pain, signs of a stroke, anaphylaxis, sepsis, severe breathing difficulty, heavy bleeding or suicidal thoughts needs to see at once what to do now, in the red card the NHS uses for emergencies, not in a sentence among others. The message names the phrase it found and the line. Phrases that are denied in their sentence (\"this is not a sign of a stroke\") are not reported. Fix: add an emergency card near the symptoms, `> [!EMERGENCY]` on its own line and the symptoms as `> - …` lines below it; if the page rightly has none (a page about long-term care after a stroke, say), waive the rule in the front matter with the reason: `waive: {emergency-advice-missing: \"…\"}`."),
    ]
}
