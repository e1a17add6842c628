import MedsiteBase

/// How one YAML line is laid out: indentation, list dashes, `key:` and value.
struct LineShape {
    let line: Int
    let scalars: [Unicode.Scalar]
    let indent: Int
    let isListItem: Bool
    /// The field name, when the line is `key: value` (or `key:`).
    let key: String?
    let keyColumn: Int?
    let keyColonColumn: Int?
    /// 1-based column of the value's first character.
    let valueColumn: Int?

    init(_ text: Substring, line: Int) {
        self.line = line
        scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count, scalars[index] == " " { index += 1 }
        indent = index
        var item = false
        while index + 1 < scalars.count, scalars[index] == "-", scalars[index + 1] == " " {
            item = true
            index += 2
            while index < scalars.count, scalars[index] == " " { index += 1 }
        }
        if index + 1 == scalars.count, scalars[index] == "-" { item = true; index += 1 }
        isListItem = item
        let contentStart = index
        var key: String?, colon: Int?
        if index < scalars.count, !["\"", "'", "[", "{", "#"].contains(scalars[index]) {
            var scan = index
            while scan < scalars.count {
                if scalars[scan] == ":", scan + 1 == scalars.count || scalars[scan + 1] == " " || scalars[scan + 1] == "\t" {
                    key = String(String.UnicodeScalarView(scalars[contentStart..<scan])).trimmingWhitespace
                    colon = scan
                    break
                }
                scan += 1
            }
        }
        self.key = key?.isEmpty == false ? key : nil
        keyColumn = self.key == nil ? nil : contentStart + 1
        keyColonColumn = self.key == nil ? nil : colon.map { $0 + 1 }
        var valueStart = self.key == nil ? contentStart : (colon ?? contentStart) + 1
        while valueStart < scalars.count, scalars[valueStart] == " " || scalars[valueStart] == "\t" { valueStart += 1 }
        valueColumn = valueStart < scalars.count ? valueStart + 1 : nil
    }

    /// A field name as medsite writes them: letters, digits and underscores.
    var keyIsFieldName: Bool {
        guard let key, let first = key.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        return key.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }

    /// The column of a tab among the leading blanks, if any.
    var indentationTab: Int? {
        for (index, scalar) in scalars.enumerated() {
            if scalar == "\t" { return index + 1 }
            if scalar != " " { return nil }
        }
        return nil
    }

    /// `title:Shingles` at the start of the line: the name and the column after the colon.
    var keyWithoutSpace: (String, Int)? {
        guard key == nil else { return nil }
        var index = indent
        while index + 1 < scalars.count, scalars[index] == "-", scalars[index + 1] == " " { index += 2 }
        let start = index
        guard index < scalars.count, scalars[index].isASCII, scalars[index].properties.isAlphabetic else { return nil }
        while index < scalars.count, scalars[index].isASCII,
              scalars[index].properties.isAlphabetic || ("0"..."9").contains(scalars[index]) || scalars[index] == "_" { index += 1 }
        guard index + 1 < scalars.count, scalars[index] == ":", scalars[index + 1] != " ", scalars[index + 1] != "\t",
              !(index + 2 < scalars.count && scalars[index + 1] == "/" && scalars[index + 2] == "/") else { return nil }
        return (String(String.UnicodeScalarView(scalars[start..<index])), index + 2)
    }

    var valueFirst: (character: Unicode.Scalar, column: Int)? {
        valueColumn.map { (scalars[$0 - 1], $0) }
    }

    /// The value as written, without trailing blanks.
    var valueText: String? {
        valueColumn.map { text(from: $0) }
    }

    /// The line up to the value: `  - title: `.
    var prefix: String {
        guard let valueColumn else { return text(from: 1) + " " }
        return String(String.UnicodeScalarView(scalars[..<(valueColumn - 1)]))
    }

    func text(from column: Int) -> String {
        guard column - 1 < scalars.count else { return "" }
        return String(String.UnicodeScalarView(scalars[(column - 1)...])).trimmingWhitespace
    }

    func character(at column: Int) -> Unicode.Scalar? {
        scalars.indices.contains(column - 1) ? scalars[column - 1] : nil
    }

    var subject: String { Self.subject(of: key) }

    /// "the title", "the value of 'reviewed_by'", "the value".
    static func subject(of key: String?) -> String {
        guard let key else { return "the value" }
        return ["title", "description", "question"].contains(key) ? "the \(key)" : "the value of '\(key)'"
    }
}
