/// Every front-matter field medsite reads, by the name editors write, with everything said about it:
/// whether it is required, its kind of value, its description for editors and its JSON Schema
/// (`FrontMatterField+Schema.swift`), and its row in docs/editors.md (`FrontMatterField+Docs.swift`).
/// The decoder's known fields and required checks, `medsite schema`, `medsite new`'s template and the
/// editors' field table all come from here, so a field's name is written once (a misspelt
/// `"last_reviewed"` literal would silently lose a position).
///
/// Adding a field: a case here, then the compiler asks for each exhaustive switch (its kind,
/// requirement, summary, schema, docs row, template lines) and for its decoding in
/// `FrontMatterDecoder.decodeField`; `make fields-doc` rewrites the table in docs/editors.md.
public enum FrontMatterField: String, CaseIterable, Sendable {
    case title, description, slug, aliases, type, question, condition, audience
    case lastReviewed = "last_reviewed"
    case nextReview = "next_review"
    case reviewedBy = "reviewed_by"
    case changes
    case authors, sources, disclaimer, tags
    case alsoCalled = "also_called"
    case draft, waive

    /// The name as written in the front matter: `last_reviewed`.
    public var name: String { rawValue }

    /// Whether a page needs the field.
    public enum Requirement: Sendable {
        /// A page without it is not published (`required-field`).
        case required
        /// Required when `type: short-answer`.
        case forShortAnswer
        case optional
    }

    public var requirement: Requirement {
        switch self {
        case .title, .description, .lastReviewed, .reviewedBy, .sources: .required
        case .question: .forShortAnswer
        case .slug, .aliases, .type, .condition, .audience, .nextReview, .changes, .authors, .disclaimer, .tags, .alsoCalled, .draft,
             .waive: .optional
        }
    }

    /// A page without it is not published (`required-field`).
    public var isRequired: Bool { requirement == .required }

    /// The fields a snippet (`Snippets/*.md`, shared text included in pages) may have: what says who
    /// reviewed it, when, and on what evidence. `title`, `last_reviewed` and `reviewed_by` are required.
    public static let snippetFields: [FrontMatterField] = [.title, .lastReviewed, .nextReview, .reviewedBy, .sources, .waive]

    /// Whether a snippet needs the field.
    public var isRequiredInSnippet: Bool { self == .title || self == .lastReviewed || self == .reviewedBy }

    /// The kind of value the field holds. The simple kinds share one JSON Schema definition
    /// (`$defs/text`, `$defs/date`, `$defs/textList`); the others have their own.
    public enum Kind: String, Sendable {
        case text, date, textList, boolean, choice, slug, condition, reviewers, changes, sources, disclaimerKey, waivers
    }

    public var kind: Kind {
        switch self {
        case .title, .description, .question: .text
        case .lastReviewed, .nextReview: .date
        case .authors, .tags, .aliases, .alsoCalled: .textList
        case .draft: .boolean
        case .type, .audience: .choice
        case .slug: .slug
        case .condition: .condition
        case .reviewedBy: .reviewers
        case .changes: .changes
        case .sources: .sources
        case .disclaimer: .disclaimerKey
        case .waive: .waivers
        }
    }

    /// What the field is for, in editors' words: the field's `description` in `medsite schema`.
    public var summary: String {
        switch self {
        case .title: "The page's heading, in plain words. Required."
        case .description: "The short answer in one or two plain sentences; shown under the title and in search results. Required."
        case .slug: "The page's address (/slug/): lowercase letters (of any script: für-kinder, διαβήτης, 哮喘) and digits joined by single hyphens, at most 200 bytes. Default: the file name."
        case .aliases: "Old addresses of this page on this site (`/old-name/`): each gets a page that sends readers here, and a line in _redirects."
        case .type: "article: a general page. short-answer: the answer to one patient question (needs `question`)."
        case .question: "The patient's question, ending in '?'. Required when type is short-answer."
        case .condition: "The condition the page is about; groups the page on the home page."
        case .audience: "Who the page is written for."
        case .lastReviewed: "The day a clinician last reviewed the page, as YYYY-MM-DD; never in the future. Required."
        case .nextReview: "When the next review is due, as YYYY-MM-DD. Default: last_reviewed plus review.interval_months from medsite.yml."
        case .reviewedBy: "The clinician(s) who reviewed the page: \"Dr Jane Smith, MD FRCP\", or a list of {name, credentials}. Required."
        case .changes: "The page's change log, newest first: each change with its `date`, a one-sentence `summary` and its `kind`: `clinical` (the advice changed: needs a review on or after the date) or `minor` (a typo or wording fix that changes no advice). Shown on the page under \"What changed\"."
        case .authors: "Who wrote the page: a name or a list of names."
        case .sources: "The evidence the page rests on: at least one, each with a title and an https:// address. Required."
        case .disclaimer: "The medical disclaimer shown on the page: a key under `disclaimers:` in medsite.yml. Default: default_disclaimer."
        case .tags: "Words readers can browse by: a word or a list."
        case .alsoCalled: "Other names readers search by: lay names, older names, abbreviations (`[fits, epilepsy]`). Search finds the page by them."
        case .draft: "true: checked but never published. Delete the line once the page is reviewed."
        case .waive: "Rules this page waives for itself, each with the reason: `readability: \"clinical terms are unavoidable\"`. Rules that keep patients safe cannot be waived."
        }
    }

    /// The fix of a `required-field` diagnostic when the field is missing.
    public var missingFix: String {
        switch self {
        case .title: "add 'title: …', the page's heading in plain words"
        case .description: "add 'description: …', the short answer in one or two sentences"
        case .lastReviewed: "add 'last_reviewed: YYYY-MM-DD', the day a clinician last reviewed the page"
        case .reviewedBy: "add 'reviewed_by: Name, credentials', the clinician who reviewed the page"
        case .sources: "add 'sources:' with at least one '- title: …' and 'url: https://…'"
        default: "add '\(name): …'"
        }
    }
}
