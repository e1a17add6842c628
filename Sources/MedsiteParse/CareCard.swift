import MedsiteBase

/// One care card, callout or do-and-don't list found in an article.
public struct CareCard: Sendable, Hashable {
    public let kind: CareCardKind
    /// Where its marker is in the article file.
    public let position: SourcePosition
    /// The heading the editor wrote after the marker, as plain text; nil when the default is used.
    public let customHeading: String?
}
