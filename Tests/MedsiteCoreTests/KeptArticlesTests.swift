import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse

/// Pass 1 keeps whole articles for pass 2 only within its memory budget, and hands each over once.
@Suite struct KeptArticlesTests {
    static func article(bodyBytes: Int, name: String) -> Article {
        let body = String(repeating: "a", count: max(0, bodyBytes - 1)) + "\n"
        let file = SourceFile(relativePath: "Content/\(name).md", contentPath: "\(name).md", absolutePath: "/nowhere/\(name).md")
        return Article(source: file, frontMatter: FrontMatter(slug: name, disclaimer: "general"),
                       document: MarkdownDocument(markdown: body, lineOffset: 0), body: body)
    }

    @Test func keepsArticlesUntilTheBudgetIsSpent() {
        let cost = (1000 + 1) * KeptArticles.bytesPerBodyByte
        let kept = KeptArticles(count: 5, budget: cost * 3 + cost / 2)
        for position in 0..<5 { kept.offer(Self.article(bodyBytes: 1000, name: "a\(position)"), at: position) }
        #expect((0..<5).map { kept.take($0)?.slug } == ["a0", "a1", "a2", nil, nil])
        // Handed over once: pass 2 owns it, and its tree is freed with it.
        #expect(kept.take(0) == nil)
        #expect(kept.take(7) == nil)
    }

    @Test func largeArticlesAreAlwaysReloaded() {
        let kept = KeptArticles(count: 2, budget: Int.max / 4)
        kept.offer(Self.article(bodyBytes: KeptArticles.largestKeptBody + 1, name: "large"), at: 0)
        kept.offer(Self.article(bodyBytes: 100, name: "small"), at: 1)
        #expect(kept.take(0) == nil)
        #expect(kept.take(1)?.slug == "small")
    }
}
