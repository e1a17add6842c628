/// Escaping for the contexts medsite writes into itself (templates escape through Mustache).
public enum HTML {
    /// The same five characters Mustache escapes (as `&lt;` `&gt;` `&amp;` `&quot;` `&#39;`), so text
    /// medsite looks for in a rendered page is spelt the way the template wrote it. The one HTML
    /// escaper: templates escape through it too (the compiled renderer, and swift-mustache through
    /// `FastHTMLContentType`).
    public static func escape(_ text: String) -> String {
        var text = text
        let needsEscaping = text.withUTF8 { $0.contains(where: isEscaped) }
        guard needsEscaping else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 32)
        escape(text, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the escaped text to `output`. Scans the text's own UTF-8 buffer with one bit test a
    /// byte (iterating `String.UTF8View` cost ~20 instructions a byte) and copies the runs between
    /// escaped characters whole.
    public static func escape(_ text: String, into output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                guard isEscaped(byte) else {
                    index += 1
                    continue
                }
                if start < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index])) }
                switch byte {
                case 60: output.append(contentsOf: [38, 108, 116, 59]) // &lt;
                case 62: output.append(contentsOf: [38, 103, 116, 59]) // &gt;
                case 38: output.append(contentsOf: [38, 97, 109, 112, 59]) // &amp;
                case 34: output.append(contentsOf: [38, 113, 117, 111, 116, 59]) // &quot;
                default: output.append(contentsOf: [38, 35, 51, 57, 59]) // &#39;
                }
                index += 1
                start = index
            }
            if start < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
        }
    }

    /// `escape` but for `'`, which text and double-quoted attributes need not escape: for the theme's
    /// texts, written as the default theme had them ("Doctors' code").
    public static func escapeKeepingApostrophes(_ text: String) -> String {
        guard text.contains("'") else { return escape(text) }
        return text.split(separator: "'", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "'")
    }

    /// Appends the text unescaped (its UTF-8 buffer in one copy).
    public static func append(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { output.append(contentsOf: $0) }
    }

    /// `"`, `&`, `'`, `<` and `>`: all below 64, so one bit of one word.
    @inline(__always)
    private static func isEscaped(_ byte: UInt8) -> Bool {
        byte < 64 && (0x5000_00C4_0000_0000 as UInt64) >> UInt64(byte) & 1 == 1
    }

    /// Inserts `fragment` before the last `</main>`, else before `</body>`, else at the end.
    package static func insert(_ fragment: String, into page: String) -> String {
        for marker in ["</main>", "</body>"] {
            if let range = page.range(of: marker, options: .backwards) {
                var result = page
                result.insert(contentsOf: fragment + "\n", at: range.lowerBound)
                return result
            }
        }
        return page + fragment
    }

    /// `insert` on a page's bytes (the rare page whose template left out a safety block).
    package static func insert(_ fragment: String, into page: [UInt8]) -> [UInt8] {
        Array(insert(fragment, into: String(decoding: page, as: UTF8.self)).utf8)
    }
}

import Foundation
