import MedsiteBase
import MedsiteParse

/// Just enough URL parsing for link checks: scheme, host, query parameters.
struct LinkAddress {
    let scheme: String
    let host: String
    /// Query parameters as written (`name=value`), in order.
    let parameters: [(name: String, value: String)]
    let original: String

    init?(_ url: String) {
        guard let scheme = Self.scheme(of: url), scheme == "http" || scheme == "https" else { return nil }
        self.scheme = scheme
        self.original = url
        if let (host, parameters) = Self.asciiHostAndParameters(url) {
            (self.host, self.parameters) = (host, parameters)
            return
        }
        var rest = Substring(url.drop { $0 != ":" }.dropFirst())
        while rest.hasPrefix("/") { rest = rest.dropFirst() }
        var authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host = String(authority.prefix { $0 != ":" }).lowercased()
        if host.hasPrefix("www.") { host.removeFirst(4) }
        self.host = host
        var parameters: [(String, String)] = []
        if let question = url.firstIndex(of: "?") {
            let query = url[url.index(after: question)...].prefix { $0 != "#" }
            for pair in query.split(whereSeparator: { $0 == "&" || $0 == ";" }) {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                parameters.append((String(parts[0]), parts.count > 1 ? String(parts[1]) : ""))
            }
        }
        self.parameters = parameters
    }

    /// `init`'s parsing on UTF-8 bytes, for ASCII addresses (nearly all): there every Character is one
    /// byte, or CR LF, which equals none of the delimiters either, so the result is the same as walking
    /// Characters, at a fraction of the cost. nil for other addresses.
    static func asciiHostAndParameters(_ url: String) -> (host: String, parameters: [(name: String, value: String)])? {
        var url = url
        return url.withUTF8 { bytes -> (String, [(name: String, value: String)])? in
            guard bytes.allSatisfy({ $0 < 0x80 }), let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
            func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            var start = colon + 1
            while start < bytes.count, bytes[start] == UInt8(ascii: "/") { start += 1 }
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "/"), bytes[end] != UInt8(ascii: "?"), bytes[end] != UInt8(ascii: "#") {
                end += 1
            }
            if let at = bytes[start..<end].lastIndex(of: UInt8(ascii: "@")) { start = at + 1 }
            var hostEnd = start
            while hostEnd < end, bytes[hostEnd] != UInt8(ascii: ":") { hostEnd += 1 }
            var host = text(start..<hostEnd).lowercased()
            if host.hasPrefix("www.") { host.removeFirst(4) }
            var parameters: [(name: String, value: String)] = []
            if let question = bytes.firstIndex(of: UInt8(ascii: "?")) {
                let queryEnd = bytes[(question + 1)...].firstIndex(of: UInt8(ascii: "#")) ?? bytes.count
                var pairStart = question + 1
                while pairStart < queryEnd {
                    var pairEnd = pairStart
                    while pairEnd < queryEnd, bytes[pairEnd] != UInt8(ascii: "&"), bytes[pairEnd] != UInt8(ascii: ";") { pairEnd += 1 }
                    if pairEnd > pairStart { // empty pairs are omitted, as by `split`
                        if let equals = bytes[pairStart..<pairEnd].firstIndex(of: UInt8(ascii: "=")) {
                            parameters.append((text(pairStart..<equals), text((equals + 1)..<pairEnd)))
                        } else {
                            parameters.append((text(pairStart..<pairEnd), ""))
                        }
                    }
                    pairStart = pairEnd + 1
                }
            }
            return (host, parameters)
        }
    }

    static let clickIdentifiers: Set<String> = [
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "mc_eid", "mc_cid", "_hsenc", "_hsmi",
        "igshid", "yclid", "twclid", "ttclid", "li_fat_id", "mkt_tok", "oly_enc_id", "oly_anon_id", "vero_id",
        "_ga", "_gl", "s_kwcid", "ef_id", "epik", "rb_clickid", "wickedid",
    ]
    static let affiliateParameters: Set<String> = [
        "aff_id", "affid", "aff", "affiliate", "affiliate_id", "affiliateid", "aff_sub", "partner_id", "partnerid",
        "clickref", "irclickid", "ranmid", "ransiteid", "ascsubtag", "linkcode", "camp", "creative", "creativeasin",
    ]
    /// `tag=` and `ref=` are ordinary words elsewhere; on shops they are affiliate codes.
    static let shopParameters: Set<String> = ["tag", "ref", "ref_", "associate", "associates"]
    static let shopHosts = ["amazon.", "amzn.", "ebay.", "aliexpress.", "etsy.com", "walmart.com", "target.com",
                            "bestbuy.com", "iherb.com", "alibaba.com", "temu.com", "shein.com", "rakuten."]
    static let shorteners: Set<String> = [
        "bit.ly", "bitly.com", "tinyurl.com", "goo.gl", "t.co", "ow.ly", "buff.ly", "is.gd", "v.gd", "rebrand.ly",
        "cutt.ly", "shorturl.at", "tiny.cc", "lnkd.in", "amzn.to", "amzn.eu", "rb.gy", "t.ly", "bl.ink", "s.id",
        "shorte.st", "adf.ly", "trib.al", "dlvr.it", "fb.me", "tiny.one", "shor.by", "clck.ru", "qr.ae", "soo.gd",
    ]

    var isShop: Bool {
        Self.shopHosts.contains { host.hasPrefix($0) || host.contains("." + $0) }
    }

    /// The names of every tracking or affiliate parameter, as written.
    var trackingParameters: [String] {
        parameters.map(\.name).filter { name in
            let lower = name.lowercased()
            return lower.hasPrefix("utm_") || Self.clickIdentifiers.contains(lower) || Self.affiliateParameters.contains(lower)
                || (isShop && Self.shopParameters.contains(lower))
        }
    }

    /// The address with the named parameters removed (and `?` too when nothing is left).
    func withoutParameters(_ names: [String]) -> String {
        let base = original.prefix { $0 != "?" && $0 != "#" }
        let fragment = original.firstIndex(of: "#").map { String(original[$0...]) } ?? ""
        let kept = parameters.filter { !names.contains($0.name) }.map { $0.value.isEmpty ? $0.name : "\($0.name)=\($0.value)" }
        return String(base) + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&")) + fragment
    }

    /// The scheme in lowercase (`https`), or nil for a relative address. Browsers ignore tabs,
    /// newlines and leading spaces or control characters, so `java\tscript:` is still `javascript:`.
    static func scheme(of url: String) -> String? {
        // On UTF-8 bytes: a non-ASCII scalar ends the scheme (nil) at its first byte, and ASCII letters
        // are exactly the ASCII scalars that are alphabetic (`properties.isAlphabetic` is slow).
        var scheme: [UInt8] = []
        for byte in url.utf8 {
            if byte <= 0x20 { continue }
            if byte == UInt8(ascii: ":") { return scheme.isEmpty ? nil : String(decoding: scheme, as: UTF8.self) }
            guard (byte | 0x20) &- 97 < 26 || (!scheme.isEmpty && (byte &- 48 < 10 || byte == UInt8(ascii: "+")
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "."))) else { return nil }
            scheme.append(byte)
        }
        return nil
    }

    /// `javascript`, `vbscript` or `data` when the address may not be used here.
    static func dangerousScheme(_ url: String, isImage: Bool) -> String? {
        guard let scheme = scheme(of: url)?.lowercased() else { return nil }
        switch scheme {
        case "javascript", "vbscript": return scheme
        case "data":
            guard isImage else { return scheme }
            let lower = url.lowercased().filter { !$0.isWhitespace }
            let safe = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]
            return safe.contains { lower.hasPrefix($0) } ? nil : scheme
        default: return nil
        }
    }

    static func percentDecoded(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.first {
            utf8 = utf8.dropFirst()
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
               let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Long addresses cut in the middle, so a message stays readable.
    static func shortened(_ url: String) -> String {
        url.count <= 90 ? url : String(url.prefix(60)) + "…" + String(url.suffix(25))
    }
}
