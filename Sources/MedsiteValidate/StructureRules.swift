import MedsiteBase
import MedsiteParse

/// The shape of the article: safe Markdown, complete lists, no repeats, a sound outline, described images.
enum StructureRules: ArticleRule {
    static func check(_ article: Article, context: ValidationContext, sink: inout DiagnosticSink) {
        var unused: [ParagraphKey] = []
        check(article, context: context, sink: &sink, paragraphs: &unused)
    }

    /// `check`, also collecting the page's long paragraphs (`SharedParagraphs`), compared across
    /// pages once every page is validated.
    static func check(_ article: Article, context: ValidationContext, sink: inout DiagnosticSink, paragraphs: inout [ParagraphKey]) {
        // First line of each paragraph text, by a hash of the text: hashing long strings with the
        // Dictionary's own hasher cost more than the rest of the rule. Texts whose hash was taken by
        // another text go to `collided`.
        var firstParagraphs: [UInt64: (text: String, line: Int)] = [:]
        var collided: [String: Int] = [:]
        func firstLine(of key: (text: String, wordCount: Int, hash: UInt64), line: Int) -> Int? {
            guard let first = firstParagraphs[key.hash] else {
                firstParagraphs[key.hash] = (key.text, line)
                return nil
            }
            if first.text == key.text { return first.line }
            if let known = collided[key.text] { return known }
            collided[key.text] = line
            return nil
        }
        var previousHeading: (level: Int, position: SourcePosition, text: String)?
        var pendingHeading: (level: Int, position: SourcePosition, text: String)?
        var contentSinceHeading = false
        func closeSection(before level: Int?) {
            // A heading followed by one of the same or a higher level (or by the end) heads nothing.
            guard let heading = pendingHeading, !contentSinceHeading, level.map({ $0 <= heading.level }) ?? true else { return }
            sink.report(.headingStructure, at: heading.position, "the section '\(heading.text)' is empty",
                        fix: "add text under the heading, or remove it")
        }
        article.document.walk { node, entering in
            guard entering else { return }
            switch node.kind {
            case .htmlBlock, .htmlInline:
                contentSinceHeading = true
                reportRawHTML(node, sink: &sink)
            case .image:
                if node.plainText.trimmingWhitespace.isEmpty {
                    sink.report(.imageAlt, at: node.position, "the image '\(LinkAddress.shortened(node.url ?? ""))' has no alternative text",
                                fix: "describe the image between the brackets: ![what it shows](\(LinkAddress.shortened(node.url ?? "")))")
                }
            case .heading:
                let level = node.headingLevel
                let text = node.plainText.trimmingWhitespace
                closeSection(before: level)
                if level == 1 {
                    sink.report(.headingStructure, at: node.position, "'\(text)' is a level-1 heading; the page title is the only one",
                                fix: "use ## for a section heading")
                } else if level > (previousHeading?.level ?? 1) + 1 {
                    let from = previousHeading?.level ?? 1
                    sink.report(.headingStructure, at: node.position,
                                "heading level jumps from \(from) to \(level) at '\(text)'",
                                fix: "use \(String(repeating: "#", count: from + 1)) here, or add the missing level above it")
                }
                previousHeading = (level, node.position, text)
                pendingHeading = (level, node.position, text)
                contentSinceHeading = false
            case .paragraph:
                contentSinceHeading = true
                let text = node.plainText // once for both checks
                checkListIntro(node, text: text, sink: &sink)
                guard node.parent?.kind != .item else { return }
                let key = comparisonKey(text)
                guard key.wordCount >= 8 else { return }
                if key.wordCount >= SharedParagraphs.minimumWords {
                    paragraphs.append(ParagraphKey(hash: key.hash, line: node.position.line))
                }
                if let line = firstLine(of: key, line: node.position.line) {
                    sink.report(.duplicateParagraph, at: node.position, "this paragraph repeats the one at line \(line)",
                                fix: "delete one of the two copies")
                }
            case .list, .codeBlock, .blockQuote, .thematicBreak, .table:
                contentSinceHeading = true
            default:
                break
            }
        }
        closeSection(before: nil)
    }

    /// "This may include:" with no list after it (a list, code or quotation may follow; nothing else).
    static func checkListIntro(_ node: MarkdownNode, text plainText: String, sink: inout DiagnosticSink) {
        // Most paragraphs end in an ASCII character other than ":" (before any ASCII space): then the
        // trimmed text cannot end in ":", and no trimmed copy is made.
        if let last = plainText.utf8.last(where: { $0 != 32 && $0 &- 9 >= 5 }), last < 0x80, last != UInt8(ascii: ":") { return }
        let text = plainText.trimmingWhitespace
        guard text.hasSuffix(":") else { return }
        if let next = node.next, next.kind == .list || next.kind == .codeBlock || next.kind == .blockQuote || next.kind == .table || next.isCareCard { return }
        let shown = text.count > 60 ? "…" + String(text.suffix(57)) : text
        sink.report(.danglingListIntro, at: node.position, "'\(shown)' introduces a list, but no list follows",
                    fix: "add the list right after this paragraph, or end the sentence with a full stop")
    }

    /// Words in lowercase joined by single spaces: paragraphs that differ only in case, spacing or
    /// punctuation count as the same. With an FNV-1a hash of the key.
    static func comparisonKey(_ text: String) -> (text: String, wordCount: Int, hash: UInt64) {
        var text = text
        return text.withUTF8 { bytes in
            var words = 0
            var hash: UInt64 = 0xcbf29ce484222325
            // The key is never longer than the text: written in place, no appends.
            let key = [UInt8](unsafeUninitializedCapacity: bytes.count) { key, length in
                length = 0
                var inWord = false
                keyBytes.withUnsafeBufferPointer { keyBytes in
                for byte in bytes {
                    // ASCII letters and digits, and any non-ASCII byte (letters of other scripts), make words.
                    let lower = keyBytes[Int(byte)]
                    if lower != 0 {
                        if !inWord {
                            if words > 0 {
                                key[length] = 32
                                length += 1
                                hash = (hash ^ 32) &* 0x100000001b3
                            }
                            words += 1
                            inWord = true
                        }
                        key[length] = lower
                        length += 1
                        hash = (hash ^ UInt64(lower)) &* 0x100000001b3
                    } else if byte != UInt8(ascii: "'") {
                        inWord = false
                    }
                }
                }
            }
            return (String(decoding: key, as: UTF8.self), words, hash)
        }
    }

    /// Per byte, its lowercase form when it makes words (ASCII letters and digits, any non-ASCII byte),
    /// else 0: one look-up per byte in `comparisonKey`.
    static let keyBytes: [UInt8] = (0...255).map { (value: Int) -> UInt8 in
        let byte = UInt8(value)
        guard byte &- 48 < 10 || (byte | 0x20) &- 97 < 26 || byte >= 0x80 else { return 0 }
        return byte &- 65 < 26 ? byte + 32 : byte
    }

    /// What a browser would make of HTML that the page leaves out: only comments (nothing lost),
    /// words after a comment's end, a comment that never ends, or HTML that is not a comment.
    enum CommentReading: Equatable {
        case onlyComments
        /// `closer` is what ended the comment a browser reads (`-->`, `<!-->`, `<!--->` or `--!>`).
        case wordsAfter(String, closer: String)
        case unclosed
        case notComment
    }

    /// Reads `html` the way a browser reads comments (HTML's tokenizer): `<!-->` and `<!--->` are
    /// whole comments, and `-->` or `--!>` ends one.
    static func commentReading(_ html: String) -> CommentReading {
        let bytes = Array(html.utf8)
        func starts(_ text: String, at index: Int) -> Bool {
            let needle = Array(text.utf8)
            return index + needle.count <= bytes.count && Array(bytes[index..<index + needle.count]) == needle
        }
        var index = 0
        var closer: String?
        while true {
            while index < bytes.count, bytes[index] == 32 || bytes[index] == 9 || bytes[index] == 10 || bytes[index] == 13 { index += 1 }
            if index == bytes.count { return closer == nil ? .notComment : .onlyComments }
            guard starts("<!--", at: index) else {
                guard let closer else { return .notComment }
                return .wordsAfter(String(decoding: bytes[index...], as: UTF8.self), closer: closer)
            }
            index += 4
            if starts(">", at: index) {
                (index, closer) = (index + 1, "<!-->")
                continue
            }
            if starts("->", at: index) {
                (index, closer) = (index + 2, "<!--->")
                continue
            }
            while index < bytes.count, !starts("-->", at: index), !starts("--!>", at: index) { index += 1 }
            guard index < bytes.count else { return .unclosed }
            if starts("-->", at: index) {
                (index, closer) = (index + 3, "-->")
            } else {
                (index, closer) = (index + 4, "--!>")
            }
        }
    }

    /// Raw HTML is left out of the page whole: say which words the reader loses, in editors' words.
    static func reportRawHTML(_ node: MarkdownNode, sink: inout DiagnosticSink) {
        let literal = node.literal ?? ""
        switch commentReading(literal) {
        case .onlyComments:
            return
        case .wordsAfter(let words, let closer) where closer == "-->":
            sink.report(.rawHTML, at: node.position,
                        "the words after this comment (\(describe(words))) are on the comment's line, so they are not published",
                        fix: "put the comment on a line of its own, and the words after a blank line")
        case .wordsAfter(let words, let closer) where closer == "--!>":
            sink.report(.rawHTML, at: node.position,
                        "'--!>' ends this comment early, so the words after it (\(describe(words))) are not published",
                        fix: "end the comment with '-->', and put the words after a blank line")
        case .wordsAfter(let words, let closer):
            sink.report(.rawHTML, at: node.position,
                        "this line starts like a hidden comment, but '\(closer)' ends the comment at once, so the words after it (\(describe(words))) are not published",
                        fix: "remove '\(closer)' (and the '-->' at the end) to publish the words, or write a complete comment '<!-- note -->' to hide a note")
        case .unclosed:
            let first = node.position.line
            // The block's lines, without the blank lines it may end with.
            let last = first + literal.trimmingWhitespace.utf8.count(where: { $0 == 10 })
            let lines = last > first ? "lines \(first) to \(last) are" : "line \(first) is"
            sink.report(.rawHTML, at: node.position, "this comment is never closed with '-->', so \(lines) not published",
                        fix: "end the note with '-->' where it should stop")
        case .notComment:
            sink.report(.rawHTML, at: node.position,
                        "HTML \(describe(literal)) is not published: pages leave out HTML written in an article, with the words inside it",
                        fix: "write it in Markdown instead (**bold**, ## headings, [links](https://…), - lists)")
        }
    }

    static func describe(_ html: String) -> String {
        let firstLine = html.trimmingWhitespace.split(separator: "\n").first.map(String.init) ?? ""
        return "'" + (firstLine.count > 40 ? String(firstLine.prefix(40)) + "…" : firstLine) + "'"
    }
}
