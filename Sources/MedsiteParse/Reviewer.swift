import MedsiteBase

/// The clinician who reviewed the page: "Dr Jane Smith, MD FRCP" or `{name, credentials}`.
public struct Reviewer: Sendable, Hashable {
    public var name: String
    public var credentials: String?
    public var position: SourcePosition
}
