import MedsiteBase
import MedsiteParse

/// Resolving links between articles.
public enum SiteLinks {
    /// A relative link to a `.md` file: the article it names (by slug) and its `#fragment`.
    public static func resolveSourceLink(_ url: String, from directory: String,
                                         slugs: [String: String]) -> (slug: String, fragment: String?)? {
        if let answer = resolveASCII(url, from: directory, slugs: slugs) { return answer }
        return resolveByCharacter(url, from: directory, slugs: slugs)
    }

    package static func resolveByCharacter(_ url: String, from directory: String,
                                   slugs: [String: String]) -> (slug: String, fragment: String?)? {
        guard !url.contains(":"), !url.hasPrefix("/"), !url.hasPrefix("#") else { return nil }
        let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        guard path.hasSuffix(".md") else { return nil }
        guard let resolved = normalize(path, from: directory), let slug = slugs[resolved] else { return nil }
        return (slug, parts.count > 1 ? String(parts[1]) : nil)
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

    /// `resolveSourceLink` on the bytes of an ASCII address and folder, where a Character is one
    /// byte (splitting by Character cost ~25 k instructions a link). `.none` when either is not ASCII.
    static func resolveASCII(_ url: String, from directory: String,
                             slugs: [String: String]) -> (slug: String, fragment: String?)?? {
        var url = url
        var directory = directory
        return url.withUTF8 { url -> (slug: String, fragment: String?)?? in
            directory.withUTF8 { directory -> (slug: String, fragment: String?)?? in
                guard url.allSatisfy({ $0 < 0x80 }), directory.allSatisfy({ $0 < 0x80 }) else { return .none }
                guard !url.contains(UInt8(ascii: ":")), url.first != UInt8(ascii: "/"), url.first != UInt8(ascii: "#") else {
                    return .some(nil)
                }
                let hash = url.firstIndex(of: UInt8(ascii: "#")) ?? url.count
                let path = UnsafeBufferPointer(rebasing: url[..<hash])
                guard path.count >= 3, path[path.count - 3] == UInt8(ascii: "."), path[path.count - 2] == UInt8(ascii: "m"),
                      path[path.count - 1] == UInt8(ascii: "d") else { return .some(nil) }
                var components = directory.split(separator: UInt8(ascii: "/"))
                for part in path.split(separator: UInt8(ascii: "/")) {
                    if part.count == 1, part[part.startIndex] == UInt8(ascii: ".") { continue }
                    if part.count == 2, part[part.startIndex] == UInt8(ascii: "."), part[part.startIndex + 1] == UInt8(ascii: ".") {
                        guard !components.isEmpty else { return .some(nil) }
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
                guard let slug = slugs[String(decoding: resolved, as: UTF8.self)] else { return .some(nil) }
                let fragment = hash < url.count
                    ? String(decoding: UnsafeBufferPointer(rebasing: url[(hash + 1)...]), as: UTF8.self) : nil
                return .some((slug, fragment))
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
