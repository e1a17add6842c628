// The catalogue entries of `ReadabilityRules` (MedsiteValidate): the ids and explanations live here, below
// parsing, because parse errors and `medsite.yml` rule settings need every rule id.
extension RuleID {
    package static let readability: RuleID = "readability"
    package static let longSentence: RuleID = "long-sentence"
}

extension RuleCatalogue {
    static let readabilityRules: [Rule] = [
        Rule(.readability, .warning, "The text is harder to read than the site's maximum grade.",
             "Health information should be readable by most adults: the NHS and the US NIH aim for a reading age of 9 to 11 (US grade 6 to 8). medsite computes the Flesch-Kincaid grade, 0.39 × words per sentence + 11.8 × syllables per word − 15.59, on the text readers see (headings and list items count as sentences; code is left out) and warns above `readability.max_grade` in medsite.yml (default 8). Pages under 50 words are not graded. Fix: use shorter sentences (the message names the longest) and everyday words, explaining each medical term once; where clinical terms are unavoidable, waive the rule for the page with a reason: `waive: {readability: \"…\"}`."),
        Rule(.longSentence, .note, "A sentence has more than 25 words.",
             "Long sentences are the main reason a health page is hard to read, especially for readers who are unwell, anxious or reading in a second language. Fix: split the sentence in two, or turn a run of items into a list."),
    ]
}
