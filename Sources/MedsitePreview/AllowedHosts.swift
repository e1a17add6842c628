#if canImport(Glibc)
import Glibc
#endif

/// Which `Host` (and `Origin`) names the preview answers.
///
/// The preview serves unpublished drafts. A web page on `attacker.example` whose DNS name is made to
/// point at 127.0.0.1 (DNS rebinding) talks to the preview as its own origin and could read them; its
/// requests carry `Host: attacker.example`, so refusing every name that is not this computer's stops
/// it. Accepted: `localhost`, 127.0.0.0/8, `[::1]` (with or without a port), and the `--host` the
/// server was started with. When it listens on every address (`0.0.0.0`, `::`), any IP address is
/// accepted too, so a phone on the same network can open `http://192.168.1.5:8080/`: an address typed
/// as digits cannot be rebound, only names can.
struct AllowedHosts: Sendable {
    /// The `--host` value, lowercased, without brackets.
    let listenHost: String
    let listensOnEveryAddress: Bool

    init(listenHost: String) {
        var host = listenHost.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.listenHost = host
        listensOnEveryAddress = host == "0.0.0.0" || host == "::" || host == "0:0:0:0:0:0:0:0"
    }

    /// `authority` is a `Host` header value or the authority of an absolute URL: `name`, `name:port`,
    /// `[v6]` or `[v6]:port`.
    func allows(authority: String) -> Bool {
        guard let host = Self.host(ofAuthority: authority) else { return false }
        if host == "localhost" || Self.isLoopbackAddress(host) { return true }
        if host == listenHost { return true }
        if listensOnEveryAddress && (Self.ipv4(host) != nil || Self.ipv6(host) != nil) { return true }
        return false
    }

    /// `Origin: http://localhost:8080` → allowed when its authority is; `null` and anything that is
    /// not an http(s) origin are refused.
    func allows(origin: String) -> Bool {
        let lowered = origin.lowercased()
        for scheme in ["http://", "https://"] where lowered.hasPrefix(scheme) {
            let authority = String(lowered.dropFirst(scheme.count))
            return !authority.contains("/") && allows(authority: authority)
        }
        return false
    }

    /// The host of an authority, lowercased and without brackets; nil when it is malformed
    /// (user info, an empty name, a port that is not a number).
    static func host(ofAuthority authority: String) -> String? {
        let text = authority.lowercased()
        guard !text.isEmpty, !text.contains("@"), !text.contains(where: { $0 == " " || $0 == "/" || $0 == "\\" }) else { return nil }
        var host: Substring
        var port: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return nil }
                port = rest.dropFirst()
            }
            guard ipv6(String(host)) != nil else { return nil }
        } else {
            if let colon = text.lastIndex(of: ":") {
                host = text[..<colon]
                port = text[text.index(after: colon)...]
            } else {
                host = Substring(text)
            }
            if host.contains(":") { return nil }
        }
        if let port, port.isEmpty || port.count > 5 || !port.allSatisfy({ $0.isASCII && $0.isNumber }) { return nil }
        return host.isEmpty ? nil : String(host)
    }

    static func isLoopbackAddress(_ host: String) -> Bool {
        if let v4 = ipv4(host) { return v4.0 == 127 }
        guard let v6 = ipv6(host) else { return false }
        if v6 == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1] { return true }
        // ::ffff:127.x.y.z, IPv4 loopback written as IPv6.
        return v6[0..<10].allSatisfy { $0 == 0 } && v6[10] == 0xFF && v6[11] == 0xFF && v6[12] == 127
    }

    /// Strict dotted quad (what `inet_pton` accepts: no `127.1`, no octal, no hex).
    static func ipv4(_ text: String) -> (UInt8, UInt8, UInt8, UInt8)? {
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: address) { ($0[0], $0[1], $0[2], $0[3]) }
    }

    static func ipv6(_ text: String) -> [UInt8]? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: address) { Array($0) }
    }
}
