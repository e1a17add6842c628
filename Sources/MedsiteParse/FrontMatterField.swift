/// Every front-matter field medsite reads, by the name editors write. The decoder's list of known
/// fields, the required ones, `medsite schema` and diagnostics' positions all come from here, so a
/// field's name is written once (a misspelt `"last_reviewed"` literal would silently lose a position).
public enum FrontMatterField: String, CaseIterable, Sendable {
    case title, description, slug, type, question, condition, audience
    case lastReviewed = "last_reviewed"
    case nextReview = "next_review"
    case reviewedBy = "reviewed_by"
    case authors, sources, disclaimer, tags, draft, waive
    case alsoCalled = "also_called"

    /// The name as written in the front matter: `last_reviewed`.
    public var name: String { rawValue }

    /// A page without it is not published (`required-field`).
    public var isRequired: Bool {
        switch self {
        case .title, .description, .lastReviewed, .reviewedBy, .sources: true
        default: false
        }
    }
}
