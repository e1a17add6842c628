import CCmark
import MedsiteBase

/// A `##` heading with the `id` its anchor gets.
public struct MarkdownHeading: Sendable, Hashable {
    public let level: Int
    public let text: String
    public let id: String
    public let position: SourcePosition
}
