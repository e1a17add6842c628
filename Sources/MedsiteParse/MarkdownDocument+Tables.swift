import CCmark
import MedsiteBase
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How tables are written as HTML: the site's accessible markup, or the GFM spec's plain markup
/// (which the conformance test compares with the spec's examples).
public enum TableMarkup: Sendable {
    /// `<th scope="col">`, alignment as classes, a caption from a `Table: …` paragraph, and a
    /// labelled, focusable scroll region around the table so a phone can scroll it sideways.
    case accessible
    /// Exactly GFM's `<table>`, `<th align="…">`: for conformance only.
    case spec
}

/// Something in the body that looks like a table but is not one, or a table whose rows do not fit.
public struct TableProblem: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The dashes line under the header marks `delimiterCells` columns, the header has `headerCells`.
        case delimiterMismatch(headerCells: Int, delimiterCells: Int)
        /// Rows between pipes with no line of dashes under the first row.
        case noDelimiterRow
        /// A body row with `cells` cells in a table of `columns` columns.
        case raggedRow(cells: Int, columns: Int)
    }

    public let kind: Kind
    /// Line in the article file (front matter included).
    public let line: Int
}

/// Tags on the cmark nodes medsite adds, kept in the node's user data (cmark never reads it): what
/// the node is (a table, a cell…) and how far its position is from the one cmark recorded, since
/// cell text is parsed separately and moved in, and cmark has no call to set a node's position.
///
/// Bit 0 is always set (user data is never null); bits 1–3 the role; bits 4–27 the column shift
/// (biased); bits 28 and up the line shift (signed).
@usableFromInline enum NodeTag {
    @usableFromInline static let roleTable = 1, roleCell = 2, roleCaption = 3, rolePart = 4, roleSnippet = 5
    static let columnBias = 1 << 23

    static func make(role: Int, lineShift: Int, columnShift: Int) -> UnsafeMutableRawPointer? {
        let column = max(0, min((1 << 24) - 1, columnShift + columnBias))
        return UnsafeMutableRawPointer(bitPattern: (lineShift << 28) | (column << 4) | (role << 1) | 1)
    }

    @usableFromInline static func role(_ data: UnsafeMutableRawPointer?) -> Int {
        guard let data else { return 0 }
        return (Int(bitPattern: data) >> 1) & 7
    }

    static func shift(_ data: UnsafeMutableRawPointer?) -> (line: Int, column: Int) {
        guard let data else { return (0, 0) }
        let bits = Int(bitPattern: data)
        return (bits >> 28, ((bits >> 4) & ((1 << 24) - 1)) - columnBias)
    }
}

extension MarkdownNodeKind {
    /// The kind of a node medsite made (cmark's custom blocks and inlines).
    @usableFromInline init(tagged data: UnsafeMutableRawPointer?) {
        switch NodeTag.role(data) {
        case NodeTag.roleTable: self = .table
        case NodeTag.roleCell: self = .tableCell
        case NodeTag.roleCaption: self = .tableCaption
        case NodeTag.roleSnippet: self = .snippetInclude
        default: self = .other
        }
    }
}

extension MarkdownNode {
    /// cmark's position of the node, moved by the shift medsite tagged it with.
    func shiftedPosition(line: Int, column: Int) -> SourcePosition {
        let shift = NodeTag.shift(cmark_node_get_user_data(pointer))
        return SourcePosition(line: line + shift.line, column: max(1, column + shift.column))
    }
}

extension MarkdownDocument {
    /// Turns every paragraph that is a GFM pipe table into table nodes, and notes paragraphs that
    /// look like a table but are not one. `markdown` is the text cmark parsed.
    func buildTables(markdown: String, markup: TableMarkup, usedIDs: inout Set<String>) -> [TableProblem] {
        var markdown = markdown
        // memchr: a generic `contains` over every body's bytes cost ~5 instructions a byte.
        let hasPipe = markdown.withUTF8 { $0.count > 0 && memchr($0.baseAddress!, Int32(UInt8(ascii: "|")), $0.count) != nil }
        guard hasPipe else { return [] }
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        var paragraphs: [OpaquePointer] = []
        walk { node, entering in
            guard entering, node.kind == .paragraph else { return }
            paragraphs.append(node.pointer)
        }
        var problems: [TableProblem] = []
        var tableNumber = 0
        for paragraph in paragraphs {
            let start = Int(cmark_node_get_start_line(paragraph)), end = Int(cmark_node_get_end_line(paragraph))
            guard start >= 1, end >= start, end <= lines.count, lines[(start - 1)..<end].contains(where: { $0.contains("|") }) else { continue }
            let prefix = Int(cmark_node_get_start_column(paragraph)) - 1
            let own = (start...end).map { Self.withoutContainerPrefix(lines[$0 - 1], width: prefix, isFirst: $0 == start) }
            guard let table = PipeTable.find(in: own.map(\.text)) else {
                switch PipeTable.problem(in: own.map(\.text), firstLine: start + lineOffset) {
                case .delimiterMismatch(let line, let header, let delimiter):
                    problems.append(TableProblem(kind: .delimiterMismatch(headerCells: header, delimiterCells: delimiter), line: line))
                case .noDelimiterRow(let line):
                    problems.append(TableProblem(kind: .noDelimiterRow, line: line))
                case nil:
                    break
                }
                continue
            }
            tableNumber += 1
            var id = "table-\(tableNumber)"
            while usedIDs.contains(id) { id += "-t" }
            usedIDs.insert(id)
            problems += replace(paragraph, with: table, startLine: start, lines: own, markdown: markdown, markup: markup, id: id)
        }
        return problems
    }

    /// A paragraph line without the block-quote or list-item markers before it: `width` bytes on the
    /// first line (cmark's column), and on later lines as many spaces and `>` as there are, up to `width`.
    static func withoutContainerPrefix(_ line: Substring, width: Int, isFirst: Bool) -> (text: Substring, removed: Int) {
        guard width > 0 else { return (line, 0) }
        var utf8 = line.utf8[...]
        var removed = 0
        while removed < width, let byte = utf8.first, isFirst || byte == 32 || byte == 62 || byte == 9 {
            utf8 = utf8.dropFirst()
            removed += 1
        }
        return (Substring(utf8), removed)
    }

    /// Puts the table (and the paragraph text before it, if any) in place of the paragraph.
    private func replace(_ paragraph: OpaquePointer, with table: PipeTable, startLine: Int,
                         lines: [(text: Substring, removed: Int)], markdown: String, markup: TableMarkup, id: String) -> [TableProblem] {
        var problems: [TableProblem] = []
        let columns = table.alignments.count
        // Each piece of inline text is parsed as a paragraph of its own, one after the other, in one
        // cmark document; `pieces` knows which line of it holds what.
        struct Piece { let text: String; let fileLine: Int; let fileColumn: Int; let escaped: Int }
        var pieces: [Piece] = []
        if table.headerIndex > 0 {
            let before = lines[0..<table.headerIndex].map { String($0.text) }.joined(separator: "\n")
            pieces.append(Piece(text: before, fileLine: startLine, fileColumn: lines[0].removed + 1, escaped: 0))
        }
        var rowLines: [Int] = []
        for (index, _) in table.rows.enumerated() {
            let lineIndex = index == 0 ? table.headerIndex : table.headerIndex + 1 + index
            rowLines.append(startLine + lineIndex)
        }
        var cellPiece: [[Int?]] = []
        for (rowIndex, row) in table.rows.enumerated() {
            if rowIndex > 0, row.count != columns {
                problems.append(TableProblem(kind: .raggedRow(cells: row.count, columns: columns), line: rowLines[rowIndex] + lineOffset))
            }
            let lineIndex = rowLines[rowIndex] - startLine
            cellPiece.append(row.prefix(columns).map { cell in
                guard !cell.text.isEmpty else { return nil }
                let (text, escaped) = Self.escapingBlockStart(cell.text)
                pieces.append(Piece(text: text, fileLine: rowLines[rowIndex], fileColumn: lines[lineIndex].removed + cell.column + 1, escaped: escaped))
                return pieces.count - 1
            })
        }
        var source = ""
        var pieceLine: [Int] = []
        var line = 1
        for piece in pieces {
            pieceLine.append(line)
            source += piece.text + "\n\n"
            line += piece.text.utf8.reduce(1) { $1 == 10 ? $0 + 1 : $0 } + 1
        }
        // Reference links (`[leaflet][1]`) need the article's definitions, wherever they are.
        if source.contains("[") { source += markdown }
        var sourceBytes = source
        let parsed = sourceBytes.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_DEFAULT) }
        }
        guard let parsed else { return problems }
        defer { cmark_node_free(parsed) }
        var blockAtLine: [Int: OpaquePointer] = [:]
        var child = cmark_node_first_child(parsed)
        while let block = child, blockAtLine.count < pieces.count {
            blockAtLine[Int(cmark_node_get_start_line(block))] = block
            child = cmark_node_next(block)
        }
        /// Moves piece `index`'s inlines into `target`, tagging each with its place in the file.
        func fill(_ target: OpaquePointer, piece index: Int) {
            let piece = pieces[index]
            let lineShift = piece.fileLine - pieceLine[index], columnShift = piece.fileColumn - 1 - piece.escaped
            guard let block = blockAtLine[pieceLine[index]], cmark_node_get_type(block) == CMARK_NODE_PARAGRAPH else {
                // Not inline text after all (raw HTML, a link definition): kept as written, never dropped.
                let html = blockAtLine[pieceLine[index]].map { cmark_node_get_type($0) == CMARK_NODE_HTML_BLOCK } ?? false
                let node = cmark_node_new(html ? CMARK_NODE_HTML_INLINE : CMARK_NODE_TEXT)
                cmark_node_set_literal(node, piece.text)
                cmark_node_set_user_data(node, NodeTag.make(role: 0, lineShift: piece.fileLine, columnShift: piece.fileColumn))
                cmark_node_append_child(target, node)
                return
            }
            while let inline = cmark_node_first_child(block) {
                cmark_node_unlink(inline)
                Self.tag(inline, lineShift: lineShift, columnShift: columnShift)
                cmark_node_append_child(target, inline)
            }
        }
        func part(_ role: Int, _ enter: String, _ exit: String, inline: Bool = false, line: Int = 0, column: Int = 0) -> OpaquePointer? {
            let node = cmark_node_new(inline ? CMARK_NODE_CUSTOM_INLINE : CMARK_NODE_CUSTOM_BLOCK)
            cmark_node_set_on_enter(node, enter)
            cmark_node_set_on_exit(node, exit)
            cmark_node_set_user_data(node, NodeTag.make(role: role, lineShift: line, columnShift: column))
            return node
        }
        let tableNode = part(NodeTag.roleTable, "<table>", "</table>", line: rowLines[0], column: lines[table.headerIndex].removed + 1)
        for (rowIndex, row) in cellPiece.enumerated() {
            if rowIndex == 0 {
                cmark_node_append_child(tableNode, part(NodeTag.rolePart, "<thead>", "</thead>"))
            } else if rowIndex == 1 {
                cmark_node_append_child(tableNode, part(NodeTag.rolePart, "<tbody>", "</tbody>"))
            }
            let rowNode = part(NodeTag.rolePart, "<tr>", "</tr>")
            for column in 0..<columns {
                let name = rowIndex == 0 ? "th" : "td"
                let cell = part(NodeTag.roleCell, Self.cellTag(name, table.alignments[column], markup: markup), "</\(name)>",
                                inline: true, line: rowLines[rowIndex], column: 1)
                if column < row.count, let piece = row[column] { fill(cell!, piece: piece) }
                cmark_node_append_child(rowNode, cell)
            }
            cmark_node_append_child(cmark_node_last_child(tableNode), rowNode)
        }
        if table.headerIndex > 0 {
            let before = cmark_node_new(CMARK_NODE_PARAGRAPH)
            fill(before!, piece: 0)
            cmark_node_insert_before(paragraph, before)
        }
        cmark_node_insert_before(paragraph, tableNode)
        cmark_node_unlink(paragraph)
        cmark_node_free(paragraph)
        if markup == .accessible, let tableNode { makeAccessible(tableNode, id: id) }
        return problems
    }

    /// The caption from a `Table: …` paragraph right before (or else right after) the table, and the
    /// labelled scroll region around it.
    private func makeAccessible(_ table: OpaquePointer, id: String) {
        var label: String
        if let paragraph = [cmark_node_previous(table), cmark_node_next(table)].compactMap({ $0 }).first(where: Self.isCaption) {
            // An inline node, so the caption's text is written on one line with its tags.
            let caption = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
            cmark_node_set_on_enter(caption, "<caption id=\"\(id)\">")
            cmark_node_set_on_exit(caption, "</caption>")
            cmark_node_set_user_data(caption, NodeTag.make(role: NodeTag.roleCaption, lineShift: 0, columnShift: 0))
            let first = cmark_node_first_child(paragraph)!
            let text = String(cString: cmark_node_get_literal(first))
            let rest = text.dropFirst(Self.captionMarker.count).drop { $0 == " " || $0 == "\t" }
            cmark_node_set_literal(first, String(rest))
            // The caption keeps the paragraph's place in the file (for messages about its text).
            cmark_node_set_user_data(caption, NodeTag.make(role: NodeTag.roleCaption,
                                                           lineShift: Int(cmark_node_get_start_line(paragraph)),
                                                           columnShift: Int(cmark_node_get_start_column(paragraph))))
            while let inline = cmark_node_first_child(paragraph) {
                cmark_node_unlink(inline)
                cmark_node_append_child(caption, inline)
            }
            cmark_node_prepend_child(table, caption)
            cmark_node_unlink(paragraph)
            cmark_node_free(paragraph)
            cmark_node_set_on_enter(table, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"\(id)\">\n<table>")
        } else {
            // No caption: the region is named by its column headings, which is what a screen reader
            // user needs to decide whether to enter it.
            let headers = MarkdownNode(pointer: table, lineOffset: lineOffset).headerText
            label = "Table: " + (headers.isEmpty ? "\(id)" : headers.joined(separator: ", "))
            cmark_node_set_on_enter(table, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"\(HTML.escape(label))\">\n<table>")
        }
        cmark_node_set_on_exit(table, "</table>\n</div>")
    }

    static let captionMarker = "Table:"

    static func isCaption(_ node: OpaquePointer) -> Bool {
        guard cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH, let first = cmark_node_first_child(node),
              cmark_node_get_type(first) == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(first) else { return false }
        let text = String(cString: literal)
        return text.hasPrefix(captionMarker) && text.count > captionMarker.count
    }

    static func cellTag(_ name: String, _ alignment: PipeTable.Alignment, markup: TableMarkup) -> String {
        let word: String? = switch alignment {
        case .none: nil
        case .left: "left"
        case .center: "center"
        case .right: "right"
        }
        switch markup {
        case .spec:
            return word.map { "<\(name) align=\"\($0)\">" } ?? "<\(name)>"
        case .accessible:
            // `align` is obsolete HTML; the theme styles these classes.
            let scope = name == "th" ? " scope=\"col\"" : ""
            return "<\(name)\(scope)" + (word.map { " class=\"align-\($0)\"" } ?? "") + ">"
        }
    }

    /// Tags a moved node and everything inside it with how far it is from where cmark put it.
    static func tag(_ node: OpaquePointer, lineShift: Int, columnShift: Int) {
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let each = cmark_iter_get_node(iterator) else { continue }
            cmark_node_set_user_data(each, NodeTag.make(role: 0, lineShift: lineShift, columnShift: columnShift))
        }
    }

    /// A backslash before what would start a block (`# `, `- `, `> `, `1. `, a fence or a rule) so a
    /// cell's text is read as inline text only, as GFM reads cells. Returns the bytes added before
    /// the first character.
    static func escapingBlockStart(_ text: String) -> (String, Int) {
        guard let first = text.utf8.first else { return (text, 0) }
        let bytes = Array(text.utf8)
        func followedBySpace(_ index: Int) -> Bool { index >= bytes.count || bytes[index] == 32 || bytes[index] == 9 }
        switch first {
        case UInt8(ascii: ">"):
            return ("\\" + text, 1)
        case UInt8(ascii: "#"):
            var count = 0
            while count < bytes.count, bytes[count] == first { count += 1 }
            return count <= 6 && followedBySpace(count) ? ("\\" + text, 1) : (text, 0)
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "*"), UInt8(ascii: "_"):
            let isRule = first != UInt8(ascii: "+") && bytes.allSatisfy { $0 == first || $0 == 32 || $0 == 9 }
                && bytes.filter({ $0 == first }).count >= 3
            let isBullet = first != UInt8(ascii: "_") && followedBySpace(1)
            return isRule || isBullet ? ("\\" + text, 1) : (text, 0)
        case UInt8(ascii: "`"), UInt8(ascii: "~"):
            return bytes.prefix(3).allSatisfy({ $0 == first }) && bytes.count >= 3 ? ("\\" + text, 1) : (text, 0)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            var digits = 0
            while digits < bytes.count, (48...57).contains(bytes[digits]) { digits += 1 }
            guard digits <= 9, digits < bytes.count, bytes[digits] == UInt8(ascii: ".") || bytes[digits] == UInt8(ascii: ")"),
                  followedBySpace(digits + 1) else { return (text, 0) }
            return (String(decoding: bytes[..<digits] + Array("\\".utf8) + bytes[digits...], as: UTF8.self), 0)
        default:
            return (text, 0)
        }
    }
}

extension MarkdownNode {
    /// The plain text of each header cell of a table node.
    var headerText: [String] {
        var result: [String] = []
        guard let head = firstChild, let row = head.firstChild else { return result }
        var cell = row.firstChild
        while let each = cell {
            let text = each.plainText.trimmingWhitespace
            if !text.isEmpty { result.append(text) }
            cell = each.next
        }
        return result
    }
}
