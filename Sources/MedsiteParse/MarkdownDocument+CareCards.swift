import CCmark
import MedsiteBase

/// Care cards, callouts and do-and-don't lists, read from the cmark tree once, while parsing, so
/// every command (build, check, the one-edit rebuild, serve, review) sees the same cards.
///
/// cmark 0.30 parses `> [!EMERGENCY]` as a blockquote whose first paragraph starts with the text
/// `[!EMERGENCY]`. Each such blockquote is replaced by cmark custom blocks holding its children,
/// so content rules still walk every word of the card and cmark still renders (and escapes) it:
///
///     card     <div class="care-card care-card--emergency">                         </div>
///       heading  <h3 class="care-card__heading"><span class="visually-hidden">Emergency: </span>…</h3>
///       content  <div class="care-card__content"> the blockquote's blocks </div>
///
/// The card heading's tag carries a class, so it is not one of the article's headings (`<hN>` and
/// `<hN id=` are) and gets no id, no `#` link and no place in the contents list.
extension MarkdownDocument {
    /// Forms every card of the document and records it in `careCards`; returns the problems found.
    /// `snippets`: how `> [!SNIPPET] name` lines are read (`MarkdownDocument+Snippets`).
    package func formCareCards(wording: CareCardWording, file: String, snippets: SnippetLookup = .names([])) -> [Diagnostic] {
        var sink = DiagnosticSink(file: file)
        for (quote, level) in markerQuotes() {
            formCareCard(quote, headingLevel: level, wording: wording, snippets: snippets, sink: &sink)
        }
        return sink.diagnostics
    }

    /// Blockquotes that start with `[!`, each with the heading level its card heading takes: one
    /// below the section it is in (`##` section → `<h3>`), `<h2>` before the first section.
    private func markerQuotes() -> [(OpaquePointer, Int)] {
        var quotes: [(OpaquePointer, Int)] = []
        var sectionLevel = 1
        walk { node, entering in
            guard entering else { return }
            switch node.kind {
            case .heading: sectionLevel = node.headingLevel
            case .blockQuote where Self.markerText(of: node.pointer) != nil:
                quotes.append((node.pointer, min(6, sectionLevel + 1)))
            default: break
            }
        }
        return quotes
    }

    /// `EMERGENCY` of a blockquote starting `[!EMERGENCY]`, with the marker's length in UTF-8 bytes.
    static func markerText(of quote: OpaquePointer) -> (marker: String, length: Int)? {
        guard let paragraph = cmark_node_first_child(quote), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH else { return nil }
        // cmark may split the marker into several text nodes ("[", "!NOTE", "]").
        var text: [UInt8] = []
        var inline = cmark_node_first_child(paragraph)
        while let node = inline, cmark_node_get_type(node) == CMARK_NODE_TEXT, text.count < 64 {
            if let literal = cmark_node_get_literal(node) { text.append(contentsOf: String(cString: literal).utf8) }
            inline = cmark_node_next(node)
        }
        guard text.starts(with: "[!".utf8), let close = text.firstIndex(of: UInt8(ascii: "]")), close > 2 else { return nil }
        let marker = String(decoding: text[2..<close], as: UTF8.self)
        // A word or two (`NON-URGENT`, `DON'T`), not a sentence in brackets.
        guard marker.count <= 24, marker.allSatisfy({ $0.isLetter || "-' ’".contains($0) }) else { return nil }
        return (marker, close + 1)
    }

    private func formCareCard(_ quote: OpaquePointer, headingLevel: Int, wording: CareCardWording,
                              snippets: SnippetLookup, sink: inout DiagnosticSink) {
        guard let (marker, length) = Self.markerText(of: quote) else { return }
        let position = MarkdownNode(pointer: quote, lineOffset: lineOffset).position
        let normalized = marker.uppercased().replacing("’", with: "'").trimmingWhitespace
        if normalized == Self.snippetMarker {
            formSnippetInclude(quote, markerLength: length, headingLevel: headingLevel, position: position, lookup: snippets, sink: &sink)
            return
        }
        guard let kind = CareCardKind.byMarker[normalized] else {
            reportUnknown(marker: marker, normalized: normalized, at: position, sink: &sink)
            return
        }
        let paragraph = cmark_node_first_child(quote)!
        Self.removeLeading(bytes: length, of: paragraph)
        // Words after the marker head the card, unless they are all it says.
        let saysMore = cmark_node_next(paragraph) != nil || Self.hasLineBreak(paragraph)
        let headingInlines = Self.takeFirstLine(of: paragraph, keep: !kind.hasHeading || !saysMore)
        if cmark_node_first_child(paragraph) == nil { cmark_node_free(paragraph) }

        let prefix = kind.cssClass.prefix { $0 != " " }
        let card = Self.customBlock(enter: "<div class=\"\(kind.cssClass)\">\n", exit: "</div>")
        var customHeading: String?
        if kind.hasHeading {
            let written = headingInlines.map(Self.text(of:)).joined().trimmingWhitespace
            let shown = written.isEmpty ? wording.heading(for: kind) ?? "" : written
            var label = ""
            // No "Important: Important": the label is left out when the heading already says it.
            if let hidden = wording.label(for: kind),
               !shown.lowercased().hasPrefix(hidden.lowercased().prefix { $0 != ":" }) {
                label = "<span class=\"visually-hidden\">\(HTML.escape(hidden))</span>"
            }
            let heading = Self.customNode(CMARK_NODE_CUSTOM_INLINE, enter: "<h\(headingLevel) class=\"\(prefix)__heading\">\(label)",
                                           exit: "</h\(headingLevel)>")
            if written.isEmpty {
                headingInlines.forEach { cmark_node_free($0) }
                let text = cmark_node_new(CMARK_NODE_TEXT)!
                _ = cmark_node_set_literal(text, shown)
                _ = cmark_node_append_child(heading, text)
            } else {
                customHeading = written
                headingInlines.forEach { _ = cmark_node_append_child(heading, $0) }
            }
            _ = cmark_node_append_child(card, heading)
        } else if let hidden = wording.label(for: kind) {
            _ = cmark_node_append_child(card, Self.customNode(CMARK_NODE_CUSTOM_INLINE, enter: "<span class=\"visually-hidden\">\(HTML.escape(hidden))</span>", exit: ""))
        }
        let content = Self.customBlock(enter: "<div class=\"\(prefix)__content\">\n", exit: "</div>\n")
        var hasList = false, isEmpty = true
        while let child = cmark_node_first_child(quote) {
            if cmark_node_get_type(child) == CMARK_NODE_LIST { hasList = true }
            isEmpty = false
            _ = cmark_node_append_child(content, child)
        }
        _ = cmark_node_append_child(card, content)
        _ = cmark_node_insert_before(quote, card)
        cmark_node_free(quote)
        careCards.append(CareCard(kind: kind, position: position, customHeading: customHeading))

        let name = "[!\(kind.marker)]"
        if isEmpty {
            sink.report(.careCardEmpty, at: position, "the \(name) card has nothing in it",
                        fix: kind.needsList ? "list the advice under it, each line starting with `> - `"
                                            : "write what the card says on the next lines, each starting with `>`, or remove the marker")
        } else if kind.needsList, !hasList {
            sink.report(.careCardEmpty, at: position, "the \(name) list has no bulleted list in it",
                        fix: "write each piece of advice on its own line starting with `> - `")
        }
    }

    private func reportUnknown(marker: String, normalized: String, at position: SourcePosition, sink: inout DiagnosticSink) {
        let known = (CareCardKind.allCases.map(\.marker) + [Self.snippetMarker]).map { "[!\($0)]" }.joined(separator: ", ")
        let suggestion = CareCardKind.gitHubMarkers[normalized]?.marker
            ?? Suggestion.closest(to: normalized, among: (CareCardKind.allCases.map(\.marker) + [Self.snippetMarker]).map { $0.lowercased() })?.uppercased()
        let fix = suggestion.map { "did you mean [!\($0)]? The markers are \(known)" } ?? "use one of \(known)"
        sink.report(.careCardMarker, at: position, "[!\(VisibleText.escaped(marker))] is not a marker medsite knows, so the quote would be published as it is", fix: fix)
    }

    static func customBlock(enter: String, exit: String) -> OpaquePointer {
        customNode(CMARK_NODE_CUSTOM_BLOCK, enter: enter, exit: exit)
    }

    /// A custom block starts and ends on a line of its own; the heading is a custom inline, so its
    /// words sit right inside its tag.
    private static func customNode(_ type: cmark_node_type, enter: String, exit: String) -> OpaquePointer {
        let node = cmark_node_new(type)!
        _ = cmark_node_set_on_enter(node, enter)
        _ = cmark_node_set_on_exit(node, exit)
        return node
    }

    /// Removes the marker's bytes from the paragraph's first text nodes, and the spaces after it.
    static func removeLeading(bytes count: Int, of paragraph: OpaquePointer) {
        var remaining = count
        while let node = cmark_node_first_child(paragraph), cmark_node_get_type(node) == CMARK_NODE_TEXT {
            let literal = Array((cmark_node_get_literal(node).map { String(cString: $0) } ?? "").utf8)
            if remaining >= literal.count {
                remaining -= literal.count
                cmark_node_free(node)
                continue
            }
            var rest = literal[remaining...]
            while let first = rest.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { rest = rest.dropFirst() }
            if rest.isEmpty { cmark_node_free(node) } else { _ = cmark_node_set_literal(node, String(decoding: rest, as: UTF8.self)) }
            return
        }
    }

    /// An inline's words: a text node's own literal (`plainText` reads only a node's children).
    static func text(of inline: OpaquePointer) -> String {
        let type = cmark_node_get_type(inline)
        if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
            return cmark_node_get_literal(inline).map { String(cString: $0) } ?? ""
        }
        return MarkdownNode(pointer: inline, lineOffset: 0).plainText
    }

    static func hasLineBreak(_ paragraph: OpaquePointer) -> Bool {
        var inline = cmark_node_first_child(paragraph)
        while let node = inline {
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK { return true }
            inline = cmark_node_next(node)
        }
        return false
    }

    /// Unlinks the inlines of the paragraph's first line (the heading the editor wrote after the
    /// marker) and the line break after them; with `keep` (inset text, which has no heading) only
    /// a leading line break goes.
    private static func takeFirstLine(of paragraph: OpaquePointer, keep: Bool) -> [OpaquePointer] {
        var taken: [OpaquePointer] = []
        while let node = cmark_node_first_child(paragraph) {
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                cmark_node_free(node)
                break
            }
            if keep { break }
            cmark_node_unlink(node)
            taken.append(node)
        }
        return taken
    }
}

extension MarkdownNode {
    /// A care card, callout or do-and-don't list formed by `formCareCards` (a cmark custom block).
    /// Tables are custom blocks too, but tagged with their role (`NodeTag`); cards are not.
    public var isCareCard: Bool {
        cmark_node_get_type(pointer) == CMARK_NODE_CUSTOM_BLOCK && cmark_node_get_user_data(pointer) == nil
            && cmark_node_get_type(cmark_node_parent(pointer)) != CMARK_NODE_CUSTOM_BLOCK
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
