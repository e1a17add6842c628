import MedsiteBase
import MedsiteParse

/// Links to Content/'s other files (`![…](rash.png)`, `[leaflet](leaflet.pdf)`): written relative to
/// the article's file, as `.md` links are, and copied to Output/ under the same path.
extension SiteLinks {
    /// A relative link to a file that is not an article: its path under Content/ (percent-decoded,
    /// for looking the file up), the same path as written (for the page's address) and what followed
    /// it (`?…`, `#…`). nil for web addresses, page addresses (`../slug/`), `.md` links and anchors.
    package static func contentFile(_ url: String, from directory: String) -> (contentPath: String, written: String, suffix: String)? {
        guard !url.isEmpty, !url.hasPrefix("#"), !url.hasPrefix("/"), LinkAddress.scheme(of: url) == nil else { return nil }
        let end = url.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? url.endIndex
        let path = String(url[..<end])
        // The cheap tests first, and a "." byte before Foundation's `contains` (it bridges to UTF-16):
        // every link of every page is asked.
        guard !path.hasSuffix(".md"), !path.hasSuffix("/"), let name = path.split(separator: "/").last,
              name.utf8.contains(UInt8(ascii: ".")) && name.contains("."), name != "index.html", let written = normalize(path, from: directory), !written.isEmpty else { return nil }
        return (LinkAddress.percentDecoded(written), written, String(url[end...]))
    }

    /// The address of a Content/ file as seen from an article page (`/slug/`): one folder up (two
    /// from a translation's `/es/slug/`: `root`).
    package static func pageAddress(ofContentFile written: String, suffix: String, root: String = "../") -> String {
        root + written + suffix
    }
}
