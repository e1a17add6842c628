/// GitHub Flavored Markdown's pipe-table syntax on the source lines of one paragraph, as cmark-gfm
/// reads it: a header row, a delimiter row with as many cells, then every further line is a row.
/// Pure text work; `MarkdownDocument+Tables` turns the result into cmark nodes.
struct PipeTable {
    enum Alignment: Equatable { case none, left, center, right }

    /// One cell: its text with `\|` unescaped, and the UTF-8 column (0-based) where it starts in its line.
    struct Cell: Equatable {
        let text: String
        let column: Int
    }

    /// Index (in the paragraph's lines) of the header row; the lines before it stay a paragraph.
    let headerIndex: Int
    let alignments: [Alignment]
    /// The header row first, then the body rows, each as written (not yet padded or truncated).
    let rows: [[Cell]]

    /// What the paragraph holds when it is not a table but looks like one was meant.
    enum Problem: Equatable {
        /// The line under the header marks a different number of columns than the header has.
        case delimiterMismatch(headerLine: Int, headerCells: Int, delimiterCells: Int)
        /// Rows of cells between pipes, with no line of dashes under the first.
        case noDelimiterRow(line: Int)
    }

    /// The table in these lines, or nil.
    static func find(in lines: [Substring]) -> PipeTable? {
        guard lines.count >= 2 else { return nil }
        for index in 1..<lines.count {
            guard let alignments = delimiterRow(lines[index]) else { continue }
            let header = cells(of: lines[index - 1])
            guard header.count == alignments.count else { continue }
            let body = lines[(index + 1)...].map { cells(of: $0) }
            return PipeTable(headerIndex: index - 1, alignments: alignments, rows: [header] + body)
        }
        return nil
    }

    /// Why lines that are not a table look like one (nil when they do not). `firstLine` is the
    /// paragraph's line in the file, for the message.
    static func problem(in lines: [Substring], firstLine: Int) -> Problem? {
        for index in lines.indices.dropFirst() {
            if let alignments = delimiterRow(lines[index]) {
                let header = cells(of: lines[index - 1])
                if header.count != alignments.count, lines[index - 1].contains("|") {
                    return .delimiterMismatch(headerLine: firstLine + index - 1, headerCells: header.count,
                                              delimiterCells: alignments.count)
                }
            }
        }
        // Two or more cells between pipes on a line of their own: a table row.
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingSpaces
            if trimmed.count >= 3, trimmed.hasPrefix("|"), trimmed.hasSuffix("|"), cells(of: line).count >= 2 {
                return .noDelimiterRow(line: firstLine + index)
            }
        }
        return nil
    }

    /// `| :-- | --: |` → its alignments; nil when the line is not a delimiter row.
    static func delimiterRow(_ line: Substring) -> [Alignment]? {
        guard line.contains("-") else { return nil }
        let cells = cells(of: line)
        guard !cells.isEmpty else { return nil }
        // A line of dashes alone is a heading underline or a rule, never a delimiter row.
        guard cells.count > 1 || line.contains("|") else { return nil }
        var result: [Alignment] = []
        for cell in cells {
            var text = Substring(cell.text)
            let left = text.hasPrefix(":"), right = text.hasSuffix(":")
            if left { text = text.dropFirst() }
            if right, !text.isEmpty { text = text.dropLast() }
            guard !text.isEmpty, text.allSatisfy({ $0 == "-" }) else { return nil }
            result.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return result
    }

    /// The cells of one row: split at pipes not escaped by a backslash, outer pipes dropped, spaces trimmed.
    static func cells(of line: Substring) -> [Cell] {
        let bytes = Array(line.utf8)
        var start = 0, end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        guard start < end else { return [] }
        if bytes[start] == UInt8(ascii: "|") { start += 1 }
        // A trailing pipe ends the row unless a backslash escapes it.
        var strippedTrailing = false
        if end > start, bytes[end - 1] == UInt8(ascii: "|"), !isEscaped(bytes, at: end - 1, from: start) {
            end -= 1
            strippedTrailing = true
        }
        var cells: [Cell] = []
        var cellStart = start, index = start
        func close(at stop: Int) {
            var from = cellStart, to = stop
            while from < to, isSpace(bytes[from]) { from += 1 }
            while to > from, isSpace(bytes[to - 1]) { to -= 1 }
            cells.append(Cell(text: unescapePipes(bytes[from..<to]), column: from))
        }
        while index < end {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < end {
                index += 2
                continue
            }
            if bytes[index] == UInt8(ascii: "|") {
                close(at: index)
                cellStart = index + 1
            }
            index += 1
        }
        if cellStart < end || cells.isEmpty || strippedTrailing { close(at: end) }
        return cells
    }

    /// `\|` → `|`, everywhere in the cell (code spans included), as GFM does before reading inlines.
    static func unescapePipes(_ bytes: ArraySlice<UInt8>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.endIndex, bytes[index + 1] == UInt8(ascii: "|") {
                index += 1
            }
            result.append(bytes[index])
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    static func isEscaped(_ bytes: [UInt8], at index: Int, from start: Int) -> Bool {
        var backslashes = 0, at = index - 1
        while at >= start, bytes[at] == UInt8(ascii: "\\") { backslashes += 1; at -= 1 }
        return backslashes % 2 == 1
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 }
}

extension Substring {
    var trimmingSpaces: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
