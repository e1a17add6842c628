import Foundation
import MedsiteBase

/// Decodes an article's bytes and splits off the front matter. Each step returns its value, or nil
/// and the one diagnostic that stopped it (the project's `(value, [Diagnostic])` convention).
///
/// Accepts a UTF-8 byte-order mark and CRLF line endings (editors on Windows write both), and
/// rejects what is not text: invalid UTF-8 and NUL bytes.
public enum FrontMatterSplitter {
    public static func decodeText(_ bytes: [UInt8], file: String) -> (String?, [Diagnostic]) {
        // memchr: Swift's firstIndex/contains walked the bytes one at a time, twice per article.
        func find(_ byte: UInt8, in bytes: [UInt8]) -> Int? {
            bytes.withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress, let found = memchr(base, Int32(byte), buffer.count) else { return nil }
                return UnsafeRawPointer(found) - base
            }
        }
        if let nul = find(0, in: bytes) {
            let line = bytes[..<nul].reduce(1) { $1 == 10 ? $0 + 1 : $0 }
            return (nil, [Diagnostic(file: file, position: SourcePosition(line: line), rule: .invalidEncoding,
                                       message: "the file contains a NUL byte, so it is not a text file",
                                       fix: "save it again as plain UTF-8 text")])
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard var text = String(validating: body, as: UTF8.self) else {
            let (line, column) = firstInvalidUTF8(in: Array(body))
            return (nil, [Diagnostic(file: file, position: SourcePosition(line: line, column: column),
                                       rule: .invalidEncoding, message: "the file is not valid UTF-8 text",
                                       fix: "save it as UTF-8 in your editor (it looks like another encoding, such as Windows-1252)")])
        }
        if find(13, in: bytes) != nil { text = text.replacingCRLF() }
        return (text, [])
    }

    public static func split(_ text: String, file: String) -> (SplitArticle?, [Diagnostic]) {
        var text = text
        // Line by line over the bytes, stopping at the closing `---` (splitting the whole text into
        // lines first cost more than parsing the YAML).
        return text.withUTF8 { bytes -> (SplitArticle?, [Diagnostic]) in
            func lineEnd(from start: Int) -> Int {
                guard start < bytes.count else { return bytes.count }
                guard let found = memchr(bytes.baseAddress! + start, 10, bytes.count - start) else { return bytes.count }
                return UnsafeRawPointer(found) - UnsafeRawPointer(bytes.baseAddress!)
            }
            let firstEnd = lineEnd(from: 0)
            guard isDelimiter(UnsafeBufferPointer(rebasing: bytes[0..<firstEnd])) else {
                return (nil, [Diagnostic(file: file, position: .start, rule: .frontmatterMissing,
                                           message: "the article has no front matter: the first line must be '---'",
                                           fix: "start the file with '---', the fields (title, description, last_reviewed, reviewed_by, sources), and '---'")])
            }
            let yamlStart = min(firstEnd + 1, bytes.count)
            var lineStart = yamlStart
            var lineNumber = 1
            while lineStart < bytes.count {
                let end = lineEnd(from: lineStart)
                lineNumber += 1
                if isDelimiter(UnsafeBufferPointer(rebasing: bytes[lineStart..<end])) {
                    let yaml = String(decoding: UnsafeBufferPointer(rebasing: bytes[yamlStart..<lineStart]), as: UTF8.self)
                    let body = String(decoding: UnsafeBufferPointer(rebasing: bytes[min(end + 1, bytes.count)...]), as: UTF8.self)
                    return (SplitArticle(yaml: yaml, yamlLineOffset: 1, body: body, bodyLineOffset: lineNumber), [])
                }
                lineStart = end + 1
            }
            return (nil, [Diagnostic(file: file, position: .start, rule: .frontmatterSyntax,
                                       message: "the front matter opened on line 1 is never closed",
                                       fix: "add a line with just '---' after the last front-matter field")])
        }
    }

    /// `---` with optional trailing spaces.
    private static func isDelimiter(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var count = 0
        for byte in line {
            if byte == UInt8(ascii: "-") {
                guard count < 3 else { return false }
                count += 1
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                guard count == 3 else { return false }
            } else {
                return false
            }
        }
        return count == 3
    }

    private static func firstInvalidUTF8(in bytes: [UInt8]) -> (Int, Int) {
        var line = 1, column = 1, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length = byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
            guard length > 0, index + length <= bytes.count,
                  String(validating: bytes[index..<index + length], as: UTF8.self) != nil else { return (line, column) }
            if byte == 10 { line += 1; column = 1 } else { column += 1 }
            index += length
        }
        return (line, column)
    }
}

extension String {
    /// CRLF and lone CR become LF, so line numbers agree with what editors show.
    func replacingCRLF() -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var previousWasCR = false
        for byte in utf8 {
            if byte == 13 {
                bytes.append(10)
                previousWasCR = true
            } else {
                if !(byte == 10 && previousWasCR) { bytes.append(byte) }
                previousWasCR = false
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
