import MedsiteBase

/// Valid YAML that does not say what the editor meant, found from how the lines are written:
///
/// - `title: Asthma #1 guide`: ` #` starts a comment, so the title is "Asthma" (a warning; a
///   comment is written `# like this`, with a space, so `#` before a word is taken for text);
/// - `tags:` then `  -asthma` on the next line: without a space after `-` this is the text
///   "-asthma", not a list (an error).
extension YAMLReader {
    mutating func checkLayout(_ root: YAMLNode) {
        guard Self.mayHaveLayoutMistake(source.text) else { return }
        let lines = source.lines
        func line(_ position: SourcePosition) -> [Unicode.Scalar]? {
            let index = position.line - source.lineOffset - 1
            return lines.indices.contains(index) ? Array(lines[index].unicodeScalars) : nil
        }
        func check(_ node: YAMLNode, key: String?, keyPosition: SourcePosition?) {
            switch node {
            case .mapping(let pairs, _):
                for (keyNode, value) in pairs {
                    check(value, key: keyNode.scalar?.string, keyPosition: position(of: keyNode))
                }
            case .sequence(let items, _):
                for item in items { check(item, key: key, keyPosition: nil) }
            case .scalar(let scalar, _):
                guard scalar.style == .plain else { return }
                let at = position(of: node)
                let subject = LineShape.subject(of: key)
                if YAMLReader.isNull(node), let keyPosition, let text = line(keyPosition),
                   let comment = Self.hiddenComment(in: text, after: keyPosition.column + (key?.unicodeScalars.count ?? 0)) {
                    sink.report(.invalidField, at: SourcePosition(line: keyPosition.line, column: comment + 1),
                                "\(subject) is empty: YAML reads the text from '#' as a comment",
                                fix: "put the value in double quotes: \(key ?? "tags"): \"\(Self.text(text, from: comment))\"",
                                severity: .warning, sourceLine: String(String.UnicodeScalarView(text)))
                    return
                }
                if let text = line(at) {
                    let value = Array(scalar.string.unicodeScalars)
                    let start = at.column - 1
                    if start + value.count <= text.count, Array(text[start..<(start + value.count)]) == value,
                       let comment = Self.hiddenComment(in: text, after: start + value.count) {
                        let whole = Self.text(text, from: start)
                        sink.report(.invalidField, at: SourcePosition(line: at.line, column: comment + 1),
                                    "the text from '#' is left out of \(subject): YAML reads ' #' as the start of a comment",
                                    fix: "put \(subject) in double quotes: \(key.map { "\($0): " } ?? "- ")\"\(whole.replacing("\"", with: "\\\""))\"",
                                    severity: .warning, sourceLine: String(String.UnicodeScalarView(text)))
                    }
                }
                let string = scalar.string.unicodeScalars
                if let keyPosition, at.line > keyPosition.line, string.count > 1, string.first == "-",
                   let second = string.dropFirst().first, second != " ", second != "-", !("0"..."9").contains(second) {
                    sink.report(.invalidField, at: at,
                                "\(subject) reads as the text '\(scalar.string)', not a list: a list item needs a space after '-'",
                                fix: "write each item as '- \(String(String.UnicodeScalarView(string.dropFirst())).split(separator: " -").first ?? "")', with a space after the dash",
                                sourceLine: line(at).map { String(String.UnicodeScalarView($0)) })
                }
            }
        }
        check(root, key: nil, keyPosition: nil)
    }

    /// The index of a `#` that starts a comment (after a blank) but is written like text (a word
    /// follows it at once), at or after `index` in `line`.
    static func hiddenComment(in line: [Unicode.Scalar], after index: Int) -> Int? {
        var position = index
        while position < line.count, line[position] == " " || line[position] == "\t" { position += 1 }
        guard position > index || index == 0, position + 1 < line.count, line[position] == "#" else { return nil }
        let next = line[position + 1]
        return next == " " || next == "\t" || next == "#" ? nil : position
    }

    static func text(_ line: [Unicode.Scalar], from index: Int) -> String {
        String(String.UnicodeScalarView(line[index...])).trimmingWhitespace
    }

    /// A cheap look over the bytes: ` #word`, or a line starting `-word`.
    static func mayHaveLayoutMistake(_ text: String) -> Bool {
        var text = text
        // On the contiguous bytes: iterating `utf8` cost more than the test itself.
        return text.withUTF8 { bytes in
            var previous: UInt8 = 10, lineStart = true
            for byte in bytes {
                if byte == UInt8(ascii: "#"), previous == 32 || previous == 9 { return true }
                if lineStart, previous == UInt8(ascii: "-"), byte != 32, byte != UInt8(ascii: "-"), byte != 10 { return true }
                if byte == 10 { lineStart = true } else if byte != 32, !(lineStart && byte == UInt8(ascii: "-")) { lineStart = false }
                previous = byte
            }
            return false
        }
    }
}
