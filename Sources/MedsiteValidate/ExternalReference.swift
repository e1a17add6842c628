import MedsiteBase
import MedsiteParse

/// One use of another site's address in an article: a source's `url`, or an http(s) link or image in
/// the body, with where it is written. What `medsite check --external` checks over the network.
public struct ExternalReference: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case source, link, image
    }

    /// The address as written.
    public let url: String
    public let kind: Kind
    public let position: SourcePosition
    /// How messages name it: `sources[2].url`, `link`, `image`.
    public let label: String

    public init(url: String, kind: Kind, position: SourcePosition, label: String) {
        self.url = url
        self.kind = kind
        self.position = position
        self.label = label
    }

    /// The address asked for over the network: the written one without its `#fragment` (servers never
    /// see it) and surrounding spaces, so `page#a` and `page#b` are one request.
    public var requestAddress: String {
        let trimmed = url.trimmingWhitespace
        return String(trimmed.prefix { $0 != "#" })
    }

    /// Every http(s) address the article uses, in the order written: body links and images first, then
    /// sources. `mailto:`, relative links (checked by the build) and unsafe schemes are left out.
    public static func all(in article: Article) -> [ExternalReference] {
        var references: [ExternalReference] = []
        article.document.walk { node, entering in
            guard entering, node.kind == .link || node.kind == .image, let url = node.url, isWebAddress(url) else { return }
            let isImage = node.kind == .image
            references.append(ExternalReference(url: url, kind: isImage ? .image : .link, position: node.position,
                                                label: isImage ? "image" : "link"))
        }
        for (index, source) in article.frontMatter.sources.enumerated() where isWebAddress(source.url) {
            references.append(ExternalReference(url: source.url, kind: .source, position: source.urlPosition,
                                                label: "sources[\(index + 1)].url"))
        }
        return references
    }

    /// http:// or https:// with a host: what can be asked for over the network.
    static func isWebAddress(_ url: String) -> Bool {
        guard let scheme = LinkAddress.scheme(of: url)?.lowercased(), scheme == "http" || scheme == "https",
              let address = LinkAddress(url) else { return false }
        return !address.host.isEmpty
    }
}
