import MedsiteBase
import MedsiteParse
import MedsiteValidate

/// Compact JSON with keys in the order written, so structured data and the search index are
/// byte-identical from one build to the next, written straight into a byte buffer (appending to a
/// `String` Character by Character cost ~1 M instructions per article page). A nil member is left
/// out, so optional front matter simply disappears. Safe inside an HTML `<script>` element: `<`,
/// `>` and `&` are written as `\u003c`…, so no text can close the element or open a comment, and
/// U+2028/U+2029 as escapes, so the text is valid JavaScript too.
struct JSONBytes {
    private(set) var bytes: [UInt8] = []
    /// Whether the next member of the open object or array needs a comma: false just after `{`, `[`
    /// or a key, true after any complete value (a closed object is a complete value of its parent).
    private var needsComma = false

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func int(_ value: Int) {
        var text = String(value)
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    // MARK: Objects and arrays written in place

    /// An object (or array) as the next element of an open array, or as the `key` member of an open object.
    mutating func openObject(_ key: StaticString? = nil) {
        if let key { self.key(key) } else { separate() }
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func openArray(_ key: StaticString? = nil) {
        if let key { self.key(key) } else { separate() }
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    mutating func closeObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    mutating func closeArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }

    /// A comma before every member of an open object or array but the first.
    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    /// `"key":` inside an open object; the value must follow.
    private mutating func key(_ key: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) } // keys are plain ASCII names
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func member(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
        needsComma = true
    }

    mutating func member(_ name: StaticString, _ value: Int) {
        key(name)
        int(value)
        needsComma = true
    }

    /// A string member of an open array.
    mutating func element(_ value: String) {
        separate()
        string(value)
        needsComma = true
    }

    /// A quoted, escaped string.
    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { write(quoted: $0) }
    }

    private mutating func write(quoted text: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var start = 0
        var index = 0
        let count = text.count
        while index < count {
            let byte = text[index]
            // Plain bytes (most of them) are copied in runs; 0xE2 may start U+2028/U+2029.
            guard Self.mayNeedEscape(byte) else {
                index += 1
                continue
            }
            if byte == 0xE2 {
                guard index + 2 < count, text[index + 1] == 0x80, text[index + 2] == 0xA8 || text[index + 2] == 0xA9 else {
                    index += 1
                    continue
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<index]))
            switch byte {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0xE2:
                unicodeEscape(text[index + 2] == 0xA8 ? 0x2028 : 0x2029)
                index += 2
            default: unicodeEscape(UInt32(byte))
            }
            index += 1
            start = index
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<count]))
        bytes.append(UInt8(ascii: "\""))
    }

    /// Controls, `"`, `&`, `<`, `>` (bits of the low word), `\\`, DEL (second word) and 0xE2 (fourth),
    /// as one bit test rather than eight comparisons a byte.
    @inline(__always)
    private static func mayNeedEscape(_ byte: UInt8) -> Bool {
        let word: UInt64
        switch byte >> 6 {
        case 0: word = 0x5000_0044_FFFF_FFFF // 0x00–0x1F, 0x22, 0x26, 0x3C, 0x3E
        case 1: word = 0x8000_0000_1000_0000 // 0x5C, 0x7F
        case 2: word = 0
        default: word = 0x0000_0004_0000_0000 // 0xE2
        }
        return word >> UInt64(byte & 63) & 1 == 1
    }

    /// `\u` and four lowercase hex digits.
    private mutating func unicodeEscape(_ value: UInt32) {
        bytes.append(0x5C)
        bytes.append(UInt8(ascii: "u"))
        for shift in stride(from: 12, through: 0, by: -4) {
            let digit = UInt8((value >> UInt32(shift)) & 0xF)
            bytes.append(digit < 10 ? 0x30 + digit : 0x57 + digit)
        }
    }
}
