/// Builds the values templates see. Keys are documented in README "Templates"; a key is left out
/// (rather than set to "") when there is no value, so `{{#key}}` sections behave.
enum PageContext {
    static func site(_ settings: SiteSettings) -> [String: Any] {
        ["title": settings.title, "base_url": settings.baseURL, "language": settings.language]
    }

    /// `root` is the relative path back to the site root, so the output works from any folder,
    /// under any base path, and opened straight from disk.
    static func page(title: String, description: String, path: String, settings: SiteSettings) -> [String: Any] {
        ["title": title, "description": description, "url": path, "canonical": settings.baseURL + path]
    }

    static func root(forPath path: String) -> String {
        String(repeating: "../", count: path.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 })
    }

    static func article(_ article: Article, bodyHTML: String, settings: SiteSettings) -> [String: Any] {
        let frontMatter = article.frontMatter
        var values: [String: Any] = [
            "title": article.title,
            "description": frontMatter.description ?? "",
            "body": bodyHTML,
            "slug": article.slug,
            "type": frontMatter.type.rawValue,
            "is_short_answer": frontMatter.type == .shortAnswer,
            "audience": frontMatter.audience.rawValue,
            "has_sources": !frontMatter.sources.isEmpty,
            "sources": frontMatter.sources.map(source),
            "tags": frontMatter.tags.map { ["name": $0] },
            "authors": frontMatter.authors.map { ["name": $0] },
            "draft": frontMatter.draft,
        ]
        if let question = frontMatter.question { values["question"] = question }
        if let condition = frontMatter.condition {
            var entry: [String: Any] = ["name": condition.name]
            if let icd10 = condition.icd10 { entry["icd10"] = icd10 }
            values["condition"] = entry
        }
        return [
            "site": site(settings),
            "page": page(title: article.title, description: frontMatter.description ?? "", path: article.url, settings: settings),
            "root": root(forPath: article.url),
            "article": values,
            "review": review(frontMatter),
            "disclaimer": ["key": frontMatter.disclaimer, "text": settings.disclaimerText(for: frontMatter.disclaimer) ?? ""],
        ]
    }

    static func review(_ frontMatter: FrontMatter) -> [String: Any] {
        let reviewers = frontMatter.reviewers.enumerated().map { index, reviewer -> [String: Any] in
            var entry: [String: Any] = ["name": reviewer.name,
                                        "separator": index == frontMatter.reviewers.count - 1 ? "" : "; "]
            if let credentials = reviewer.credentials { entry["credentials"] = credentials }
            return entry
        }
        return [
            "last_reviewed": frontMatter.lastReviewed?.long ?? "",
            "last_reviewed_iso": frontMatter.lastReviewed?.iso ?? "",
            "next_review": frontMatter.nextReview?.long ?? "",
            "next_review_iso": frontMatter.nextReview?.iso ?? "",
            "reviewers": reviewers,
        ]
    }

    static func source(_ source: SourceReference) -> [String: Any] {
        // Validation already refuses other schemes; dropping them here too means no `javascript:` href
        // can come out of a source even if that rule were bypassed.
        var entry: [String: Any] = ["title": source.title, "url": FrontMatterDecoder.isPublicAddress(source.url) ? source.url : ""]
        if let publisher = source.publisher { entry["publisher"] = publisher }
        if let date = source.date { entry["date"] = date }
        return entry
    }

    /// Articles grouped by condition, A to Z; articles with no condition go under "General health".
    static func conditionGroups(_ articles: [Article]) -> [(name: String, articles: [Article])] {
        var groups: [String: [Article]] = [:]
        for article in articles {
            groups[article.frontMatter.condition?.name ?? "General health", default: []].append(article)
        }
        return groups.map { (name: $0.key, articles: $0.value.sorted { ($0.title.lowercased(), $0.slug) < ($1.title.lowercased(), $1.slug) }) }
            .sorted { ($0.name.lowercased(), $0.name) < ($1.name.lowercased(), $1.name) }
    }

    static func home(_ articles: [Article], settings: SiteSettings) -> [String: Any] {
        let conditions = conditionGroups(articles).map { group -> [String: Any] in
            ["name": group.name, "id": MarkdownDocument.anchorID(for: group.name),
             "articles": group.articles.map { ["title": $0.title, "url": $0.url, "description": $0.frontMatter.description ?? ""] }]
        }
        return [
            "site": site(settings),
            "page": page(title: settings.title, description: "Health information from \(settings.title), reviewed by clinicians.",
                         path: "", settings: settings),
            "root": "",
            "conditions": conditions,
        ]
    }
}
