import Yams
import MedsiteBase
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the plain YAML that front matter is written in straight from its bytes, into the tree
/// Yams would compose (the same strings, styles, tags and positions), or gives up (nil) and leaves
/// the document to libyaml (`YAMLTree`), so every error message and every unusual document stays
/// Yams' own.
///
/// What it reads: block mappings whose keys are simple words (`last_reviewed:`), block sequences
/// (indented or not) of scalars and of such mappings, one-line flow sequences of scalars
/// (`tags: [asthma, first aid]`), and one-line scalars: plain, single-quoted, and double-quoted
/// with `\"`, `\\` and `\/` as their only escapes; blank lines and `#` comments. Anything else gives
/// nil: tabs, CR and other control characters, the characters YAML 1.1 counts as line breaks, a
/// plain value that would go on to the next line, flow mappings, block scalars (`|`, `>`), tags,
/// anchors, aliases, directives, a key given twice, a key that is not a simple word.
struct YAMLByteReader {
    /// One line that holds something other than blanks or a comment.
    private struct Line {
        /// 0-based line of the YAML text.
        let number: Int
        let start: Int
        let end: Int
        let indent: Int
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let lines: [Line]
    private var current = 0
    private let resolver: Resolver
    /// Shared by every document (`YAMLTree.constructor`).
    private let constructor = YAMLTree.constructor
    /// Deeper nesting is left to Yams (front matter needs three levels; `YAMLGuard` bounds the rest).
    private static let maximumDepth = 16

    static func compose(_ yaml: String, resolver: Resolver) -> YAMLNode? {
        var yaml = yaml
        return yaml.withUTF8 { buffer -> YAMLNode? in
            guard let lines = contentLines(buffer) else { return nil }
            var reader = YAMLByteReader(bytes: buffer, lines: lines, resolver: resolver)
            return reader.document()
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, lines: [Line], resolver: Resolver) {
        self.bytes = bytes
        self.lines = lines
        self.resolver = resolver
    }

    /// The lines with content, or nil when a byte is one this reader leaves to libyaml.
    private static func contentLines(_ bytes: UnsafeBufferPointer<UInt8>) -> [Line]? {
        var lines: [Line] = []
        var number = 0, start = 0, index = 0
        let count = bytes.count
        while start <= count {
            var end = start
            while end < count, bytes[end] != 10 { end += 1 }
            var indent = 0
            while start + indent < end, bytes[start + indent] == 32 { indent += 1 }
            if start + indent < end, bytes[start + indent] != UInt8(ascii: "#") {
                lines.append(Line(number: number, start: start, end: end, indent: indent))
            }
            // Every byte of the line: control characters, DEL, C1 controls (NEL among them), U+2028/2029,
            // U+FEFF, U+FFFE/FFFF are libyaml's to judge.
            index = start
            while index < end {
                let byte = bytes[index]
                if byte < 32 || byte == 127 { return nil }
                if byte >= 0xC2 {
                    let next = index + 1 < end ? bytes[index + 1] : 0
                    let third = index + 2 < end ? bytes[index + 2] : 0
                    if byte == 0xC2 && next < 0xA0 { return nil }
                    if byte == 0xE2 && next == 0x80 && (third == 0xA8 || third == 0xA9) { return nil }
                    if byte == 0xEF && (next == 0xBB && third == 0xBF || next == 0xBF && third >= 0xBE) { return nil }
                }
                index += 1
            }
            // Document markers and directives.
            if indent == 0, end - start >= 3, bytes[start] == UInt8(ascii: "-") && bytes[start + 1] == UInt8(ascii: "-")
                && bytes[start + 2] == UInt8(ascii: "-") || bytes[start] == UInt8(ascii: ".") && bytes[start + 1] == UInt8(ascii: ".")
                && bytes[start + 2] == UInt8(ascii: ".") { return nil }
            if indent == 0, start < end, bytes[start] == UInt8(ascii: "%") { return nil }
            number += 1
            start = end + 1
        }
        return lines
    }

    private mutating func document() -> YAMLNode? {
        guard let first = lines.first, first.indent == 0 else { return nil }
        guard let root = mapping(indent: 0, keyAt: first.start, depth: 0), current == lines.count else { return nil }
        return root
    }

    // MARK: Block collections

    /// A block mapping whose keys stand at column `indent`; its first key starts at byte `keyAt` of the
    /// current line (after `- ` when the mapping is a list item).
    private mutating func mapping(indent: Int, keyAt firstKey: Int, depth: Int) -> YAMLNode? {
        guard depth < Self.maximumDepth else { return nil }
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var keys: [Range<Int>] = []
        var keyStart = firstKey
        let mark = YAMLMark(line: lines[current].number + 1, column: indent + 1)
        while true {
            let line = lines[current]
            guard let colon = keyEnd(from: keyStart, line: line) else { return nil }
            let keyRange = keyStart..<colon
            for seen in keys where seen.count == keyRange.count
                && memcmp(bytes.baseAddress! + seen.lowerBound, bytes.baseAddress! + keyRange.lowerBound, seen.count) == 0 {
                return nil // a key given twice: Yams reports it
            }
            keys.append(keyRange)
            let keyTag = resolver.rules.isEmpty ? Tag(.str, resolver, constructor) : Tag(.implicit, resolver, constructor)
            let keyScalar = Node.Scalar(text(keyRange), keyTag, .plain)
            if !resolver.rules.isEmpty {
                // Yams' duplicate check hashes every key, which resolves its tag; hashing leaves the same tag.
                _ = Node.scalar(keyScalar).hashValue
            }
            let key = YAMLNode.scalar(keyScalar, YAMLMark(line: line.number + 1, column: keyStart - line.start + 1))
            var valueStart = colon + 1
            while valueStart < line.end, bytes[valueStart] == 32 { valueStart += 1 }
            let value: YAMLNode
            if valueStart == line.end || bytes[valueStart] == UInt8(ascii: "#") {
                current += 1
                if current < lines.count, lines[current].indent > indent {
                    let next = lines[current]
                    if isEntry(next) {
                        guard let sequence = sequence(indent: next.indent, depth: depth + 1) else { return nil }
                        value = sequence
                    } else {
                        guard let nested = mapping(indent: next.indent, keyAt: next.start + next.indent, depth: depth + 1) else { return nil }
                        value = nested
                    }
                } else if current < lines.count, lines[current].indent == indent, isEntry(lines[current]) {
                    // A list at the key's own column ("indentless").
                    guard let sequence = sequence(indent: indent, depth: depth + 1) else { return nil }
                    value = sequence
                } else {
                    // libyaml places an empty value just after the colon.
                    value = .scalar(Node.Scalar("", Tag(.implicit, resolver, constructor), .plain),
                                    YAMLMark(line: line.number + 1, column: colon - line.start + 2))
                }
            } else {
                guard let inline = inlineValue(at: valueStart, line: line) else { return nil }
                value = inline
                current += 1
            }
            pairs.append((key, value))
            guard current < lines.count else { break }
            let next = lines[current]
            if next.indent < indent { break }
            // Deeper than the keys: the value would go on (or is an error); an entry here is an error.
            guard next.indent == indent, !isEntry(next) else { return nil }
            keyStart = next.start + indent
        }
        return .mapping(pairs, mark)
    }

    /// A block sequence whose `-` stand at column `indent`, from the current line.
    private mutating func sequence(indent: Int, depth: Int) -> YAMLNode? {
        guard depth < Self.maximumDepth else { return nil }
        var items: [YAMLNode] = []
        let mark = YAMLMark(line: lines[current].number + 1, column: indent + 1)
        while true {
            let line = lines[current]
            var itemStart = line.start + indent + 1
            guard itemStart < line.end, bytes[itemStart] == 32 else { return nil } // `-` alone: a nested block
            while itemStart < line.end, bytes[itemStart] == 32 { itemStart += 1 }
            guard itemStart < line.end, bytes[itemStart] != UInt8(ascii: "#") else { return nil }
            if keyEnd(from: itemStart, line: line) != nil {
                guard let item = mapping(indent: itemStart - line.start, keyAt: itemStart, depth: depth + 1) else { return nil }
                items.append(item)
            } else {
                guard let item = inlineValue(at: itemStart, line: line) else { return nil }
                items.append(item)
                current += 1
            }
            guard current < lines.count else { break }
            let next = lines[current]
            if next.indent < indent { break }
            if next.indent == indent {
                if isEntry(next) { continue }
                break // the next key of the mapping this list is the value of (checked there)
            }
            return nil
        }
        return .sequence(items, mark)
    }

    /// Whether the line is a list entry: `-` then a blank or the end of the line.
    private func isEntry(_ line: Line) -> Bool {
        let dash = line.start + line.indent
        return bytes[dash] == UInt8(ascii: "-") && (dash + 1 == line.end || bytes[dash + 1] == 32)
    }

    /// The offset of the `:` after a key that is a simple word (`last_reviewed`, `icd10`), when a blank
    /// or the end of the line follows it.
    private func keyEnd(from start: Int, line: Line) -> Int? {
        var index = start
        while index < line.end, index - start < 128 {
            let byte = bytes[index]
            let isWord = (byte | 0x20) &- 97 < 26 || byte &- 48 < 10 || byte == UInt8(ascii: "_")
            if isWord || (byte == UInt8(ascii: "-") && index > start) {
                index += 1
                continue
            }
            guard byte == UInt8(ascii: ":"), index > start, index + 1 == line.end || bytes[index + 1] == 32 else { return nil }
            return index
        }
        return nil
    }

    // MARK: Values on one line

    /// A scalar or a flow sequence starting at `start`, which must take the rest of the line (but for
    /// blanks and a comment).
    private func inlineValue(at start: Int, line: Line) -> YAMLNode? {
        let mark = YAMLMark(line: line.number + 1, column: column(of: start, in: line))
        var end: Int
        let node: YAMLNode
        switch bytes[start] {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            guard let (scalar, after) = quoted(at: start, line: line) else { return nil }
            node = .scalar(scalar, mark)
            end = after
        case UInt8(ascii: "["):
            guard let (items, after) = flowSequence(at: start, line: line) else { return nil }
            node = .sequence(items, mark)
            end = after
        default:
            guard Self.mayStartPlain(bytes[start]) else { return nil }
            // Block context: `: ` would make a key, ` #` starts a comment; flow indicators are text here.
            var index = start, last = start
            while index < line.end {
                let byte = bytes[index]
                if byte == UInt8(ascii: ":"), index + 1 == line.end || bytes[index + 1] == 32 { return nil }
                if byte == 32 {
                    if index + 1 < line.end, bytes[index + 1] == UInt8(ascii: "#") { break }
                } else {
                    last = index
                }
                index += 1
            }
            end = last + 1
            node = .scalar(Node.Scalar(text(start..<end), Tag(.implicit, resolver, constructor), .plain), mark)
        }
        // The rest of the line: blanks, then nothing or a comment (after at least one blank).
        let afterValue = end
        while end < line.end, bytes[end] == 32 { end += 1 }
        guard end == line.end || (end > afterValue && bytes[end] == UInt8(ascii: "#")) else { return nil }
        return node
    }

    /// A quoted scalar closed on its own line, and the offset after its closing quote.
    private func quoted(at start: Int, line: Line) -> (Node.Scalar, Int)? {
        let quote = bytes[start]
        var index = start + 1
        var plainRun = index // start of the bytes not yet copied
        var unescaped: [UInt8] = []
        var escaped = false
        while index < line.end {
            let byte = bytes[index]
            if quote == UInt8(ascii: "'") && byte == quote {
                guard index + 1 < line.end, bytes[index + 1] == quote else { break }
                // `''` is one quote.
                unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainRun...index]))
                escaped = true
                index += 2
                plainRun = index
                continue
            }
            if quote == UInt8(ascii: "\"") {
                if byte == quote { break }
                if byte == UInt8(ascii: "\\") {
                    guard index + 1 < line.end else { return nil }
                    let next = bytes[index + 1]
                    guard next == UInt8(ascii: "\"") || next == UInt8(ascii: "\\") || next == UInt8(ascii: "/") else { return nil }
                    unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainRun..<index]))
                    unescaped.append(next)
                    escaped = true
                    index += 2
                    plainRun = index
                    continue
                }
            }
            index += 1
        }
        guard index < line.end else { return nil } // closed on a later line, or never
        let string: String
        if escaped {
            unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainRun..<index]))
            string = String(decoding: unescaped, as: UTF8.self)
        } else {
            string = text(start + 1..<index)
        }
        return (Node.Scalar(string, Tag(.str, resolver, constructor), quote == UInt8(ascii: "'") ? .singleQuoted : .doubleQuoted), index + 1)
    }

    /// `[a, "b c", d]` on one line: its scalars and the offset after `]`.
    private func flowSequence(at start: Int, line: Line) -> ([YAMLNode], Int)? {
        var items: [YAMLNode] = []
        var index = start + 1
        func skipBlanks() { while index < line.end, bytes[index] == 32 { index += 1 } }
        skipBlanks()
        if index < line.end, bytes[index] == UInt8(ascii: "]") { return (items, index + 1) }
        while index < line.end {
            let mark = YAMLMark(line: line.number + 1, column: column(of: index, in: line))
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                guard let (scalar, after) = quoted(at: index, line: line) else { return nil }
                items.append(.scalar(scalar, mark))
                index = after
            } else {
                guard Self.mayStartPlain(byte) else { return nil }
                let itemStart = index
                var last = index
                while index < line.end {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") { break }
                    // `:` makes a key or an error, `[ { }` nest, ` #` starts a comment: libyaml's to read.
                    if byte == UInt8(ascii: ":") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{")
                        || byte == UInt8(ascii: "}") { return nil }
                    if byte == 32 {
                        if index + 1 < line.end, bytes[index + 1] == UInt8(ascii: "#") { return nil }
                    } else {
                        last = index
                    }
                    index += 1
                }
                items.append(.scalar(Node.Scalar(text(itemStart..<last + 1), Tag(.implicit, resolver, constructor), .plain), mark))
            }
            skipBlanks()
            guard index < line.end else { return nil }
            if bytes[index] == UInt8(ascii: "]") { return (items, index + 1) }
            guard bytes[index] == UInt8(ascii: ",") else { return nil }
            index += 1
            skipBlanks()
            // `[a, ]`: left to libyaml.
            guard index < line.end, bytes[index] != UInt8(ascii: "]") else { return nil }
        }
        return nil
    }

    /// Whether a plain scalar may start with `byte` here (indicators, and `- ? :`, which only start
    /// text before a non-blank, are left to libyaml).
    private static func mayStartPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
             UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
             UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), 32:
            return false
        default:
            return true
        }
    }

    /// libyaml's 1-based column: characters, not bytes, since the start of the line.
    private func column(of offset: Int, in line: Line) -> Int {
        var characters = 1
        for index in line.start..<offset where bytes[index] & 0xC0 != 0x80 { characters += 1 }
        return characters
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
