import MedsiteBase
import MedsiteParse

/// What search knows of one published article: its terms, each with a score, and what a result
/// shows (title, address, description, the text snippets are cut from). Made in a build's second
/// pass from the whole article, so the cmark tree can be freed at once; only `terms` (a few hundred
/// bytes) is kept until the site's index is written, and `document` goes straight to Output/.
package struct SearchEntry: Sendable, Equatable {
    /// "term score term score …", terms sorted: compact to keep for 100,000 articles, and stored as
    /// it is in the article's result file so a one-edit rebuild knows which terms it had.
    package let terms: String
    /// The article's result file (`search/doc/<id>.json`), JSON.
    package let document: String

    /// How much a term counts by where it is: title > other names > condition > headings > text.
    package enum Weight {
        package static let title = 100
        package static let alsoCalled = 70
        package static let condition = 50
        package static let question = 40
        package static let heading = 30
        package static let tag = 25
        package static let description = 15
        /// Per use in the text, up to `textUsesCounted` uses.
        package static let textUse = 2
        package static let textUsesCounted = 10
    }

    /// Text kept for snippets: enough for several matches, bounded so a result file stays small.
    package static let snippetTextLimit = 6000

    /// An entry with these terms and result file (tests build indexes of many pages from them).
    package init(terms: String, document: String) {
        self.terms = terms
        self.document = document
    }

    package init(article: Article) {
        let frontMatter = article.frontMatter
        // Each term's best weight among the fields, plus its uses in the text (up to a cap). The
        // fields are listed, not added by a local function: a function capturing `table` would make
        // every access to it a checked one, for each word of the text too.
        var fields: [(text: String?, weight: Int)] = [(article.title, Weight.title)]
        for name in frontMatter.alsoCalled { fields.append((name, Weight.alsoCalled)) }
        fields.append((frontMatter.condition?.name, Weight.condition))
        if let code = frontMatter.condition?.icd10 {
            fields.append((code, Weight.condition))
            // "E11.9" is found by its category "E11" too.
            fields.append((code.split(separator: ".").first.map(String.init), Weight.condition))
        }
        fields.append((frontMatter.question, Weight.question))
        for heading in article.document.headings { fields.append((heading.text, Weight.heading)) }
        for tag in frontMatter.tags { fields.append((tag, Weight.tag)) }
        fields.append((frontMatter.description, Weight.description))
        var table = SearchTermTable()
        for (text, weight) in fields {
            guard let text else { continue }
            SearchText.forEachTerm(in: text) { table.raiseWeight($0, to: weight) }
        }

        let text = Self.bodyText(article.document)
        SearchText.forEachTerm(in: text) { table.use($0) }
        terms = table.joined { weight, uses in weight + min(uses, Weight.textUsesCounted) * Weight.textUse }

        var json = JSONBytes(capacity: 1024 + min(text.utf8.count, Self.snippetTextLimit))
        json.openObject()
        json.member("t", article.title)
        json.member("u", PageAddress.href(article.url))
        json.member("d", frontMatter.description)
        json.member("c", frontMatter.condition?.name)
        if !frontMatter.alsoCalled.isEmpty { json.member("a", frontMatter.alsoCalled.joined(separator: ", ")) }
        json.member("x", Self.cut(text, limit: Self.snippetTextLimit))
        json.member("k", terms)
        json.closeObject()
        document = json.string
    }

    /// The body as a reader reads it, headings left out (they count on their own), blocks
    /// separated by spaces.
    static func bodyText(_ document: MarkdownDocument) -> String {
        var text: [UInt8] = []
        var node = document.document.firstChild
        while let block = node {
            if block.kind != .heading {
                let start = text.count
                if start > 0 { text.append(32) }
                block.appendPlainText(to: &text)
                if text.count == start + (start > 0 ? 1 : 0) { text.removeLast(text.count - start) } // an empty part adds nothing
            }
            node = block.next
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// At most `limit` UTF-8 bytes, cut at a space.
    static func cut(_ text: String, limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var bytes = 0
        var end = text.unicodeScalars.startIndex
        var lastSpace: String.Index?
        for index in text.unicodeScalars.indices {
            let scalar = text.unicodeScalars[index]
            bytes += scalar.utf8.count
            if bytes > limit { break }
            if scalar == " " { lastSpace = index }
            end = text.unicodeScalars.index(after: index)
        }
        return String(text.unicodeScalars[..<(lastSpace ?? end)]) + " …"
    }
}
