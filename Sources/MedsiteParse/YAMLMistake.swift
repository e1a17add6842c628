import MedsiteBase

/// The common YAML mistakes in front matter and medsite.yml, recognised from where libyaml
/// stopped and what the lines there look like, each explained in an editor's words with its fix.
/// The table in docs/editors.md lists them; YAMLMistakeTests puts each through the real decoder.
enum YAMLMistake {
    /// What libyaml reported, at file positions.
    struct Found {
        let problem: String
        let context: String?
        let contextPosition: SourcePosition?
        let position: SourcePosition
    }

    struct Explanation: Equatable {
        let position: SourcePosition
        let message: String
        let fix: String
    }

    /// Characters that mean something to YAML at the start of a value.
    static let indicators: Set<Unicode.Scalar> = ["@", "`", "%", "&", "*", "!", "|", ">", "?", "[", "{", "'", "\"", "#", ",", "]", "}"]

    static func explain(_ found: Found, in source: YAMLSource) -> Explanation {
        let problem = found.problem
        let lines = source.lines
        func shape(_ fileLine: Int) -> LineShape? {
            let index = fileLine - source.lineOffset - 1
            return lines.indices.contains(index) ? LineShape(lines[index], line: fileLine) : nil
        }
        // Clamped to the YAML's lines, so every range below is well-formed whatever libyaml reports.
        let problemLine = max(source.lineOffset + 1, min(found.position.line, source.lineOffset + lines.count))
        let firstLine = max(source.lineOffset + 1, min(found.contextPosition?.line ?? problemLine, problemLine))
        let here = shape(problemLine)

        // A quote opened and never closed (first: a tab inside quotes or brackets is not the mistake).
        if found.context?.contains("quoted scalar") == true, let opened = found.contextPosition {
            let quote = shape(opened.line)?.character(at: opened.column) ?? "\""
            let inside = quote == "'" ? "an apostrophe inside single quotes is written twice: 'it''s'"
                                      : "a double quote inside the text is written \\\""
            return Explanation(position: opened, message: "the quote \(quote) that starts here is never closed",
                               fix: "add the closing \(quote) at the end of the value (\(inside))")
        }

        // A list `[…` or `{…` never closed.
        if let context = found.context, context.contains("flow sequence") || context.contains("flow mapping"),
           let opened = found.contextPosition {
            let (open, close) = context.contains("sequence") ? ("[", "]") : ("{", "}")
            let key = shape(opened.line)?.key
            return Explanation(position: opened, message: "the '\(open)' that starts here is never closed with '\(close)'",
                               fix: "end the list with '\(close)', like tags: [asthma, inhalers]; if the brackets are part of the text, "
                                   + quoteFix(key: key, shape: shape(opened.line)))
        }

        // A tab in the indentation: YAML indents with spaces only.
        for line in (firstLine...problemLine).reversed() {
            if let shape = shape(line), let tab = shape.indentationTab {
                return Explanation(position: SourcePosition(line: line, column: tab),
                                   message: "this line is indented with a tab, and YAML only understands spaces",
                                   fix: "use spaces, not a tab: replace the tab with spaces, lined up with the lines above")
            }
        }
        if problem.contains("tab"), let here {
            return Explanation(position: found.position, message: "there is a tab here, and YAML only understands spaces",
                               fix: "use spaces, not a tab" + (here.key.map { ", after '\($0):'" } ?? ""))
        }

        // `title:Shingles`: without a space after the colon YAML reads the whole line as text.
        if problem.contains("mapping values are not allowed") || problem.contains("could not find expected ':'")
            || problem.contains("did not find expected key") {
            let start = source.lineOffset + 1
            for line in start...problemLine {
                if let shape = shape(line), let (key, column) = shape.keyWithoutSpace {
                    return Explanation(position: SourcePosition(line: line, column: column),
                                       message: "there is no space after the ':' of '\(key)', so YAML does not see a field here",
                                       fix: "add a space after the colon: '\(key): \(shape.text(from: column))'")
                }
            }
        }

        // `description The answer`: a field name with no colon after it.
        if problem.contains("could not find expected ':'"), let opened = found.contextPosition {
            let name = shape(opened.line)?.text(from: opened.column).split(separator: " ").first.map(String.init)
            return Explanation(position: opened, message: "there is no ':' after the field name on this line",
                               fix: "write it as 'name: value', with a colon and a space after the name"
                                   + (name.map { ", like '\($0): …'" } ?? ""))
        }

        // A value starting with a character YAML keeps for itself: @ ` % & * ! | > ?
        let symbolProblems = ["cannot start any token", "anchor", "alias", "block scalar", "mapping keys are not allowed", "tag"]
        if symbolProblems.contains(where: { problem.contains($0) || found.context?.contains($0) == true }),
           let shape = shape(found.contextPosition?.line ?? problemLine), let first = shape.valueFirst,
           indicators.contains(first.character), first.character != "\t" {
            return Explanation(position: SourcePosition(line: shape.line, column: first.column),
                               message: "\(shape.subject) starts with '\(first.character)', which YAML keeps for itself",
                               fix: quoteFix(key: shape.key, shape: shape))
        }

        if problem.contains("did not find expected key") || problem.contains("did not find expected '-' indicator") {
            // `audience: "patient` never closed: the quote that opens the next quoted value closes it,
            // and the text after that quote is where libyaml stops. The mistake is the line with the
            // unmatched quote above.
            if let here, let first = here.valueFirst, first.character == "\"" || first.character == "'",
               first.column == found.position.column - 1 {
                for line in ((source.lineOffset + 1)..<problemLine).reversed() {
                    guard let above = shape(line) else { continue }
                    let quotes = above.scalars.enumerated().filter { $0.element == first.character && ($0.offset == 0 || above.scalars[$0.offset - 1] != "\\") }
                    if quotes.count % 2 == 1, let opening = quotes.last {
                        let inside = first.character == "'" ? "an apostrophe inside single quotes is written twice: 'it''s'"
                                                            : "a double quote inside the text is written \\\""
                        return Explanation(position: SourcePosition(line: line, column: opening.offset + 1),
                                           message: "the quote \(first.character) that starts here is never closed",
                                           fix: "add the closing \(first.character) at the end of the value (\(inside))")
                    }
                }
            }
            // Text after a closing quote or bracket: `title: "Shingles" – what to expect`.
            if let here, let first = here.valueFirst, ["\"", "'", "[", "{"].contains(first.character),
               first.column < found.position.column {
                let what = first.character == "\"" || first.character == "'" ? "closing quote" : "closing '\(first.character == "[" ? "]" : "}")'"
                return Explanation(position: found.position,
                                   message: "there is more text after the \(what) of \(here.subject)",
                                   fix: first.character == "\"" || first.character == "'"
                                       ? "put the whole value in double quotes, and write each double quote inside it as \\\": "
                                           + (here.key ?? "title") + ": \"He said \\\"no\\\"\""
                                       : quoteFix(key: here.key, shape: here))
            }
            if let here { return misaligned(here) }
        }

        if problem.contains("mapping values are not allowed"), let here {
            // The colon libyaml stopped at is in a value: on the line of a field, or on a line that continues one.
            if here.key == nil || here.keyColumn.map({ $0 < found.position.column && here.keyColonColumn != found.position.column }) == true
                || !here.keyIsFieldName {
                var field = here.key.flatMap { here.keyColonColumn != found.position.column ? $0 : nil }
                if field == nil || !here.keyIsFieldName {
                    // A continuation line: the field is the nearest line above that is less indented.
                    field = ((source.lineOffset + 1)..<problemLine).reversed().lazy.compactMap { shape($0) }
                        .first { $0.indent < here.indent && $0.key != nil }?.key
                }
                let fieldShape = here.keyIsFieldName && here.key == field ? here : nil
                return Explanation(position: found.position,
                                   message: "\(LineShape.subject(of: field)) contains ': ', which YAML reads as the start of another field",
                                   fix: quoteFix(key: field, shape: fieldShape))
            }
            return misaligned(here)
        }

        return Explanation(position: found.position, message: "medsite cannot read the YAML from this point on",
                           fix: "check this line and the one above for a missing ':' after a field name, a tab, "
                               + "or an unclosed quote or bracket; text with ': ' or starting with a symbol goes in double quotes")
    }

    /// A line whose indentation does not fit the lines above.
    static func misaligned(_ line: LineShape) -> Explanation {
        let position = SourcePosition(line: line.line, column: line.indent + 1)
        if line.isListItem {
            return Explanation(position: position, message: "this list item is not lined up with the lines above it",
                               fix: "start each '- ' item of a list with the same number of spaces as the one above it")
        }
        let name = line.key.map { "'\($0)'" } ?? "this line"
        return Explanation(position: position, message: "\(name) is not lined up with the lines above it",
                           fix: "indent \(name) like the other fields at its level: no spaces for a top-level field, "
                               + "the same spaces as the field above it for one inside a group (such as condition or a source)")
    }

    /// `put the title in double quotes: title: "Shingles: what to expect"`
    static func quoteFix(key: String?, shape: LineShape?) -> String {
        let subject = LineShape.subject(of: key)
        guard let shape, let value = shape.valueText, !value.isEmpty else { return "put \(subject) in double quotes" }
        let quoted = "\"" + value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
        return "put \(subject) in double quotes: \(shape.prefix)\(quoted)"
    }

    static func duplicateKey(_ key: String, in source: YAMLSource, fallback: SourcePosition) -> Explanation {
        var found: [Int] = []
        var position = fallback
        for (index, line) in source.lines.enumerated() {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix(key), trimmed.dropFirst(key.count).drop(while: { $0 == " " }).hasPrefix(":") else { continue }
            found.append(index + 1 + source.lineOffset)
            if found.count == 2 { position = SourcePosition(line: index + 1 + source.lineOffset, column: line.count - trimmed.count + 1) }
        }
        let lines = found.count >= 2 ? " (lines \(found[0]) and \(found[1]))" : ""
        return Explanation(position: position, message: "'\(key)' is given more than once\(lines); only one can count",
                           fix: "keep one '\(key):' line and delete the other")
    }

    /// libyaml refuses control characters (other than tab and line breaks) anywhere in YAML.
    static func unreadableCharacter(_ value: Int32, at offset: Int?, in source: YAMLSource) -> Explanation {
        var line = 1, column = 1
        if let offset {
            for byte in source.text.utf8.prefix(offset) {
                if byte == 10 { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
            }
        }
        let character = Unicode.Scalar(UInt32(max(0, value))).map { VisibleText.notation($0) } ?? "a control character"
        return Explanation(position: source.position(line: line, column: column),
                           message: "this line holds an invisible control character (\(character)), which YAML does not allow",
                           fix: "delete it: retype the line, or copy the text again from a plain-text source")
    }
}
