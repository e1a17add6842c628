import MedsiteBase

/// An old address of a page (`aliases:`), as a site-relative path: `old-name/` (a folder, served
/// as `old-name/index.html`) or `leaflets/asthma.html` (a file). The build writes a redirect page
/// there and a line in `_redirects`.
public enum PageAlias {
    /// `/Old-Name/`, `old-name`, `https://health.example.org/old-name/` (the site's own address)
    /// and `/f%C3%BCr-kinder/` all become one path; `.failure` says, in an editor's words, why an
    /// alias cannot be used.
    public static func normalize(_ written: String, baseURL: String) -> Result<String, AliasProblem> {
        var path = written.trimmingWhitespace
        if path.hasPrefix(baseURL) {
            path = "/" + String(path.dropFirst(baseURL.count))
        } else if path.contains("://") || path.hasPrefix("//") {
            return .failure(.notOnThisSite)
        }
        if path.contains("?") || path.contains("#") { return .failure(.hasQueryOrFragment) }
        guard let decoded = percentDecoded(path) else { return .failure(.badCharacters) }
        if decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }) {
            return .failure(.badCharacters)
        }
        let segments = decoded.split(separator: "/").map(String.init)
        if segments.isEmpty { return .failure(.isHomePage) }
        if segments.contains(where: { $0 == "." || $0 == ".." }) { return .failure(.climbs) }
        if segments.contains(where: { $0.utf8.count > FrontMatter.maximumSlugLength }) { return .failure(.tooLong) }
        let joined = PageAddress.normalized(segments.joined(separator: "/"))
        let last = segments[segments.count - 1].lowercased()
        return .success(last.hasSuffix(".html") || last.hasSuffix(".htm") ? joined : joined + "/")
    }

    /// Where the redirect page goes in Output/.
    public static func outputPath(of alias: String) -> String {
        alias.hasSuffix("/") ? alias + "index.html" : alias
    }

    /// nil when a `%` is not followed by two hex digits or the bytes are not UTF-8.
    static func percentDecoded(_ text: String) -> String? {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        func hex(_ byte: UInt8?) -> UInt8? {
            switch byte {
            case .some(let b) where (48...57).contains(b): b - 48
            case .some(let b) where (65...70).contains(b): b - 55
            case .some(let b) where (97...102).contains(b): b - 87
            default: nil
            }
        }
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = hex(iterator.next()), let low = hex(iterator.next()) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}

/// Why an `aliases:` entry cannot be used.
public enum AliasProblem: Error, Sendable {
    case notOnThisSite, hasQueryOrFragment, badCharacters, isHomePage, climbs, tooLong

    public var message: String {
        switch self {
        case .notOnThisSite: "is the address of another site; an alias is an old address of this page on this site"
        case .hasQueryOrFragment: "has a '?' or '#' part, which a redirect cannot match"
        case .badCharacters: "has characters that cannot be in an address"
        case .isHomePage: "is the home page"
        case .climbs: "has '.' or '..' in it"
        case .tooLong: "has a part longer than \(FrontMatter.maximumSlugLength) characters"
        }
    }
}
