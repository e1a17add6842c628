import Foundation

/// An http(s) address as the probe needs it: the text to request, the host to look up, and the
/// host and port whose request slots it takes.
struct WebAddress: Sendable, Hashable {
    let address: String
    /// What is requested: spaces and other characters percent-encoded, an international site name
    /// in its ASCII (punycode) form, as a browser sends them.
    let requestURL: String
    let scheme: String
    let host: String
    let port: Int

    init?(_ address: String) {
        guard let url = URL(string: address), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else { return nil }
        self.address = address
        self.requestURL = url.absoluteString
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = url.port ?? (scheme == "https" ? 443 : 80)
    }

    /// `example.org:443`: requests to one host and port share its limit.
    var hostKey: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// A `Location` header resolved against the address that sent it, without its `#fragment`.
    static func resolve(_ location: String, against base: String) -> String? {
        guard let baseURL = URL(string: base), let resolved = URL(string: location, relativeTo: baseURL)?.absoluteURL else {
            return nil
        }
        let text = resolved.absoluteString
        return String(text.prefix { $0 != "#" })
    }

    /// `http://a/x` → `https://a/x` (or `https://www.a/x`, or with a trailing slash added): the
    /// same page at its secure address.
    static func isSecureUpgrade(from old: String, to new: String) -> Bool {
        guard old.lowercased().hasPrefix("http://"), new.lowercased().hasPrefix("https://") else { return false }
        func normalized(_ text: String, dropping prefix: Int) -> String {
            var rest = String(text.dropFirst(prefix)).lowercased()
            if rest.hasPrefix("www.") { rest.removeFirst(4) }
            if rest.hasSuffix("/") { rest.removeLast() }
            return rest
        }
        return normalized(old, dropping: 7) == normalized(new, dropping: 8)
    }
}
