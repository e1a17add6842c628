import MedsiteBase
import MedsiteParse

/// A long paragraph of a page, by the hash `duplicate-paragraph` compares paragraphs with (its words
/// in lower case, spacing and punctuation ignored: `StructureRules.comparisonKey`).
public struct ParagraphKey: Sendable, Hashable {
    public let hash: UInt64
    public let line: Int

    public init(hash: UInt64, line: Int) {
        self.hash = hash
        self.line = line
    }
}
