import MedsiteBase

/// One entry of a page's change log (`changes:` in the front matter): when the page changed, what
/// changed in a sentence, and whether the change touched the medical advice.
///
///     changes:
///       - date: 2026-05-02
///         summary: "Corrected the spelling of salbutamol"
///         kind: minor
///
/// A `clinical` change needs a review on or after its date; a `minor` one (a typo, a broken
/// sentence) dated on or after the last review lets the build accept a change to the text without
/// a new review (`ReviewIntegrity`), and is shown on the page and recorded in the review ledger.
public struct PageChange: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable, Hashable {
        case minor, clinical
    }

    public var date: CalendarDate
    public var summary: String
    public var kind: Kind
    /// Where the entry starts (its `- date:` line), for diagnostics.
    public var position: SourcePosition

    public init(date: CalendarDate, summary: String, kind: Kind, position: SourcePosition = .start) {
        self.date = date
        self.summary = summary
        self.kind = kind
        self.position = position
    }

    /// The same change, wherever it is written (the ledger compares entries by date, kind and words).
    public func isSameChange(as other: PageChange) -> Bool {
        date == other.date && kind == other.kind && summary == other.summary
    }

    /// The field names of one entry, in the order they are written.
    public static let fieldNames = ["date", "summary", "kind"]
}
