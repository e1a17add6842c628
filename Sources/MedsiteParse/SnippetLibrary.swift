import MedsiteBase

/// The site's snippets: standard text (when to call 999, pregnancy cautions, how to use an inhaler)
/// written once in `Snippets/<name>.md`, each with its own front matter (`title`, `last_reviewed`,
/// `reviewed_by`, optionally `next_review`, `sources`, `waive`), and included in articles with a
/// line `> [!SNIPPET] <name>`.
///
/// Loaded and parsed once per run, with the same steps as an article (UTF-8, front matter, cmark,
/// care cards); validated once (`ArticlePipeline.validateSnippets`); recorded in the review ledger
/// under its own path. A page's next review is the earliest of its own and its snippets'.
public struct SnippetLibrary: Sendable {
    public static let folderName = "Snippets"
    public static let empty = SnippetLibrary()

    public struct Snippet: Sendable {
        public let name: String
        /// The snippet parsed as an article of kind `.snippet` (its file is `Snippets/<name>.md`).
        public let article: Article
        /// What parsing it found (its front matter, care cards, headings), validated with it.
        public let parseDiagnostics: [Diagnostic]
        /// What a page including it shows of it.
        public var summary: IncludedSnippet {
            IncludedSnippet(name: name, file: article.source.relativePath, title: article.title,
                            reviewers: article.frontMatter.reviewers, lastReviewed: article.frontMatter.lastReviewed,
                            nextReview: article.nextReview, careCards: Set(article.document.careCards.map(\.kind)))
        }
    }

    /// Snippets that parsed, by name.
    public private(set) var snippets: [String: Snippet] = [:]
    /// The names of every snippet file with a usable name, parsed or not: a page including a snippet
    /// whose front matter is broken gets no second error (`snippet-unknown`) for it.
    public private(set) var names: Set<String> = []

    public init() {}

    public subscript(name: String) -> Snippet? { snippets[name] }
    public var isEmpty: Bool { names.isEmpty }
    /// The parsed snippets, by name.
    public var ordered: [Snippet] { snippets.values.sorted { $0.name < $1.name } }

    /// `call-999`: lowercase ASCII letters and digits joined by single hyphens, as written after
    /// `[!SNIPPET]`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && PageAddress.asciiSegment(name) == name
    }

    /// Reads `Snippets/` (no folder: no snippets). Every problem is reported with its file and line:
    /// those of the folder and of files that did not parse here, those of parsed snippets with them.
    public static func load(siteDirectory: String, settings: SiteSettings) -> (SnippetLibrary, [Diagnostic]) {
        let folder = FileSystem.join(siteDirectory, folderName)
        var library = SnippetLibrary()
        guard FileSystem.exists(folder) else { return (library, []) }
        guard FileSystem.isDirectory(folder), let entries = FileSystem.listDirectoryWithKinds(folder) else {
            return (library, [Diagnostic(file: folderName, position: .start, rule: .unreadableFile,
                                         message: "\(folderName) is not a folder that can be read",
                                         fix: "make \(folderName)/ a folder holding the snippets (*.md), or remove it")])
        }
        var diagnostics: [Diagnostic] = []
        var files: [SourceFile] = []
        for (name, kind) in entries.sorted(by: { $0.name < $1.name }) where !ContentScanner.isIgnored(name) {
            let relative = folderName + "/" + name
            func refuse(_ message: String, _ fix: String) {
                diagnostics.append(Diagnostic(file: relative, position: .start, rule: .snippetInvalid, message: message, fix: fix))
            }
            guard kind == .regular else {
                refuse(kind == .directory ? "snippets are read from \(folderName)/ itself, not from folders inside it"
                                          : "this is not a regular file (a link or a device), so it is not read",
                       kind == .directory ? "move the snippets in \(relative)/ up into \(folderName)/" : "put the snippet's text in a file here")
                continue
            }
            guard name.hasSuffix(".md") else {
                refuse("\(folderName)/ holds only snippets, Markdown files ending in .md", "rename it to end in .md, or move it out of \(folderName)/")
                continue
            }
            let stem = String(name.dropLast(3))
            guard isValidName(stem) else {
                let suggestion = PageAddress.asciiSegment(stem).flatMap { $0.isEmpty ? nil : $0 } ?? "shared-advice"
                refuse("the snippet name '\(VisibleText.escaped(stem))' cannot be written after [!SNIPPET]: a name is lowercase letters and digits joined by hyphens",
                       "rename the file to \(folderName)/\(suggestion).md")
                continue
            }
            library.names.insert(stem)
            files.append(SourceFile(relativePath: relative, contentPath: name, absolutePath: FileSystem.join(folder, name)))
        }
        for file in files {
            if let refused = InputLimits.refuseOversized(file) {
                diagnostics.append(refused)
                continue
            }
            switch FileSystem.read(file.absolutePath) {
            case .failure(let error):
                diagnostics.append(Diagnostic(file: file.relativePath, position: .start, rule: .unreadableFile,
                                              message: "the file could not be read: \(error.reason)",
                                              fix: "check that it exists and that you may read it"))
            case .success(let bytes):
                let (article, problems) = ArticleParser.parseSnippet(file, bytes: bytes, settings: settings)
                if let article {
                    library.snippets[file.stem] = Snippet(name: file.stem, article: article, parseDiagnostics: problems)
                } else {
                    diagnostics += problems
                }
            }
        }
        return (library, diagnostics)
    }
}
