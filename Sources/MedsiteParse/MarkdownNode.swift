import CCmark
import MedsiteBase
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A view of one cmark node during a walk. Valid only inside the walk's closure.
public struct MarkdownNode {
    @usableFromInline let pointer: OpaquePointer
    @usableFromInline let lineOffset: Int

    @usableFromInline init(pointer: OpaquePointer, lineOffset: Int) {
        self.pointer = pointer
        self.lineOffset = lineOffset
    }

    /// Inlinable, as `walk`: rules ask every node its kind.
    @inlinable public var kind: MarkdownNodeKind {
        let type = cmark_node_get_type(pointer)
        if type == CMARK_NODE_CUSTOM_BLOCK || type == CMARK_NODE_CUSTOM_INLINE {
            return MarkdownNodeKind(tagged: cmark_node_get_user_data(pointer))
        }
        return MarkdownNodeKind(type)
    }

    /// Position in the article file (front matter included).
    public var position: SourcePosition {
        let line = Int(cmark_node_get_start_line(pointer)) + lineOffset, column = Int(cmark_node_get_start_column(pointer))
        // Table cells' text was parsed on its own and carries its place in the file.
        if cmark_node_get_user_data(pointer) != nil { return shiftedPosition(line: line, column: column) }
        return SourcePosition(line: line, column: max(1, column))
    }

    public var literal: String? { cmark_node_get_literal(pointer).map { String(cString: $0) } }

    /// Appends the node's literal as UTF-8 bytes, without making a String; false when it has none.
    package func appendLiteral(to bytes: inout [UInt8]) -> Bool {
        guard let literal = cmark_node_get_literal(pointer) else { return false }
        literal.withMemoryRebound(to: UInt8.self, capacity: strlen(literal)) {
            bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: strlen(literal)))
        }
        return true
    }
    public var url: String? { cmark_node_get_url(pointer).map { String(cString: $0) } }
    public var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }
    public var listIsOrdered: Bool { cmark_node_get_list_type(pointer) == CMARK_ORDERED_LIST }

    public var parent: MarkdownNode? {
        cmark_node_parent(pointer).map { MarkdownNode(pointer: $0, lineOffset: lineOffset) }
    }
    public var next: MarkdownNode? {
        cmark_node_next(pointer).map { MarkdownNode(pointer: $0, lineOffset: lineOffset) }
    }
    public var firstChild: MarkdownNode? {
        cmark_node_first_child(pointer).map { MarkdownNode(pointer: $0, lineOffset: lineOffset) }
    }

    /// The node's text as a reader sees it: inline text and code, soft breaks as spaces.
    public var plainText: String {
        var bytes: [UInt8] = []
        appendPlainText(to: &bytes)
        // cmark's literals are valid UTF-8 (it checks its input and splits text only at ASCII
        // delimiters), so this is the String that appending each literal's String would make.
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `plainText`'s UTF-8 bytes, appended. Iterative (cmark's iterator), so deeply nested input
    /// cannot exhaust a worker thread's stack; gathered as bytes, as a String per literal cost more
    /// than the walk.
    package func appendPlainText(to bytes: inout [UInt8]) {
        let iterator = cmark_iter_new(pointer)
        defer { cmark_iter_free(iterator) }
        func appendLiteral(_ node: OpaquePointer) {
            guard let literal = cmark_node_get_literal(node) else { return }
            literal.withMemoryRebound(to: UInt8.self, capacity: strlen(literal)) {
                bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: strlen(literal)))
            }
        }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator), node != pointer else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                appendLiteral(node)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                bytes.append(32)
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_CODE_BLOCK:
                if event == CMARK_EVENT_EXIT { bytes.append(32) }
                if event == CMARK_EVENT_ENTER { appendLiteral(node) }
            default:
                break
            }
        }
    }

    /// Replaces a link's or image's destination (used to rewrite `other.md` links to page addresses).
    public func setURL(_ url: String) { _ = cmark_node_set_url(pointer, url) }
}
