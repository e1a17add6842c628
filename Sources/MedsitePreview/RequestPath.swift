/// Turns a request target into a path inside the site, or refuses it.
///
/// The preview serves only what the in-memory site holds (plus Content/ files it knows by name),
/// so a path can never reach the disk directly; these checks still refuse anything that tries to
/// climb out or smuggle separators, so such requests are visible as 400s rather than odd 404s.
enum RequestPath {
    enum Rejection: Error, Equatable {
        case badRequest(String)
        case tooLong
    }

    static let maximumLength = 2048

    /// `/pml/?x=1` → `pml/`; `/` → ``; `/assets/style.css` → `assets/style.css`.
    static func resolve(_ target: String) -> Result<String, Rejection> {
        guard target.utf8.count <= maximumLength else { return .failure(.tooLong) }
        guard target.hasPrefix("/") else { return .failure(.badRequest("the request target must be a path starting with /")) }
        var raw = Substring(target)
        if let end = raw.firstIndex(where: { $0 == "?" || $0 == "#" }) { raw = raw[..<end] }
        if raw.contains("\\") { return .failure(.badRequest("backslashes are not allowed in paths")) }

        var bytes: [UInt8] = []
        var iterator = Array(raw.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte < 0x20 || byte == 0x7F { return .failure(.badRequest("control characters are not allowed in paths")) }
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return .failure(.badRequest("malformed percent-encoding"))
            }
            let decoded = high << 4 | low
            switch decoded {
            case UInt8(ascii: "/"), UInt8(ascii: "\\"):
                return .failure(.badRequest("encoded path separators are not allowed"))
            case 0..<0x20, 0x7F:
                return .failure(.badRequest("encoded control characters are not allowed"))
            default: bytes.append(decoded)
            }
        }
        guard let path = String(validating: bytes, as: UTF8.self) else {
            return .failure(.badRequest("the path is not UTF-8"))
        }
        let segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            if segment == "." || segment == ".." { return .failure(.badRequest("'.' and '..' are not allowed in paths")) }
            if segment.isEmpty && index != segments.count - 1 { return .failure(.badRequest("empty path segments are not allowed")) }
        }
        return .success(String(path.dropFirst()))
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Content types by file extension; anything unknown is served as bytes, never sniffed.
    static func contentType(for path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let ext = name.contains(".") ? String(name.split(separator: ".").last!).lowercased() : ""
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "txt", "md": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "avif": return "image/avif"
        case "ico": return "image/x-icon"
        case "pdf": return "application/pdf"
        case "woff": return "font/woff"
        case "woff2": return "font/woff2"
        case "mp4": return "video/mp4"
        case "webm": return "video/webm"
        case "mp3": return "audio/mpeg"
        default: return "application/octet-stream"
        }
    }
}
