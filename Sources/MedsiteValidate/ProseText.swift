import MedsiteBase
import MedsiteParse

enum ProseText {
    /// Every paragraph, heading, table cell and table caption of the body, in document order, each
    /// searched for `phrases`' lists. Code blocks and raw HTML are not prose.
    static func blocks(of document: MarkdownDocument, phrases: PhraseMatcher) -> [ProseBlock] {
        var blocks: [ProseBlock] = []
        var current: (kind: ProseBlock.Kind, inItem: Bool, position: SourcePosition)?
        // The text is gathered as bytes and made a String once per block. cmark's literals are valid
        // UTF-8 (it checks its input, and splits text only at ASCII delimiters), so this is the same
        // String as appending each literal's String.
        var text: [UInt8] = []
        var anchors: [(offset: Int, position: SourcePosition)] = []
        var imageDepth = 0
        document.walk { node, entering in
            switch node.kind {
            case .paragraph, .heading, .tableCell, .tableCaption:
                if entering {
                    let kind: ProseBlock.Kind = node.kind == .heading ? .heading(level: node.headingLevel) : .paragraph
                    // A table cell is read on its own, as a list item is: never part of a run-on sentence.
                    current = (kind, node.parent?.kind == .item || node.kind == .tableCell, node.position)
                    text.removeAll(keepingCapacity: true)
                    anchors = []
                    anchors.reserveCapacity(4) // one allocation per block, not one per growth step
                } else if let block = current {
                    let blockText = String(decoding: text, as: UTF8.self)
                    blocks.append(ProseBlock(kind: block.kind, isInListItem: block.inItem, text: blockText,
                                             position: block.position, anchors: anchors,
                                             phrases: phrases.matchesByList(in: PhraseMatcher.Haystack(blockText))))
                    current = nil
                }
            case .image:
                imageDepth += entering ? 1 : -1
            case .text, .code:
                guard current != nil, imageDepth == 0 else { return }
                let offset = text.count
                guard node.appendLiteral(to: &text) else { return }
                var position = node.position
                if node.kind == .code { position.column += 1 }
                anchors.append((offset, position))
            case .softBreak, .lineBreak:
                if current != nil, imageDepth == 0 { text.append(32) }
            default:
                break
            }
        }
        return blocks
    }
}
