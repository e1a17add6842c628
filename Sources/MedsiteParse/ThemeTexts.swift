import Foundation
import MedsiteBase

/// The fixed words of the theme and of the pages medsite writes itself ("Page last reviewed:",
/// "On this page", "Sources", the 404 and "being reviewed" pages, care-card labels, month names), in
/// one language. English is built in; medsite.yml's `texts:` replaces any of them for the site's
/// language, and `languages: <code>: texts:` for each language pages are translated into.
/// `{name}` placeholders are filled in where the text is used (`format`).
public struct ThemeTexts: Sendable, Equatable {
    /// Every key with its English text, in the order docs/designers.md lists them.
    public static let english: [(key: String, text: String)] = [
        ("language_name", "English"),
        ("skip_to_content", "Skip to main content"),
        ("site_navigation", "Site"),
        ("conditions_a_to_z", "Conditions A to Z"),
        ("topics", "Topics"),
        ("search", "Search"),
        ("languages", "Languages"),
        ("footer_about", "{title} publishes health information to support, never to replace, the advice of your own doctor. Every page is reviewed by a named clinician and lists its sources."),
        ("footer_emergency", "In an emergency, call {number}."),
        ("local_emergency_number", "your local emergency number"),
        ("feed_link", "Recently reviewed pages (Atom feed)"),
        ("feed_title", "{title}: recently reviewed pages"),
        ("feed_subtitle", "Recently reviewed and updated pages"),
        ("feed_change_clinical", "Medical advice updated on {date}: {summary}"),
        ("feed_change_minor", "Minor correction on {date}: {summary}"),
        ("breadcrumb", "Breadcrumb"),
        ("home", "Home"),
        ("general_health", "General health"),
        ("written_by", "Written by"),
        ("and", "and"),
        ("medically_reviewed_by", "Medically reviewed by"),
        ("last_reviewed", "Last reviewed"),
        ("short_answer", "Short answer"),
        ("in_brief", "In brief"),
        ("on_this_page", "On this page"),
        ("sources", "Sources"),
        ("topics_label", "Topics:"),
        ("review_information", "Review information"),
        ("page_last_reviewed", "Page last reviewed:"),
        ("next_review_due", "Next review due:"),
        ("reviewed_by", "Reviewed by"),
        ("shared_advice_reviewed", "Advice shared with other pages, reviewed on its own:"),
        ("snippet_reviewed_by", "reviewed by"),
        ("snippet_reviewed_on", "on"),
        ("what_changed", "What changed"),
        ("change_clinical", "medical advice updated"),
        ("change_minor", "minor correction"),
        ("medical_disclaimer", "Medical disclaimer"),
        ("medical_disclaimer_label", "Medical disclaimer:"),
        ("due_for_review", "This page is due for review."),
        ("due_for_review_advice", "The information may be out of date; check with your doctor or pharmacist before you act on it."),
        ("translation_stale", "This translation is older than the page it was translated from, which a clinician reviewed again on {date}. Check with your doctor or pharmacist before you act on it, or read the original page:"),
        ("home_lead", "Health information written for patients and the people who care for them, reviewed by clinicians."),
        ("home_description", "Health information from {title}, reviewed by clinicians."),
        ("search_health_information", "Search health information"),
        ("conditions_by_letter", "Conditions by letter"),
        ("no_conditions", "(no conditions)"),
        ("nothing_published", "No articles have been published yet."),
        ("reviewed", "Reviewed"),
        ("one_page", "1 page"),
        ("page_count", "{count} pages"),
        ("listing_page_title", "{name} (page {page} of {pages})"),
        ("pages_of", "Pages of {name}"),
        ("page_of", "Page {page} of {pages}"),
        ("condition_lead", "{count} about {name}, each reviewed by a clinician."),
        ("condition_description", "Pages about {name}, reviewed by clinicians."),
        ("condition_code", "Doctors' code for this condition"),
        ("icd10_code", "ICD-10 code:"),
        ("icd10_explanation", "Doctors and hospitals use this code, from the World Health Organization's International Classification of Diseases (ICD-10), to record a condition. You do not need it to use these pages; you may see it on a letter or in your health record."),
        ("topic", "Topic:"),
        ("topic_title", "Topic: {name}"),
        ("topic_lead", "{count} on this topic, each reviewed by a clinician."),
        ("topics_lead", "Every topic on {title}, A to Z."),
        ("no_topics", "No pages have topics yet."),
        ("search_description", "Search the health information on {title}."),
        ("search_help", "Search by the names you know: a condition, a medicine, a symptom, or an ICD-10 code."),
        ("show_more_results", "Show more results"),
        ("search_noscript", "Search needs JavaScript. Every page is also listed in the {a_to_z} and under {topics}."),
        ("search_noscript_a_to_z", "conditions A to Z"),
        ("search_noscript_topics", "topics"),
        ("not_found_title", "Page not found"),
        ("not_found_description", "The page you asked for is not on {title}."),
        ("not_found_lead", "Sorry, there is no page at this address. It may have moved, or the address may be mistyped."),
        ("browse_a_to_z", "Browse conditions A to Z"),
        ("browse_topics", "Browse topics"),
        ("unwell_now", "If you are unwell and need help now, contact your doctor or call {number}."),
        ("reviewing_title", "This page is being reviewed"),
        ("reviewing_lead", "A clinician is checking this page to make sure it is accurate and up to date. It will be back when the review is finished."),
        ("reviewing_meanwhile", "Until then, you can:"),
        ("go_home", "Go to the home page"),
        ("moved_title", "{title} has moved"),
        ("moved_heading", "This page has moved"),
        ("moved_text", "Its new address is {link}. Please update any bookmark or link."),
        ("care_emergency_label", "Emergency:"),
        ("care_urgent_label", "Urgent advice:"),
        ("care_non_urgent_label", "Non-urgent advice:"),
        ("care_warning_label", "Important:"),
        ("care_note_label", "Information:"),
        ("date_format", "{day} {month} {year}"),
    ]

    /// The month names, January first (`months:` in medsite.yml, a list of 12).
    public static let englishMonths = ["January", "February", "March", "April", "May", "June", "July",
                                       "August", "September", "October", "November", "December"]

    public static let keys: [String] = english.map(\.key)
    static let englishByKey: [String: String] = Dictionary(uniqueKeysWithValues: english.map { ($0.key, $0.text) })
    /// Every key medsite.yml's `texts:` accepts.
    public static let settingKeys: [String] = keys + ["months"]

    /// Key → text, every key present.
    public private(set) var values: [String: String]
    public private(set) var months: [String]
    /// The keys (and `months`) this language's settings set; the rest are English.
    public private(set) var setKeys: Set<String> = []

    /// English.
    public init() {
        values = Self.englishByKey
        months = Self.englishMonths
    }

    /// English with `overrides` in place (keys not in `keys` are ignored: the settings reader
    /// reports them).
    public init(overrides: [String: String], months: [String]? = nil) {
        self.init()
        for (key, text) in overrides where values[key] != nil {
            values[key] = text
            setKeys.insert(key)
        }
        if let months, months.count == 12 {
            self.months = months
            setKeys.insert("months")
        }
    }

    public subscript(key: String) -> String { values[key] ?? "" }

    /// The text of `key` with each `{name}` replaced by its value.
    public func format(_ key: String, _ substitutions: [String: String]) -> String {
        Self.fill(self[key], substitutions)
    }

    /// One pass over the template: a value is copied as it is, never searched for placeholders
    /// itself (a summary holding "{date}" stays so), and an unknown `{name}` stays as written.
    static func fill(_ template: String, _ substitutions: [String: String]) -> String {
        guard template.contains("{") else { return template }
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}"),
                  let value = substitutions[String(rest[afterOpen..<close])] else {
                result.append("{")
                rest = rest[afterOpen...]
                continue
            }
            result += value
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// "7 April 2026", in this language's `date_format` and month names.
    public func date(_ date: CalendarDate) -> String {
        // The common case, English, without the replacements.
        if !setKeys.contains("date_format") && !setKeys.contains("months") { return date.long }
        return Self.fill(self["date_format"], ["day": String(date.day), "month": months[date.month - 1], "year": String(date.year)])
    }

    /// `1 page` or `12 pages`.
    public func pageCount(_ count: Int) -> String {
        count == 1 ? self["one_page"] : format("page_count", ["count": String(count)])
    }

    /// Keys a translation would need to set so that no English shows on its pages.
    public var untranslatedKeys: [String] {
        Self.settingKeys.filter { !setKeys.contains($0) && $0 != "date_format" }
    }
}
