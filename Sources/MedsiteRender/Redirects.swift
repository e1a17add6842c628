import Foundation
import MedsiteBase
import MedsiteParse

/// The pages at old addresses (`aliases:`): on any static host a small page that sends the reader on
/// (meta refresh, a visible link, `rel=canonical`, kept out of search results), and `_redirects`, the
/// file Netlify and Cloudflare Pages read to answer with a real 301 instead.
package enum Redirects {
    package static let rulesFile = "_redirects"

    static func render(articles: some Sequence<Article>, settings: SiteSettings) -> [RenderedPage] {
        var pages: [RenderedPage] = []
        var rules: [(from: String, to: String)] = []
        let base = SitePages.basePath(settings.baseURL)
        for article in articles where !article.frontMatter.aliases.isEmpty {
            let localized = settings.localized(article.languageCode)
            for alias in article.frontMatter.aliases {
                pages.append(RenderedPage(path: PageAlias.outputPath(of: alias),
                                          html: page(for: article, at: alias, settings: localized), inserted: []))
                rules.append((base + PageAddress.href(alias), base + PageAddress.href(article.url)))
            }
        }
        guard !rules.isEmpty else { return [] }
        let text = rules.sorted { $0.from < $1.from }.map { "\($0.from) \($0.to) 301\n" }.joined()
        return pages.sorted { $0.path < $1.path }
            + [RenderedPage(path: rulesFile, html: "# Old addresses (aliases: in the articles), for Netlify and Cloudflare Pages.\n" + text, inserted: [])]
    }

    /// Relative links, so the page works from any folder and in the preview; the canonical address
    /// is the absolute one search engines keep. In the language of the page it sends readers to.
    static func page(for article: Article, at alias: String, settings: SiteSettings) -> String {
        let folders = PageAlias.outputPath(of: alias).utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 }
        let target = HTML.escape(String(repeating: "../", count: folders) + PageAddress.href(article.url))
        let canonical = HTML.escape(settings.baseURL + PageAddress.href(article.url))
        let title = HTML.escape(article.title)
        let texts = settings.texts
        let heading = HTML.escapeKeepingApostrophes(texts["moved_heading"])
        let text = HTML.escapeKeepingApostrophes(texts["moved_text"]).replacingOccurrences(of: "{link}", with: "<a href=\"\(target)\">\(title)</a>")
        let pageTitle = HTML.escapeKeepingApostrophes(texts["moved_title"]).replacingOccurrences(of: "{title}", with: title)
        return """
        <!DOCTYPE html>
        <html lang="\(HTML.escape(settings.language))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(pageTitle) · \(HTML.escape(settings.title))</title>
        <meta name="robots" content="noindex">
        <link rel="canonical" href="\(canonical)">
        <meta http-equiv="refresh" content="0; url=\(target)">
        </head>
        <body>
        <main>
        <h1>\(heading)</h1>
        <p>\(text)</p>
        </main>
        </body>
        </html>

        """
    }
}
