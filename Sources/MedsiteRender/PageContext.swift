import Foundation
import MedsiteBase
import MedsiteParse
import MedsiteValidate

/// Builds the values templates see. Keys are documented in README "Templates"; a key is left out
/// (rather than set to "") when there is no value, so `{{#key}}` sections behave.
enum PageContext {
    static func site(_ settings: SiteSettings) -> TemplateValues {
        let values: TemplateValues = ["title": settings.title, "base_url": settings.baseURL, "language": settings.language]
        if let number = settings.emergencyNumber { values["emergency_number"] = number }
        return values
    }

    /// `text`: the theme's fixed texts in the page's language, ready for `{{{text.key}}}`: escaped
    /// already (all but `'`, which needs none in text and double-quoted attributes, so the English
    /// reads as the theme always wrote it), with `{title}` and `{number}` filled in.
    static func texts(_ settings: SiteSettings) -> TemplateValues {
        let title = HTML.escape(settings.title)
        let number = HTML.escape(settings.emergencyNumber ?? settings.texts["local_emergency_number"])
        let values: TemplateValues = [:]
        for key in ThemeTexts.keys {
            var text = HTML.escapeKeepingApostrophes(settings.texts[key])
            if text.contains("{") {
                text = text.replacingOccurrences(of: "{title}", with: title).replacingOccurrences(of: "{number}", with: number)
            }
            values[key] = text
        }
        return values
    }

    /// `root` is the relative path back to the site root, so the output works from any folder,
    /// under any base path, and opened straight from disk.
    static func page(title: String, description: String, path: String, settings: SiteSettings) -> TemplateValues {
        ["title": title, "description": description, "url": PageAddress.href(path), "canonical": settings.baseURL + PageAddress.href(path)]
    }

    static func root(forPath path: String) -> String {
        String(repeating: "../", count: path.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 })
    }

    /// The article's own values; `SitePages.articleContext` adds the navigation ones.
    static func article(_ article: Article, bodyHTML: String, texts: ThemeTexts = ThemeTexts()) -> TemplateValues {
        let frontMatter = article.frontMatter
        let and = " " + texts["and"] + " "
        let values: TemplateValues = [
            "title": article.title,
            "description": frontMatter.description ?? "",
            "body": bodyHTML,
            "slug": article.slug,
            "type": frontMatter.type.rawValue,
            "is_short_answer": frontMatter.type == .shortAnswer,
            "audience": frontMatter.audience.rawValue,
            "has_sources": !frontMatter.sources.isEmpty,
            "sources": frontMatter.sources.map(source),
            "has_authors": !frontMatter.authors.isEmpty,
            "authors": frontMatter.authors.enumerated().map { index, name -> TemplateValues in
                let remaining = frontMatter.authors.count - 1 - index
                return ["name": name, "separator": remaining == 0 ? "" : remaining == 1 ? and : ", "]
            },
            "draft": frontMatter.draft,
            "has_changes": !frontMatter.changes.isEmpty,
            "changes": changes(frontMatter.changes, texts: texts),
        ]
        if let question = frontMatter.question {
            values["question"] = question
            if !restates(question, article.title) { values["distinct_question"] = question }
        }
        return values
    }

    /// Whether a question only says the title again ("Can PML be cured?" under "Can PML be cured"):
    /// letters and digits compared, case ignored.
    static func restates(_ question: String, _ title: String) -> Bool {
        func words(_ text: String) -> String { String(text.lowercased().filter { $0.isLetter || $0.isNumber }) }
        return words(question) == words(title)
    }

    static func disclaimer(key: String, settings: SiteSettings) -> TemplateValues {
        ["key": key, "text": settings.disclaimerText(for: key) ?? ""]
    }

    /// The change log, newest first (entries of one day in the order written).
    static func changes(_ changes: [PageChange], texts: ThemeTexts) -> [TemplateValues] {
        changes.enumerated().sorted { ($0.element.date, -$0.offset) > ($1.element.date, -$1.offset) }.map { _, change in
            ["date": texts.date(change.date), "date_iso": change.date.iso, "summary": change.summary,
             "kind": change.kind.rawValue, "is_clinical": change.kind == .clinical, "is_minor": change.kind == .minor] as TemplateValues
        }
    }

    static func reviewers(_ reviewers: [Reviewer]) -> [TemplateValues] {
        reviewers.enumerated().map { index, reviewer -> TemplateValues in
            let entry: TemplateValues = ["name": reviewer.name, "separator": index == reviewers.count - 1 ? "" : "; "]
            if let credentials = reviewer.credentials { entry["credentials"] = credentials }
            return entry
        }
    }

    /// `today`: the build day, for `is_overdue` (nil: never overdue). The next review is the page's
    /// own, or earlier when a snippet it includes is due earlier or a source it cites was superseded.
    static func review(_ article: Article, today: CalendarDate?, texts: ThemeTexts = ThemeTexts()) -> TemplateValues {
        let frontMatter = article.frontMatter
        let values: TemplateValues = [
            "last_reviewed": frontMatter.lastReviewed.map(texts.date) ?? "",
            "last_reviewed_iso": frontMatter.lastReviewed?.iso ?? "",
            "next_review": article.nextReview.map(texts.date) ?? "",
            "next_review_iso": article.nextReview?.iso ?? "",
            "reviewers": reviewers(frontMatter.reviewers),
            "last_modified": article.lastModified.map(texts.date) ?? "",
            "last_modified_iso": article.lastModified?.iso ?? "",
            // Shared text reviewed on its own: the page names who reviewed it and when.
            "has_snippets": !article.includedSnippets.isEmpty,
            "snippets": article.includedSnippets.map { snippet -> TemplateValues in
                ["title": snippet.title, "reviewers": reviewers(snippet.reviewers),
                 "last_reviewed": snippet.lastReviewed.map(texts.date) ?? "", "last_reviewed_iso": snippet.lastReviewed?.iso ?? ""]
            },
        ]
        // A published page past its due date (overdue: warning, or the rule waived) says so to patients.
        if let today, let next = article.nextReview, today > next { values["is_overdue"] = true }
        return values
    }

    static func source(_ source: SourceReference) -> TemplateValues {
        // Validation already refuses other schemes; dropping them here too means no `javascript:` href
        // can come out of a source even if that rule were bypassed.
        let entry: TemplateValues = ["title": source.title, "url": FrontMatterDecoder.isPublicAddress(source.url) ? source.url : ""]
        if let publisher = source.publisher { entry["publisher"] = publisher }
        if let date = source.date { entry["date"] = date }
        return entry
    }
}
