import MedsiteBase
import MedsiteParse

/// Resolving links between articles.
public enum SiteLinks {
    /// Where a link to an article's file leads.
    public enum ArticleLink: Equatable, Sendable {
        /// The article with this slug, and the link's `#fragment` as written.
        case page(slug: String, fragment: String?)
        /// No article has this file (the path as resolved, or as written when it cannot be resolved).
        case missing(path: String)
    }

    /// The one reading of a link to an article's file (`other.md`, `../dir/other.md?x#part`), used by
    /// the broken-link check and by the renderer's rewriting alike, so a link the check accepts is always
    /// the address the reader gets. nil when the link is not to a `.md` file (a web address, a page
    /// address, an anchor). A `?query` is dropped: a static page has no use for it.
    public static func articleLink(_ url: String, from directory: String, slugs: [String: String]) -> ArticleLink? {
        if let answer = articleLinkASCII(url, from: directory, slugs: slugs) { return answer }
        return articleLinkByCharacter(url, from: directory, slugs: slugs)
    }

    package static func articleLinkByCharacter(_ url: String, from directory: String,
                                               slugs: [String: String]) -> ArticleLink? {
        guard !url.hasPrefix("#"), !url.hasPrefix("//"), LinkAddress.scheme(of: url) == nil else { return nil }
        let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
        guard path.hasSuffix(".md") else { return nil }
        guard !path.hasPrefix("/"), let resolved = normalize(path, from: directory) else { return .missing(path: path) }
        guard let slug = slugs[resolved] else { return .missing(path: resolved) }
        return .page(slug: slug, fragment: parts.count > 1 ? String(parts[1]) : nil)
    }

    /// The folder part of a content path: `diabetes/diet.md` → `diabetes`.
    package static func folder(of contentPath: String) -> String {
        var path = contentPath
        let ascii: String? = path.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            // Empty components are dropped, as `split(separator:)` drops them.
            let parts = bytes.split(separator: UInt8(ascii: "/")).dropLast()
            return parts.map { String(decoding: UnsafeBufferPointer(rebasing: $0), as: UTF8.self) }.joined(separator: "/")
        }
        return ascii ?? contentPath.split(separator: "/").dropLast().joined(separator: "/")
    }

    /// `articleLinkByCharacter` on the bytes of the common case, where a Character is one byte
    /// (splitting by Character cost ~25 k instructions a link): an ASCII address with no `:`, `?`, or
    /// leading `/` or `#`, from an ASCII folder. `.none` for anything else, which takes the general path.
    static func articleLinkASCII(_ url: String, from directory: String, slugs: [String: String]) -> ArticleLink?? {
        var url = url
        var directory = directory
        return url.withUTF8 { url -> ArticleLink?? in
            directory.withUTF8 { directory -> ArticleLink?? in
                guard let first = url.first, first != UInt8(ascii: "/"), first != UInt8(ascii: "#"),
                      url.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: ":") && $0 != UInt8(ascii: "?") }),
                      directory.allSatisfy({ $0 < 0x80 }) else { return .none }
                let hash = url.firstIndex(of: UInt8(ascii: "#")) ?? url.count
                let path = UnsafeBufferPointer(rebasing: url[..<hash])
                guard path.count >= 3, path[path.count - 3] == UInt8(ascii: "."), path[path.count - 2] == UInt8(ascii: "m"),
                      path[path.count - 1] == UInt8(ascii: "d") else { return .some(nil) }
                var components = directory.split(separator: UInt8(ascii: "/"))
                for part in path.split(separator: UInt8(ascii: "/")) {
                    if part.count == 1, part[part.startIndex] == UInt8(ascii: ".") { continue }
                    if part.count == 2, part[part.startIndex] == UInt8(ascii: "."), part[part.startIndex + 1] == UInt8(ascii: ".") {
                        guard !components.isEmpty else { return .none }
                        components.removeLast()
                    } else {
                        components.append(part)
                    }
                }
                var resolved: [UInt8] = []
                resolved.reserveCapacity(directory.count + path.count + 1)
                for (index, component) in components.enumerated() {
                    if index > 0 { resolved.append(UInt8(ascii: "/")) }
                    resolved.append(contentsOf: component)
                }
                let contentPath = String(decoding: resolved, as: UTF8.self)
                guard let slug = slugs[contentPath] else { return .some(.missing(path: contentPath)) }
                let fragment = hash < url.count
                    ? String(decoding: UnsafeBufferPointer(rebasing: url[(hash + 1)...]), as: UTF8.self) : nil
                return .some(.page(slug: slug, fragment: fragment))
            }
        }
    }

    /// Joins a relative path onto a folder, resolving `.` and `..`; nil when it climbs above the root.
    public static func normalize(_ path: String, from directory: String) -> String? {
        var components = directory.isEmpty ? [] : directory.split(separator: "/").map(String.init)
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !components.isEmpty else { return nil }
                components.removeLast()
            } else {
                components.append(String(part))
            }
        }
        return components.joined(separator: "/")
    }
}
