import MedsiteBase
import MedsiteParse

/// One block of prose (a paragraph or a heading) as a reader sees it, with a map back to the file.
///
/// Text is the block's inline text: text and code spans, soft and hard breaks as spaces, image
/// descriptions left out (readers see the image, not its alt text). Offsets are UTF-8 offsets.
struct ProseBlock {
    enum Kind: Equatable {
        case paragraph
        case heading(level: Int)
    }

    let kind: Kind
    /// A paragraph inside a list item (a list item is read as one sentence at least).
    let isInListItem: Bool
    let text: String
    let position: SourcePosition
    /// Where each text node starts: its UTF-8 offset in `text` and its position in the file.
    let anchors: [(offset: Int, position: SourcePosition)]
    /// What `ProsePhrases` found in `text`, by list: three rules read it, so the block is scanned once.
    let phrases: [[(phrase: String, offset: Int)]]

    /// The file position of the character at `offset`, exact within a text node.
    func position(atUTF8Offset offset: Int) -> SourcePosition {
        var best: (offset: Int, position: SourcePosition)?
        for anchor in anchors {
            if anchor.offset > offset { break }
            best = anchor
        }
        guard let best else { return position }
        return SourcePosition(line: best.position.line, column: best.position.column + (offset - best.offset))
    }
}
