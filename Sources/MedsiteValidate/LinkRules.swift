import MedsiteBase
import MedsiteParse

/// Links in the body and in `sources`: secure, free of tracking, safe, and (inside the site) resolving.
enum LinkRules: ArticleRule {
    static func check(_ article: Article, context: ValidationContext, sink: inout DiagnosticSink) {
        let ownAnchors = Set(article.document.headings.map(\.id))
        let directory = article.source.contentPath.split(separator: "/").dropLast().joined(separator: "/")
        article.document.walk { node, entering in
            guard entering, node.kind == .link || node.kind == .image, let url = node.url else { return }
            let position = node.position
            let isImage = node.kind == .image
            if let scheme = LinkAddress.dangerousScheme(url, isImage: isImage) {
                sink.report(.unsafeURL, at: position, "\(isImage ? "image" : "link") address uses '\(scheme):', which cmark's safe mode removes",
                            fix: "link to an https:// page instead")
                return
            }
            checkWebAddress(url, at: position, what: isImage ? "image" : "link", sink: &sink)
            if !isImage, node.plainText.trimmingWhitespace.isEmpty {
                sink.report(.emptyLinkText, at: position, "the link to '\(LinkAddress.shortened(url))' has no text, so readers cannot see or hear where it goes",
                            fix: "write what the link leads to between the square brackets: [the name of the page or file](\(LinkAddress.shortened(url)))")
            }
            if let files = context.contentFiles, let file = SiteLinks.contentFile(url, from: directory) {
                if !files.contains(file.contentPath) {
                    let near = Suggestion.closest(to: file.contentPath, among: files.sorted())
                    sink.report(.brokenLink, at: position,
                                "'\(LinkAddress.shortened(url))' names \(ContentScanner.folderName)/\(file.contentPath), which does not exist"
                                    + (near.map { ": did you mean '\(relative($0, from: directory))'?" } ?? ""),
                                fix: "put the file in \(ContentScanner.folderName)/ (paths are relative to this article's folder), or correct its name")
                }
                return
            }
            if !isImage {
                checkInternal(url, at: position, directory: directory, pageSlug: article.slug, ownAnchors: ownAnchors, context: context, sink: &sink)
            }
        }
        for (index, source) in article.frontMatter.sources.enumerated() where !source.url.isEmpty {
            if let scheme = LinkAddress.dangerousScheme(source.url, isImage: false) {
                sink.report(.unsafeURL, at: source.urlPosition, "sources[\(index + 1)].url uses '\(scheme):'",
                            fix: "give the https:// address where readers can check the source")
                continue
            }
            checkWebAddress(source.url, at: source.urlPosition, what: "sources[\(index + 1)].url", sink: &sink)
        }
    }

    static func checkWebAddress(_ url: String, at position: SourcePosition, what: String, sink: inout DiagnosticSink) {
        guard let address = LinkAddress(url) else { return }
        if address.scheme == "http" {
            sink.report(.insecureLink, at: position, "\(what) '\(LinkAddress.shortened(url))' uses http://",
                        fix: "use https://\(url.dropFirst(7))")
        }
        if LinkAddress.shorteners.contains(address.host) {
            sink.report(.trackingLink, at: position, "\(what) goes through the link shortener \(address.host), which hides its destination",
                        fix: "replace it with the full address it leads to")
        }
        let tracking = address.trackingParameters
        if !tracking.isEmpty {
            sink.report(.trackingLink, at: position,
                        "\(what) carries tracking or affiliate parameters: \(tracking.joined(separator: ", "))",
                        fix: "remove them: \(LinkAddress.shortened(address.withoutParameters(tracking)))")
        }
    }

    static func checkInternal(_ url: String, at position: SourcePosition, directory: String, pageSlug: String, ownAnchors: Set<String>,
                              context: ValidationContext, sink: inout DiagnosticSink) {
        guard let target = SiteLinkTarget(url, directory: directory, pageSlug: pageSlug,
                                          slugsByContentPath: context.slugsByContentPath,
                                          isSlug: { context.anchorsBySlug[$0] != nil }) else { return }
        switch target {
        case .anchor(let fragment):
            guard !fragment.isEmpty, !ownAnchors.contains(fragment), !MarkdownDocument.reservedIDs.contains(fragment) else { return }
            sink.report(.brokenLink, at: position, "'#\(fragment)' is not a heading of this page" + suggestion(fragment, among: ownAnchors),
                        fix: "use the anchor of an existing heading (its text in lowercase with hyphens), or remove the link")
        case .missingFile(let path):
            let near = Suggestion.closest(to: path, among: context.slugsByContentPath.keys)
            sink.report(.brokenLink, at: position, "'\(url)' links to \(path), which is not an article of this site"
                            + (path.hasPrefix("/") ? " (file links must be relative to this file)" : "")
                            + (near.map { ": did you mean '\(relative($0, from: directory))'?" } ?? ""),
                        fix: "correct the file name (paths are relative to this file's folder), or remove the link")
        case .missingPage(let slug):
            let near = Suggestion.closest(to: slug, among: context.anchorsBySlug.keys)
            sink.report(.brokenLink, at: position, "'\(url)' links to /\(slug)/, which is not a page of this site"
                            + (near.map { ": did you mean /\($0)/?" } ?? ""),
                        fix: "link to the article's file (other.md) so medsite finds its address, or remove the link")
        case .page(let slug, let fragment):
            if let reason = context.unpublished[slug] {
                sink.report(.brokenLink, at: position, "'\(url)' links to /\(slug)/, which is not published (\(reason))",
                            fix: "remove the link until that page is published", severity: .warning)
            }
            guard let fragment, !fragment.isEmpty, let anchors = context.anchorsBySlug[slug],
                  !anchors.contains(fragment), !MarkdownDocument.reservedIDs.contains(fragment) else { return }
            sink.report(.brokenLink, at: position, "'#\(fragment)' is not a heading of /\(slug)/" + suggestion(fragment, among: anchors),
                        fix: "use the anchor of an existing heading of that page, or link to the page without '#…'")
        }
    }

    static func suggestion(_ fragment: String, among anchors: some Sequence<String>) -> String {
        Suggestion.closest(to: fragment, among: anchors.sorted()).map { ": did you mean '#\($0)'?" } ?? ""
    }

    /// `diabetes/diet.md` as written from a file in `directory`.
    static func relative(_ contentPath: String, from directory: String) -> String {
        guard !directory.isEmpty else { return contentPath }
        let prefix = directory + "/"
        if contentPath.hasPrefix(prefix) { return String(contentPath.dropFirst(prefix.count)) }
        let depth = directory.split(separator: "/").count
        return String(repeating: "../", count: depth) + contentPath
    }
}

/// Where a link inside the site leads: the page itself, another article, or nowhere.
enum SiteLinkTarget: Equatable {
    case anchor(String)
    case page(slug: String, fragment: String?)
    case missingFile(String)
    case missingPage(String)

    /// nil for links that leave the site, go to the home page, or point at files medsite does not check.
    init?(_ url: String, directory: String, pageSlug: String, slugsByContentPath: [String: String],
          isSlug: (String) -> Bool) {
        if url.hasPrefix("#") {
            self = .anchor(LinkAddress.percentDecoded(String(url.dropFirst())))
            return
        }
        guard LinkAddress.scheme(of: url) == nil, !url.hasPrefix("//") else { return nil }
        let withoutFragment = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let fragment = withoutFragment.count > 1 ? LinkAddress.percentDecoded(String(withoutFragment[1])) : nil
        // The path is compared as written, as the renderer does when it rewrites `other.md` links.
        let path = String(withoutFragment[0].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
        if path.isEmpty {
            self = .anchor(fragment ?? "")
            return
        }
        if path.hasSuffix(".md") {
            // Only relative file links are turned into page addresses when pages are rendered.
            guard !path.hasPrefix("/"), let resolved = SiteLinks.normalize(path, from: directory) else {
                self = .missingFile(path)
                return
            }
            if let slug = slugsByContentPath[resolved] {
                self = .page(slug: slug, fragment: fragment)
            } else {
                self = .missingFile(resolved)
            }
            return
        }
        // A page address, relative to this page's own address (`slug/`) or to the site root.
        let base = path.hasPrefix("/") ? "" : pageSlug
        guard var components = SiteLinks.normalize(path, from: base)?.split(separator: "/").map(String.init) else { return nil }
        if components.last == "index.html" { components.removeLast() }
        guard let first = components.first else { return nil } // the home page
        let looksLikePage = path.hasSuffix("/") || !(components.last ?? "").contains(".")
        if components.count == 1, isSlug(first) {
            self = .page(slug: first, fragment: fragment)
        } else if looksLikePage, !FrontMatter.reservedSlugs.contains(first) {
            self = .missingPage(components.joined(separator: "/"))
        } else {
            return nil
        }
    }
}

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
