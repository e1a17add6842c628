import MedsiteBase

/// One piece of evidence the page rests on.
public struct SourceReference: Sendable, Hashable {
    public var title: String
    public var url: String
    public var publisher: String?
    /// As the editor wrote it, shown on the page.
    public var date: String?
    public var position: SourcePosition
    public var urlPosition: SourcePosition
    /// `date` in ISO 8601 (`2021`, `2021-03`, `2021-03-07`), for schema.org's `datePublished`.
    public var isoDate: String? = nil
}
