import CCmark
import MedsiteBase

/// One article body parsed by cmark, owning its AST.
///
/// cmark keeps its safe default: raw HTML is replaced by a comment and `javascript:`-style URLs are
/// dropped when rendering. Validation walks the same AST so problems carry cmark's line numbers.
public final class MarkdownDocument: @unchecked Sendable {
    @usableFromInline let root: OpaquePointer
    public let lineOffset: Int
    /// Headings in document order with unique, stable ids.
    public private(set) var headings: [MarkdownHeading] = []
    /// Care cards, callouts and do-and-don't lists, in document order (`formCareCards`).
    public internal(set) var careCards: [CareCard] = []
    /// Snippets included with `> [!SNIPPET] name` lines, in document order (`formCareCards`).
    public internal(set) var snippetIncludes: [SnippetInclude] = []
    /// Paragraphs that look like tables but are not, and tables with rows that do not fit.
    public private(set) var tableProblems: [TableProblem] = []
    /// Whether the text may hold images (`![`), so pages without any skip the image markup pass.
    private var hasImages = false

    public init(markdown: String, lineOffset: Int = 0, tables: TableMarkup = .accessible) {
        var markdown = markdown
        root = markdown.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_DEFAULT)
            }
        }
        self.lineOffset = lineOffset
        headings = collectHeadings()
        var usedIDs = Set(headings.map(\.id)).union(Self.reservedIDs)
        tableProblems = buildTables(markdown: markdown, markup: tables, usedIDs: &usedIDs)
        // Bytes, not Foundation's `contains`, which bridged the whole body to UTF-16 on every parse.
        hasImages = markdown.containsBytes("![")
    }

    /// The headings alone, over an empty tree: what a build keeps of each article between
    /// validating the site's links and rendering, so 10,000 cmark trees are never in memory at once.
    public init(outlineOf document: MarkdownDocument) {
        root = cmark_node_new(CMARK_NODE_DOCUMENT)
        lineOffset = document.lineOffset
        headings = document.headings
        careCards = document.careCards
        snippetIncludes = document.snippetIncludes
        tableProblems = document.tableProblems
    }

    deinit { cmark_node_free(root) }

    public var document: MarkdownNode { MarkdownNode(pointer: root, lineOffset: lineOffset) }

    /// Visits every node depth-first; `entering` is false when leaving a container. Inlinable: every
    /// rule walks every article, and a call across the stage boundary with a closure cost 0.2% of a
    /// cold build's instructions.
    @inlinable
    public func walk(_ visit: (MarkdownNode, _ entering: Bool) -> Void) {
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            visit(MarkdownNode(pointer: node, lineOffset: lineOffset), event == CMARK_EVENT_ENTER)
        }
    }

    /// HTML in cmark's safe mode, with `id`s on headings.
    /// `imageSizes`: each image's size, in document order (nil where unknown), for `width`/`height`.
    public func renderHTML(imageSizes: [ImageSize?] = []) -> String {
        guard let raw = cmark_render_html(root, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(raw) }
        let length = strlen(raw)
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: length)
        let html = headings.isEmpty ? String(decoding: bytes, as: UTF8.self) : Self.addHeadingIDs(bytes, ids: headings.map(\.id))
        return hasImages ? Self.imageAttributes(html, sizes: imageSizes) : html
    }

    /// HTML with raw HTML kept, for comparing with the GFM spec's examples only; pages use `renderHTML`.
    package func renderSpecHTML() -> String {
        guard let raw = cmark_render_html(root, CMARK_OPT_UNSAFE) else { return "" }
        defer { free(raw) }
        return String(cString: raw)
    }

    /// cmark writes headings as `<hN>`; text is escaped and raw HTML is omitted in safe mode, so every
    /// `<hN>` in its output is a heading, in document order.
    static func addHeadingIDs(_ html: UnsafeBufferPointer<UInt8>, ids: [String]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(html.count + ids.count * 24)
        guard let base = html.baseAddress else { return "" }
        // Jumps from '<' to '<' with memchr and copies the text between in bulk (a byte-by-byte
        // append was 4% of a build's instructions).
        var copied = 0, index = 0, heading = 0
        while heading < ids.count, index < html.count,
              let hit = memchr(base + index, Int32(UInt8(ascii: "<")), html.count - index) {
            index = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
            if index + 3 < html.count, html[index + 1] == UInt8(ascii: "h"), (49...54).contains(html[index + 2]),
               html[index + 3] == UInt8(ascii: ">") {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: html[copied..<index + 3]))
                output.append(contentsOf: " id=\"".utf8)
                output.append(contentsOf: ids[heading].utf8)
                output.append(contentsOf: "\">".utf8)
                heading += 1
                index += 4
                copied = index
            } else {
                index += 1
            }
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: html[copied...]))
        return String(decoding: output, as: UTF8.self)
    }

    private func collectHeadings() -> [MarkdownHeading] {
        var result: [MarkdownHeading] = []
        // Ids the theme itself uses are taken, so a "## Sources" heading cannot duplicate one.
        var used: [String: Int] = Dictionary(uniqueKeysWithValues: Self.reservedIDs.map { ($0, 1) })
        walk { node, entering in
            guard entering, node.kind == .heading else { return }
            let text = node.plainText.trimmingWhitespace
            var id = Self.anchorID(for: text)
            if let count = used[id] {
                used[id] = count + 1
                id += "-\(count + 1)"
            } else {
                used[id] = 1
            }
            result.append(MarkdownHeading(level: node.headingLevel, text: text, id: id, position: node.position))
        }
        return result
    }

    /// Element ids the default theme uses on every page.
    public static let reservedIDs = ["main", "short-answer", "sources", "review", "changes", "disclaimer", "contents", "search"]

    /// "What is PML?" → `what-is-pml`. ASCII letters and digits, hyphen-joined; never empty.
    public static func anchorID(for text: String) -> String {
        // ASCII text (nearly every heading) takes addresses' byte path, which keeps exactly what the
        // scalar loop below keeps, without its slow Unicode property look-ups.
        if let id = PageAddress.asciiSegment(text) {
            return id.isEmpty ? "section" : id
        }
        var id = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII, (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) {
                id.unicodeScalars.append(scalar)
            } else if !id.isEmpty, id.last != "-", scalar != "'" && scalar != "’" {
                id.append("-")
            }
        }
        while id.last == "-" { id.removeLast() }
        return id.isEmpty ? "section" : id
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
