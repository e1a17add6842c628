import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// `medsite new`: a draft article with every field present and explained.
///
/// The review fields are left for the reviewer: medsite never writes a review date or a reviewer
/// itself, because a page must only claim a review that happened. The file is a draft, so its
/// empty fields are reported as warnings and never block a build or reach Output/.
public enum ArticleScaffold {
    public struct Options: Sendable {
        public var title: String
        public var type: ArticleType
        public var condition: String?
        /// The slug; derived from the title when nil.
        public var slug: String?
        /// The site's disclaimer keys, listed in the comment; the first is the site's default.
        public var disclaimerKeys: [String]
        public var defaultDisclaimer: String

        public init(title: String, type: ArticleType = .article, condition: String? = nil, slug: String? = nil,
                    disclaimerKeys: [String] = [], defaultDisclaimer: String = "general") {
            self.title = title
            self.type = type
            self.condition = condition
            self.slug = slug
            self.disclaimerKeys = disclaimerKeys
            self.defaultDisclaimer = defaultDisclaimer
        }
    }

    /// The slug a title gives: lowercase ASCII words joined by hyphens ("Is PML curable?" → "is-pml-curable").
    public static func slug(forTitle title: String) -> String {
        FrontMatterDecoder.suggestedSlug(from: title)
    }

    /// Why a slug cannot be used, or nil when it can.
    public static func problem(withSlug slug: String) -> String? {
        if slug.utf8.count > FrontMatter.maximumSlugLength {
            return "the slug is \(slug.utf8.count) characters long; a page address can have at most \(FrontMatter.maximumSlugLength): choose a shorter one with --slug"
        }
        if !FrontMatter.isValidSlug(slug) {
            return "'\(slug)' is not a usable slug: use lowercase letters and digits joined by single hyphens"
        }
        if FrontMatter.reservedSlugs.contains(slug) {
            return "'\(slug)' is reserved for medsite's own pages: choose another with --slug, for example '\(slug)-guide'"
        }
        return nil
    }

    /// The article (site-relative path) that already has this slug, if any: a new draft taking it
    /// would make two pages claim one address (`duplicate-slug`), which stops every build.
    ///
    /// Reads only the front-matter lines, without a YAML parse, so it stays instant on large sites;
    /// anything it cannot see (a slug in unusual YAML) is still caught by the build's own check.
    public static func article(usingSlug slug: String, siteDirectory: String) -> String? {
        let articles = ContentScanner.scan(siteDirectory: siteDirectory).articles
        let owners = articles.parallelMap { file -> String? in
            // Front matter sits at the top: its first 64 KB are plenty.
            let declared = ScaffoldWriter.readPrefix(file.absolutePath, limit: 65_536)
                .flatMap { declaredSlug(in: String(decoding: $0, as: UTF8.self)) }
            return (declared ?? file.stem) == slug ? file.relativePath : nil
        }
        return owners.lazy.compactMap { $0 }.first
    }

    /// The value of a top-level `slug:` line inside the leading `---` block, if there is one.
    static func declaredSlug(in text: String) -> String? {
        // `\r\n` is one Character in Swift, and a newline, so CRLF files split the same way.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).makeIterator()
        guard let first = lines.next(), first.trimmingWhitespace.hasSuffix("---") else { return nil }
        while let trimmed = lines.next() {
            if trimmed == "---" || trimmed == "..." { return nil }
            guard trimmed.hasPrefix("slug:") else { continue }
            var value = trimmed.dropFirst(5)
            if let comment = value.range(of: " #") { value = value[..<comment.lowerBound] }
            var result = value.trimmingWhitespace
            if result.count >= 2, let quote = result.first, quote == "\"" || quote == "'", result.last == quote {
                result = String(result.dropFirst().dropLast())
            }
            return result.isEmpty ? nil : result
        }
        return nil
    }

    /// Where the draft goes, relative to the site folder.
    public static func path(for options: Options) -> String {
        "Content/\(options.slug ?? Self.slug(forTitle: options.title)).md"
    }

    public static func text(_ options: Options) -> String {
        let isShortAnswer = options.type == .shortAnswer
        var lines: [String] = [
            "---",
            "# A draft written by `medsite new`. Drafts are checked but never published: a build",
            "# lists what is still missing as warnings. Fill in every field, have a clinician review",
            "# the page, then delete the `draft: true` line at the end to publish it.",
        ]
        // Every field in FrontMatterField order, each after a blank line unless it goes with the one above.
        for field in FrontMatterField.allCases {
            let fieldLines = templateLines(for: field, options)
            guard !fieldLines.isEmpty else { continue }
            if field != .question && field != .nextReview { lines.append("") }
            lines += fieldLines
        }
        lines += ["---", ""]
        // The guidance paragraphs come from `Placeholders`, so a page still holding one is not published.
        let guidance = isShortAnswer ? Placeholders.shortAnswerGuidance : Placeholders.articleGuidance
        let headings = isShortAnswer ? ["What this means for you", "When to get help"]
                                     : ["What it is", "What you can do", "When to get help"]
        var body = [guidance[0], ""]
        for (heading, paragraph) in zip(headings, guidance.dropFirst()) {
            body += ["## " + heading, "", paragraph, ""]
        }
        return (lines + body).joined(separator: "\n")
    }

    /// A field's lines in the template, with the comment that explains it. The switch is exhaustive,
    /// so a new field does not compile until `medsite new` says something about it.
    static func templateLines(for field: FrontMatterField, _ options: Options) -> [String] {
        switch field {
        case .title:
            return ["# The page's heading, in plain words. Required.",
                    "title: \(YAMLText.quoted(options.title))"]
        case .description:
            return ["# The short answer in one or two plain sentences: shown under the title and in search",
                    "# results. Required.",
                    "description: \"\""]
        case .slug:
            // The slug is the file's name (`--slug` chooses it), so the template needs no line for it.
            return []
        case .type:
            return ["# article: a general page. short-answer: the answer to one patient question.",
                    "type: \(options.type.rawValue)"]
        case .question:
            if options.type == .shortAnswer {
                return ["# The patient's question, as they would ask it, ending in '?'. Required for short-answer.",
                        "question: \(YAMLText.quoted(questionSuggestion(for: options.title)))"]
            }
            return ["# For a short-answer page, add the patient's question: question: \"…?\""]
        case .condition:
            if let condition = options.condition, !condition.trimmingWhitespace.isEmpty {
                return ["# The condition the page is about: it groups the page on the home page.",
                        "condition:",
                        "  name: \(YAMLText.quoted(condition.trimmingWhitespace))",
                        "  # icd10: A00.0   # optional ICD-10 code, for search engines' structured data"]
            }
            return ["# Optional: the condition the page is about (it groups the page on the home page):",
                    "# condition:",
                    "#   name: Asthma",
                    "#   icd10: J45      # optional ICD-10 code"]
        case .audience:
            return ["# Who the page is written for: patient, caregiver or clinician.",
                    "audience: patient"]
        case .lastReviewed:
            return ["# The day a clinician reviewed this page, as YYYY-MM-DD. Required. The reviewer fills it",
                    "# in once the review has taken place: medsite never writes a review date for you.",
                    "last_reviewed:"]
        case .nextReview:
            return ["# Optional: when the next review is due. Default: last_reviewed plus review.interval_months.",
                    "# next_review: YYYY-MM-DD"]
        case .reviewedBy:
            return ["# The clinician who reviewed the page: name, a comma, then credentials, as in",
                    "# \"\(Placeholders.reviewer)\" (an invented example: a page naming it is not published).",
                    "# Required. Several reviewers are written as a list of `- name: …` / `credentials: …`.",
                    "reviewed_by:"]
        case .changes:
            // A new page has no changes yet; the comment shows the form for when it does.
            return ["# After publication, record each change here, newest first: `kind: clinical` when the",
                    "# advice changed (the page then needs a new review), `kind: minor` for a typo or wording",
                    "# fix that changes no advice. Shown on the page under \"What changed\".",
                    "# changes:",
                    "#   - date: YYYY-MM-DD",
                    "#     summary: \"Corrected the spelling of salbutamol\"",
                    "#     kind: minor"]
        case .authors:
            return ["# Who wrote the page. Optional.",
                    "authors: []"]
        case .sources:
            return ["# The evidence the page rests on. At least one is required, each with a title and the",
                    "# https:// address where a reader can check it.",
                    "sources:",
                    "  - title: \"\"",
                    "    url: \"\"",
                    "    publisher: \"\""]
        case .disclaimer:
            var lines: [String]
            if options.disclaimerKeys.isEmpty {
                lines = ["# The medical disclaimer shown on the page: a key under `disclaimers:` in medsite.yml."]
            } else {
                lines = ["# The medical disclaimer shown on the page: one of "
                         + options.disclaimerKeys.map { "`\($0)`" }.joined(separator: ", ") + " (medsite.yml)."]
            }
            lines += ["disclaimer: \(options.defaultDisclaimer)"]
            if let other = options.disclaimerKeys.first(where: { $0 != options.defaultDisclaimer }) {
                lines += ["# disclaimer: \(other)"]
            }
            return lines
        case .tags:
            return ["# Words readers can browse by. Optional.",
                    "tags: []"]
        case .alsoCalled:
            return ["# Other names patients search by (lay names, abbreviations). Optional.",
                    "also_called: []"]
        case .draft:
            return ["draft: true"]
        case .aliases:
            // A new page has no old addresses; aliases are added when a published page is renamed.
            return []
        case .waive:
            // Waiving a rule is a decision about a written page, not something a new draft starts with.
            return []
        }
    }

    /// "Can I drink alcohol with metformin" → "Can I drink alcohol with metformin?"
    static func questionSuggestion(for title: String) -> String {
        let trimmed = title.trimmingWhitespace
        return trimmed.hasSuffix("?") ? trimmed : trimmed + "?"
    }
}
