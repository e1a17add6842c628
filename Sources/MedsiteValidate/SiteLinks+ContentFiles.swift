import MedsiteBase
import MedsiteParse

/// Links to Content/'s other files (`![…](rash.png)`, `[leaflet](leaflet.pdf)`): written relative to
/// the article's file, as `.md` links are, and copied to Output/ under the same path.
extension SiteLinks {
    /// A relative link to a file that is not an article: its path under Content/ (percent-decoded,
    /// for looking the file up), the same path as written (for the page's address) and what followed
    /// it (`?…`, `#…`). nil for web addresses, page addresses (`../slug/`), `.md` links and anchors.
    package static func contentFile(_ url: String, from directory: String) -> (contentPath: String, written: String, suffix: String)? {
        if case .some(false) = mayBeContentFileASCII(url) { return nil }
        return contentFileByCharacter(url, from: directory)
    }

    /// `contentFile` for any address, Character by Character.
    static func contentFileByCharacter(_ url: String, from directory: String) -> (contentPath: String, written: String, suffix: String)? {
        guard !url.isEmpty, !url.hasPrefix("#"), !url.hasPrefix("/"), LinkAddress.scheme(of: url) == nil else { return nil }
        let end = url.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? url.endIndex
        let path = String(url[..<end])
        // The cheap tests first, and a "." byte before Foundation's `contains` (it bridges to UTF-16):
        // every link of every page is asked.
        guard !path.hasSuffix(".md"), !path.hasSuffix("/"), let name = path.split(separator: "/").last,
              name.utf8.contains(UInt8(ascii: ".")) && name.contains("."), name != "index.html", let written = normalize(path, from: directory), !written.isEmpty else { return nil }
        return (LinkAddress.percentDecoded(written), written, String(url[end...]))
    }

    /// For an ASCII address (each byte a Character: a link destination holds no line break), whether
    /// it can name a Content/ file by the tests above, on bytes: false for `.md` links, folders and
    /// names without a dot (most links of a page, asked for every page); nil for other addresses.
    static func mayBeContentFileASCII(_ url: String) -> Bool? {
        var url = url
        return url.withUTF8 { bytes -> Bool? in
            var end = 0
            while end < bytes.count {
                let byte = bytes[end]
                if byte >= 0x80 || byte == 13 || byte == 10 { return nil }
                if byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
                end += 1
            }
            for index in end..<bytes.count where bytes[index] >= 0x80 || bytes[index] == 13 || bytes[index] == 10 { return nil }
            guard end > 0, bytes[end - 1] != UInt8(ascii: "/") else { return false }
            if end >= 3, bytes[end - 3] == UInt8(ascii: "."), bytes[end - 2] == UInt8(ascii: "m"), bytes[end - 1] == UInt8(ascii: "d") {
                return false
            }
            var nameStart = end
            while nameStart > 0, bytes[nameStart - 1] != UInt8(ascii: "/") { nameStart -= 1 }
            return UnsafeBufferPointer(rebasing: bytes[nameStart..<end]).contains(UInt8(ascii: "."))
        }
    }

    /// The address of a Content/ file as seen from an article page (`/slug/`): one folder up (two
    /// from a translation's `/es/slug/`: `root`).
    package static func pageAddress(ofContentFile written: String, suffix: String, root: String = "../") -> String {
        root + written + suffix
    }
}
