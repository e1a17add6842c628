import MedsiteBase
import MedsiteParse

/// Pass 1's result: every article that parsed, in inventory order, and for each content file what
/// parsing found and its article's place in that list. One copy of each article: a list of
/// (article?, diagnostics) pairs beside the list of articles held every article's inline bytes
/// twice through both passes.
struct ParsedArticles: Sendable {
    /// The articles that parsed, in inventory order.
    let articles: [Article]
    /// What parsing found, per content file (inventory position).
    let diagnostics: [[Diagnostic]]
    /// Per content file, its article's index in `articles`; -1 when it did not parse.
    private let articleIndex: [Int32]

    /// `results`: per content file, its article (nil: it did not parse) and what parsing found.
    init(_ results: [(Article?, [Diagnostic])]) {
        var articles: [Article] = []
        articles.reserveCapacity(results.count)
        var diagnostics: [[Diagnostic]] = []
        diagnostics.reserveCapacity(results.count)
        var articleIndex: [Int32] = []
        articleIndex.reserveCapacity(results.count)
        for (article, found) in results {
            diagnostics.append(found)
            if let article {
                articleIndex.append(Int32(articles.count))
                articles.append(article)
            } else {
                articleIndex.append(-1)
            }
        }
        self.articles = articles
        self.diagnostics = diagnostics
        self.articleIndex = articleIndex
    }

    /// The number of content files (parsed or not).
    var count: Int { diagnostics.count }
    var indices: Range<Int> { diagnostics.indices }

    /// The content file at inventory `position`: its article, if it parsed, and what parsing found.
    subscript(position: Int) -> (article: Article?, diagnostics: [Diagnostic]) {
        let index = Int(articleIndex[position])
        return (index < 0 ? nil : articles[index], diagnostics[position])
    }
}
