import MedsiteBase
import MedsiteParse

/// Where a link inside the site leads: the page itself, another article, or nowhere.
enum SiteLinkTarget: Equatable {
    case anchor(String)
    case page(slug: String, fragment: String?)
    case missingFile(String)
    case missingPage(String)

    /// nil for links that leave the site, go to the home page, or point at files medsite does not check.
    /// `pageSlug`: the page's address (`slug`, `es/slug`); `isSlug` tells addresses of articles;
    /// `isLanguageFolder` the folders of translation languages (`es`), whose pages are medsite's own.
    init?(_ url: String, directory: String, pageSlug: String, slugsByContentPath: [String: String],
          isSlug: (String) -> Bool, isLanguageFolder: (String) -> Bool = { _ in false }) {
        if url.hasPrefix("#") {
            self = .anchor(LinkAddress.percentDecoded(String(url.dropFirst())))
            return
        }
        guard LinkAddress.scheme(of: url) == nil, !url.hasPrefix("//") else { return nil }
        switch SiteLinks.articleLink(url, from: directory, slugs: slugsByContentPath) {
        case .page(let slug, let fragment):
            self = .page(slug: slug, fragment: fragment.map(LinkAddress.percentDecoded))
            return
        case .missing(let path):
            self = .missingFile(path)
            return
        case nil:
            break
        }
        let withoutFragment = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let fragment = withoutFragment.count > 1 ? LinkAddress.percentDecoded(String(withoutFragment[1])) : nil
        let path = String(withoutFragment[0].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
        if path.isEmpty {
            self = .anchor(fragment ?? "")
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
        } else if isLanguageFolder(first) {
            // A translation's page (`es/slug`); the language's home and its own pages are medsite's.
            guard components.count == 2, looksLikePage, !FrontMatter.reservedSlugs.contains(components[1]) else { return nil }
            let address = components.joined(separator: "/")
            self = isSlug(address) ? .page(slug: address, fragment: fragment) : .missingPage(address)
        } else if looksLikePage, !FrontMatter.reservedSlugs.contains(first) {
            self = .missingPage(components.joined(separator: "/"))
        } else {
            return nil
        }
    }
}
