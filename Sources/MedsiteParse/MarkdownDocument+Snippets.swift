import CCmark
import MedsiteBase

/// One `> [!SNIPPET] name` line of a page: the snippet's name, where the line is, and the level the
/// headings of the snippet's care cards take there (one below the section it is in).
public struct SnippetInclude: Sendable, Hashable {
    public let name: String
    public let position: SourcePosition
    public let headingLevel: Int
}

/// How `[!SNIPPET]` lines are read: in a page, against the names of the site's snippets; in a
/// snippet, never (snippets do not include snippets, so there are no chains or cycles).
public enum SnippetLookup: Sendable {
    case names(Set<String>)
    case insideSnippet
}

/// Snippet includes, read with the care cards (the same `> [!MARKER]` quotes, one pass).
///
/// A line `> [!SNIPPET] call-999` is a quote whose only text is the marker and a name. It is
/// replaced by an empty cmark custom block tagged as an include (`NodeTag.roleSnippet`), so content
/// rules walking the page never see the snippet's words (the snippet is validated once, on its own)
/// and `PageRenderer` puts the snippet's HTML in its place. In any Markdown viewer that knows
/// nothing of medsite the line still reads as a quote naming the snippet.
extension MarkdownDocument {
    static let snippetMarker = "SNIPPET"

    func formSnippetInclude(_ quote: OpaquePointer, markerLength: Int, headingLevel: Int, position: SourcePosition,
                            lookup: SnippetLookup, sink: inout DiagnosticSink) {
        let paragraph = cmark_node_first_child(quote)!
        let saysMore = cmark_node_next(paragraph) != nil || Self.hasLineBreak(paragraph)
        var text = ""
        var inline = cmark_node_first_child(paragraph)
        while let node = inline {
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK { break }
            text += Self.text(of: node)
            inline = cmark_node_next(node)
        }
        let name = String(String(decoding: Array(text.utf8).dropFirst(markerLength), as: UTF8.self)).trimmingWhitespace
        let shown = VisibleText.escaped(name)
        switch lookup {
        case .insideSnippet:
            sink.report(.snippetNested, at: position,
                        "a snippet cannot include another snippet\(name.isEmpty ? "" : " ('\(shown)')")",
                        fix: name.isEmpty ? "remove the [!SNIPPET] line"
                            : "copy the words of \(SnippetLibrary.folderName)/\(shown).md into this snippet, or include both snippets in the article, one after the other")
            return
        case .names(let names):
            let known = names.sorted()
            guard !name.isEmpty else {
                sink.report(.snippetUnknown, at: position, "the [!SNIPPET] line does not say which snippet to include",
                            fix: "write the snippet's name after the marker: `> [!SNIPPET] \(known.first ?? "call-999")`"
                                + (known.isEmpty ? " (and create it in \(SnippetLibrary.folderName)/)" : " (the snippets are \(known.joined(separator: ", ")))"))
                return
            }
            guard names.contains(name) else {
                let lowered = PageAddress.segmentIfAny(for: name) ?? name
                let suggestion = names.contains(lowered) ? lowered : Suggestion.closest(to: name, among: known)
                // Only a name that could be a snippet's is offered as a file to create.
                let create = SnippetLibrary.isValidName(name) ? "create \(SnippetLibrary.folderName)/\(shown).md" : nil
                let others = known.isEmpty ? nil : "use one of \(known.joined(separator: ", "))"
                sink.report(.snippetUnknown, at: position,
                            "there is no snippet '\(shown)' in \(SnippetLibrary.folderName)/"
                                + (suggestion.map { ": did you mean '\($0)'?" } ?? "")
                                + (create == nil ? " (a snippet's name is its file's name in \(SnippetLibrary.folderName)/ without .md: lowercase letters, digits and hyphens)" : ""),
                            fix: suggestion.map { "write `> [!SNIPPET] \($0)`" + (create.map { ", or \($0)" } ?? "") }
                                ?? [create, others].compactMap { $0 }.joined(separator: ", or "))
                return
            }
            // A snippet is placed as blocks of the page: inside a quote or a card it would be a card
            // in a card, or shared text under a heading the snippet's reviewer never saw.
            var ancestor = cmark_node_parent(quote)
            while let node = ancestor {
                let type = cmark_node_get_type(node)
                if type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_CUSTOM_BLOCK {
                    sink.report(.snippetInvalid, at: position, "the [!SNIPPET] line is inside a quote or a card",
                                fix: "put `> [!SNIPPET] \(shown)` on a line of its own, outside the quote; if the card is part of the shared advice, write the card in the snippet")
                    return
                }
                ancestor = cmark_node_parent(node)
            }
            if saysMore {
                sink.report(.snippetInvalid, at: position,
                            "the [!SNIPPET] quote holds more than the snippet's name, and the rest would not be published",
                            fix: "end the quote after `> [!SNIPPET] \(shown)`: leave an empty line, without `>`, before the text that follows")
            }
            let include = Self.customBlock(enter: "", exit: "")
            cmark_node_set_user_data(include, NodeTag.make(role: NodeTag.roleSnippet, lineShift: 0, columnShift: 0))
            _ = cmark_node_insert_before(quote, include)
            cmark_node_free(quote)
            snippetIncludes.append(SnippetInclude(name: name, position: position, headingLevel: headingLevel))
        }
    }

    /// Puts each snippet's HTML in place of its include, in document order (`html(name, level)`);
    /// an include whose HTML is nil stays empty.
    package func fillSnippetIncludes(_ html: (SnippetInclude) -> String?) {
        guard !snippetIncludes.isEmpty else { return }
        var index = 0
        walk { node, entering in
            guard entering, node.kind == .snippetInclude, index < snippetIncludes.count else { return }
            _ = cmark_node_set_on_enter(node.pointer, html(snippetIncludes[index]) ?? "")
            index += 1
        }
    }

    /// What a snippet may not hold: headings (the page's outline would not know them) and tables.
    package func snippetProblems(file: String) -> [Diagnostic] {
        var sink = DiagnosticSink(file: file)
        walk { node, entering in
            guard entering else { return }
            switch node.kind {
            case .heading:
                sink.report(.snippetInvalid, at: node.position,
                            "a snippet cannot hold a heading ('\(node.plainText.trimmingWhitespace)'): it is placed inside a section of each page, whose outline and contents list would not know it",
                            fix: "write the heading in each article, above the `> [!SNIPPET]` line, or make it a sentence in bold")
            case .table:
                sink.report(.snippetInvalid, at: node.position, "a snippet cannot hold a table",
                            fix: "write the table in the article, or the advice as a list")
            default:
                break
            }
        }
        return sink.diagnostics
    }
}
