import MedsiteBase
import MedsiteParse

/// The pages at old addresses (`aliases:`): on any static host a small page that sends the reader on
/// (meta refresh, a visible link, `rel=canonical`, kept out of search results), and `_redirects`, the
/// file Netlify and Cloudflare Pages read to answer with a real 301 instead.
package enum Redirects {
    package static let rulesFile = "_redirects"

    static func render(articles: [Article], settings: SiteSettings) -> [RenderedPage] {
        var pages: [RenderedPage] = []
        var rules: [(from: String, to: String)] = []
        let base = SitePages.basePath(settings.baseURL)
        for article in articles {
            for alias in article.frontMatter.aliases {
                pages.append(RenderedPage(path: PageAlias.outputPath(of: alias),
                                          html: page(for: article, at: alias, settings: settings), inserted: []))
                rules.append((base + PageAddress.href(alias), base + PageAddress.href(article.url)))
            }
        }
        guard !rules.isEmpty else { return [] }
        let text = rules.sorted { $0.from < $1.from }.map { "\($0.from) \($0.to) 301\n" }.joined()
        return pages.sorted { $0.path < $1.path }
            + [RenderedPage(path: rulesFile, html: "# Old addresses (aliases: in the articles), for Netlify and Cloudflare Pages.\n" + text, inserted: [])]
    }

    /// Relative links, so the page works from any folder and in the preview; the canonical address
    /// is the absolute one search engines keep.
    static func page(for article: Article, at alias: String, settings: SiteSettings) -> String {
        let folders = PageAlias.outputPath(of: alias).utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 }
        let target = HTML.escape(String(repeating: "../", count: folders) + PageAddress.href(article.url))
        let canonical = HTML.escape(settings.baseURL + PageAddress.href(article.url))
        let title = HTML.escape(article.title)
        return """
        <!DOCTYPE html>
        <html lang="\(HTML.escape(settings.language))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) has moved · \(HTML.escape(settings.title))</title>
        <meta name="robots" content="noindex">
        <link rel="canonical" href="\(canonical)">
        <meta http-equiv="refresh" content="0; url=\(target)">
        </head>
        <body>
        <main>
        <h1>This page has moved</h1>
        <p>Its new address is <a href="\(target)">\(title)</a>. Please update any bookmark or link.</p>
        </main>
        </body>
        </html>

        """
    }
}
