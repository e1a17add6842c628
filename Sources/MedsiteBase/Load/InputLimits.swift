#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RuleID {
    package static let articleTooLarge: RuleID = "article-too-large"
}

extension RuleCatalogue {
    static let inputLimitRules: [Rule] = [
        Rule(.articleTooLarge, .warning, "An article file is unusually large.",
             "An article over 1 MB of Markdown makes a page that is slow to load on a phone over mobile data and is usually a mistake (a pasted image or a whole document). Files over 64 MB are not read at all, so one file cannot exhaust the build's memory; that is reported as `unreadable-file`. Fix: split the article into several pages, or move embedded data into a linked file."),
    ]
}

/// Size bounds on what medsite reads, so a build's time and memory stay bounded whatever is committed.
public enum InputLimits {
    /// Above this an article is still built, with a warning.
    public static let largeArticleBytes = 1 << 20
    /// Above this an article is not read at all.
    public static let maximumArticleBytes = 64 << 20

    static func size(of path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// An error for a file too large to read; nil when it may be read.
    package static func refuseOversized(_ file: SourceFile) -> Diagnostic? {
        guard let size = size(of: file.absolutePath), size > maximumArticleBytes else { return nil }
        return Diagnostic(file: file.relativePath, position: .start, rule: .unreadableFile,
                          message: "the file is \(megabytes(size)), over medsite's \(megabytes(maximumArticleBytes)) limit, so it is not read",
                          fix: "split it into several articles; an article is usually a few kilobytes")
    }

    /// Warnings for articles over `largeArticleBytes` (and within the hard limit).
    package static func largeArticles(_ files: [SourceFile]) -> [Diagnostic] {
        files.compactMap { file in size(of: file.absolutePath).flatMap { largeArticle(file, size: $0) } }
    }

    package static func largeArticle(_ file: SourceFile, size: Int) -> Diagnostic? {
        guard size > largeArticleBytes, size <= maximumArticleBytes else { return nil }
        return Diagnostic(file: file.relativePath, position: .start, rule: .articleTooLarge,
                          message: "the article is \(megabytes(size)) of text; pages this size load slowly on phones",
                          fix: "split it into several articles, or move embedded data into a linked file")
    }

    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + (1 << 19)) >> 20
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}
