#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MedsiteBase
import MedsiteParse
import MedsiteValidate

/// `#` links on article headings, so a reader can copy a link to one section (as GitHub and
/// Docusaurus do). Hidden from assistive technology and out of the tab order: a screen reader would
/// otherwise hear "link" after every heading, and a keyboard user would tab through one stop per
/// heading; the table of contents already links every section. The theme shows them on hover.
enum HeadingAnchors {
    /// `<h2 id="x">Text</h2>` → `<h2 id="x">Text&#160;<a class="heading-anchor" href="#x" aria-hidden="true" tabindex="-1">#</a></h2>`.
    /// cmark's safe output escapes `<` in text and drops raw HTML, so `<hN id="` only opens headings.
    /// Jumps from `<` to `<` (memchr) and copies the text between in runs, rather than byte by byte.
    static func add(to original: String) -> String {
        var html = original
        return html.withUTF8 { bytes -> String in
            guard let base = bytes.baseAddress, bytes.count > 0 else { return original }
            let count = bytes.count
            var output: [UInt8] = []
            output.reserveCapacity(count + 1024)
            var copied = 0 // bytes before this are in `output`
            var added = false
            var openID: Range<Int>?
            var index = 0
            while index < count {
                guard let found = memchr(base + index, Int32(UInt8(ascii: "<")), count - index) else { break }
                index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if index + 3 < count {
                    if bytes[index + 1] == UInt8(ascii: "h"), (49...54).contains(bytes[index + 2]),
                       index + 3 + idPrefix.count < count, idPrefix.indices.allSatisfy({ bytes[index + 3 + $0] == idPrefix[$0] }) {
                        let start = index + 3 + idPrefix.count
                        var end = start
                        while end < count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                        openID = start..<end
                    } else if let id = openID, bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "h"),
                              index + 4 < count, (49...54).contains(bytes[index + 3]), bytes[index + 4] == UInt8(ascii: ">") {
                        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                        copied = index
                        // A no-break space keeps the `#` on the line of the heading's last word.
                        output.append(contentsOf: anchorStart)
                        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[id]))
                        output.append(contentsOf: anchorEnd)
                        openID = nil
                        added = true
                    }
                }
                index += 1
            }
            if !added { return original } // no heading closed: the text as it was
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<count]))
            return String(decoding: output, as: UTF8.self)
        }
    }

    private static let idPrefix: [UInt8] = Array(" id=\"".utf8)
    private static let anchorStart: [UInt8] = Array("&#160;<a class=\"heading-anchor\" href=\"#".utf8)
    private static let anchorEnd: [UInt8] = Array("\" aria-hidden=\"true\" tabindex=\"-1\">#</a>".utf8)
}
