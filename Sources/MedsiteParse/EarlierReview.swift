import MedsiteBase

/// A day on which a page falls due for review before its own `next_review`, and why: a snippet it
/// includes is due then, or a source it cites was withdrawn or replaced then (and the page was last
/// reviewed before). `Article.nextReview` is the earliest of the page's own date and these.
public struct EarlierReview: Sendable, Hashable {
    public enum Cause: Sendable, Hashable {
        /// The included snippet `name` (`Snippets/<name>.md`) is due for review on that day.
        case snippet(name: String, file: String)
        /// The page's `sources[index]` (counted from 1) cites a source superseded on that day.
        case supersededSource(SupersededSource, index: Int, citedURL: String)
    }

    public let date: CalendarDate
    public let cause: Cause
    /// Where in the page the reason is: the `> [!SNIPPET]` line, or the source's address.
    public let position: SourcePosition

    public init(date: CalendarDate, cause: Cause, position: SourcePosition) {
        self.date = date
        self.cause = cause
        self.position = position
    }

    /// Why, in a few words, for reports: "the snippet call-999 it includes is due for review".
    public var reason: String {
        switch cause {
        case .snippet(let name, let file):
            return "the snippet '\(name)' (\(file)) it includes is due for review on \(date.iso)"
        case .supersededSource(let source, let index, let cited):
            let replacement = source.replacedBy.map { " and replaced by \($0)" } ?? ""
            return "sources[\(index)] (\(cited)) was withdrawn on \(source.date.iso)\(replacement)"
                + (source.note.map { " (\($0))" } ?? "")
        }
    }

    /// What to do about it.
    public var fix: String {
        switch cause {
        case .snippet(_, let file):
            return "have a clinician review \(file), then update its last_reviewed"
        case .supersededSource(let source, let index, _):
            let against = source.replacedBy.map { "against \($0), replace sources[\(index)] with it" }
                ?? "against current guidance, replace or remove sources[\(index)]"
            return "have a clinician check the page \(against), and set last_reviewed to the day of that review"
        }
    }
}
