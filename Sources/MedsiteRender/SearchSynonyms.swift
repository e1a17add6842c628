/// Words patients type and the words pages use for the same thing. A query for any member of a
/// group also finds pages that use the others. The built-in list is English; a site adds its own
/// groups with `search.synonyms` in medsite.yml.
package enum SearchSynonyms {
    package static let english: [[String]] = [
        ["heart attack", "myocardial infarction"],
        ["fits", "fit", "seizure", "seizures", "convulsion", "epilepsy"],
        ["sugar", "blood sugar", "diabetes", "glucose"],
        ["wheeze", "wheezing", "breathless", "short of breath", "breathing", "asthma"],
        ["water tablets", "water pills", "diuretic", "diuretics"],
        ["high blood pressure", "hypertension"],
        ["low blood pressure", "hypotension"],
        ["stroke", "cerebrovascular", "brain attack"],
        ["painkiller", "painkillers", "analgesic", "pain relief"],
        ["tummy", "stomach", "abdomen", "abdominal"],
        ["being sick", "vomiting", "nausea", "throwing up"],
        ["runny tummy", "diarrhoea", "diarrhea", "loose stools"],
        ["cancer", "tumour", "tumor", "malignancy"],
        ["kidney", "renal"],
        ["liver", "hepatic"],
        ["lung", "lungs", "pulmonary", "respiratory"],
        ["skin rash", "rash", "dermatitis", "eczema"],
        ["heartburn", "acid reflux", "indigestion", "reflux"],
        ["underactive thyroid", "hypothyroidism"],
        ["overactive thyroid", "hyperthyroidism"],
        ["anaemia", "anemia", "low iron"],
        ["jab", "jabs", "vaccine", "vaccination", "immunisation", "immunization"],
        ["pee", "urine", "urinary"],
        ["poo", "stool", "bowel"],
        ["blood thinner", "blood thinners", "anticoagulant", "warfarin"],
        ["inhaler", "inhalers", "reliever", "puffer"],
        ["pregnant", "pregnancy", "antenatal"],
        ["dementia", "memory loss", "alzheimer"],
        ["flu", "influenza"],
        ["cold sore", "herpes"],
        ["shingles", "herpes zoster"],
        ["gp", "doctor", "family doctor"],
        ["chemist", "pharmacist", "pharmacy"],
        ["ms", "multiple sclerosis"],
        ["copd", "chronic obstructive pulmonary disease", "emphysema"],
        ["uti", "urinary tract infection", "bladder infection", "cystitis"],
    ]

    /// The groups a site searches with: the built-in English list for an English site, then the
    /// site's own; each phrase as index terms (so "fits" and "fit" meet), groups and phrases that
    /// come out the same kept once.
    package static func groups(language: String, site: [[String]]) -> [[[String]]] {
        let isEnglish = language.lowercased() == "en" || language.lowercased().hasPrefix("en-")
        var result: [[[String]]] = []
        var seen = Set<[[String]]>()
        for group in (isEnglish ? english : []) + site {
            var phrases: [[String]] = []
            for phrase in group {
                let terms = SearchText.terms(phrase)
                if !terms.isEmpty, !phrases.contains(terms) { phrases.append(terms) }
            }
            guard phrases.count >= 2, seen.insert(phrases).inserted else { continue }
            result.append(phrases)
        }
        return result
    }
}
