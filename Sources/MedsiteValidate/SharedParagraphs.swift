import MedsiteBase
import MedsiteParse

/// `duplicate-paragraph` across pages: the same long paragraph on several pages is text that could
/// be written, and reviewed, once, as a snippet. Every page that has it is told, naming the others.
public enum SharedParagraphs {
    /// Shorter paragraphs ("You can also read about gout and its treatment.") are repeated on purpose.
    public static let minimumWords = 15

    /// For each page (by position in `pages`), its paragraphs other pages also have, each once, with
    /// those pages' positions.
    public static func find(_ pages: [[ParagraphKey]]) -> [Int: [(key: ParagraphKey, others: [Int])]] {
        var first: [UInt64: Int] = [:]
        var shared: [UInt64: [Int]] = [:]
        first.reserveCapacity(pages.reduce(0) { $0 + $1.count })
        for (page, keys) in pages.enumerated() {
            for key in keys {
                guard let owner = first[key.hash] else { first[key.hash] = page; continue }
                guard owner != page else { continue }
                if shared[key.hash] == nil { shared[key.hash] = [owner] }
                if shared[key.hash]!.last != page { shared[key.hash]!.append(page) }
            }
        }
        guard !shared.isEmpty else { return [:] }
        var result: [Int: [(key: ParagraphKey, others: [Int])]] = [:]
        for (page, keys) in pages.enumerated() {
            var seen = Set<UInt64>()
            for key in keys where seen.insert(key.hash).inserted {
                guard let holders = shared[key.hash] else { continue }
                result[page, default: []].append((key, holders.filter { $0 != page }))
            }
        }
        return result
    }

    /// One page's diagnostics: each shared paragraph at its line, naming the other pages.
    public static func diagnostics(file: String, shared: [(line: Int, others: [String])]) -> [Diagnostic] {
        shared.map { line, others in
            let named = others.prefix(2).joined(separator: " and ")
                + (others.count > 2 ? " and \(others.count - 2) other page\(others.count == 3 ? "" : "s")" : "")
            return Diagnostic(file: file, position: SourcePosition(line: line), rule: .duplicateParagraph,
                              message: "this paragraph is also on \(named): text that pages share can be written, and reviewed, once, as a snippet",
                              fix: "move it into a file in \(SnippetLibrary.folderName)/ (with title, last_reviewed and reviewed_by) and put `> [!SNIPPET] name` in its place on each page; or reword one of them")
        }
    }
}
