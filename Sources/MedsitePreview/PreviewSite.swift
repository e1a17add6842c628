import MedsiteCore

/// The site as `medsite serve` shows it: the result of a full check (drafts and pages with errors
/// rendered too), kept per file so that one edited article can be re-parsed, re-validated and
/// re-rendered alone while everything else is reused.
///
/// The full build is `SiteBuilder.preview`, a check that also renders pages with errors, so the
/// preview reports exactly what `medsite build` would. The fast path (`update(article:)`) is taken
/// only when the edit cannot affect any other page or diagnostic: the article parsed before and
/// after, and what other pages see of it (`SiteFacts`: its front matter, slug and headings, as the
/// build cache compares them) is unchanged. Anything else asks for a full build. Both paths take
/// the article through the same `ArticlePipeline`.
public struct PreviewSite: Sendable {
    /// A page as the preview serves it.
    public struct Page: Sendable {
        public let html: String
        /// `Content/x.md` for article pages; nil for the home page and other generated pages.
        public let source: String?
        public let isDraft: Bool
    }

    struct ArticleEntry: Sendable {
        let source: SourceFile
        /// What other pages see of it (`SiteFacts`, as the build cache and the incremental build
        /// compare it); nil when the file did not parse (no front matter, broken YAML, not UTF-8).
        var facts: SiteFacts.Digest?
    }

    public private(set) var options: BuildOptions
    /// Output path (`slug/index.html`) → page.
    public private(set) var pages: [String: Page] = [:]
    /// Output path → the article that would be there but could not be rendered (`Content/x.md`).
    public private(set) var unrenderable: [String: String] = [:]
    /// Output path (`assets/style.css`) → theme asset bytes.
    public private(set) var themeAssets: [String: [UInt8]] = [:]
    /// Output path → Content/ file on disk, read when requested.
    public private(set) var contentAssets: [String: String] = [:]
    /// Every diagnostic, by file.
    public private(set) var diagnosticsByFile: [String: [Diagnostic]] = [:]
    /// Files whose diagnostics concern the whole site: medsite.yml, templates, articles that did not
    /// parse, other Content/ files. Everything else in `diagnosticsByFile` is an article with a page.
    public private(set) var siteWideFiles: Set<String> = []
    /// `Content/x.md` → the address (`Article.address`) it had when it last parsed, so a page whose
    /// front matter breaks keeps its address (and shows its problems there).
    public private(set) var knownSlugs: [String: String] = [:]

    var pipeline: ArticlePipeline?
    var theme: Theme?
    var renderer: PageRenderer?
    var context: ValidationContext?
    var articles: [String: ArticleEntry] = [:]
    var slugCounts: [String: Int] = [:]
    var insertedByPage: [String: [String]] = [:]

    public var allDiagnostics: [Diagnostic] { Diagnostic.sorted(diagnosticsByFile.values.flatMap { $0 }) }
    public var articleCount: Int { articles.count }
    /// Content/ `.md` files, by path relative to the site (`Content/x.md`).
    public func isArticle(_ relativePath: String) -> Bool { articles[relativePath] != nil }
    public func isContentAsset(_ relativePath: String) -> Bool {
        relativePath.hasPrefix(ContentScanner.folderName + "/")
            && contentAssets[String(relativePath.dropFirst(ContentScanner.folderName.count + 1))] != nil
    }
    /// Names medsite never reads (hidden files, editor backups), as ContentScanner skips them.
    public static func isIgnoredName(_ name: String) -> Bool { ContentScanner.isIgnored(name) }
    public var errorCount: Int { diagnosticsByFile.values.reduce(0) { $0 + $1.filter { $0.severity == .error }.count } }
    public var warningCount: Int { diagnosticsByFile.values.reduce(0) { $0 + $1.filter { $0.severity == .warning }.count } }

    /// A full check of the site, drafts included as `options` says, every page rendered that can be.
    public static func build(_ options: BuildOptions, previous: PreviewSite? = nil) -> PreviewSite {
        var site = PreviewSite(options: options)
        site.knownSlugs = previous?.knownSlugs ?? [:]
        let loaded = SiteBuilder.preview(options)
        let report = loaded.report, parsed = loaded.articles

        // Settings and theme are loaded again (milliseconds) so the fast path can reuse them.
        if let text = FileSystem.readText(FileSystem.join(options.siteDirectory, SiteSettings.fileName)),
           let settings = SiteSettings.parse(text).0 {
            site.pipeline = ArticlePipeline(settings: settings, options: options).forPreview()
        }
        site.theme = Theme.load(siteDirectory: options.siteDirectory).0
        let inventory = site.pipeline == nil ? ContentInventory() : ContentScanner.scan(siteDirectory: options.siteDirectory)
        if let pipeline = site.pipeline, let theme = site.theme {
            site.renderer = PageRenderer(theme: theme, settings: pipeline.settings, articles: parsed, today: options.today,
                                         imageSizes: ImageSize.table(for: inventory.assets), snippets: pipeline.snippets)
            site.context = pipeline.context(for: parsed)
        }
        if let theme = site.theme {
            for asset in theme.assets { site.themeAssets["assets/" + asset.path.replacingPrefix("assets/")] = asset.bytes }
        }

        for file in inventory.articles { site.articles[file.relativePath] = ArticleEntry(source: file, facts: nil) }
        for asset in inventory.assets { site.contentAssets[asset.contentPath] = asset.absolutePath }
        // Relative file links are checked against Content/'s files, as in a build.
        site.context?.contentFiles = Set(inventory.assets.map(\.contentPath))
        // An article whose front matter does not parse renders with empty fields: show its problems instead.
        let unparsable = Set(report.diagnostics.filter { breaksFrontMatter($0.rule) }.map(\.file))
        var draftsByPath: [String: Bool] = [:]
        for article in parsed where !unparsable.contains(article.source.relativePath) {
            site.articles[article.source.relativePath]?.facts = SiteFacts.digest(article)
            site.knownSlugs[article.source.relativePath] = article.address
            site.slugCounts[article.address, default: 0] += 1
            draftsByPath[article.outputPath] = article.frontMatter.draft
        }
        let sourcesByPath = Dictionary(parsed.map { ($0.outputPath, $0.source.relativePath) }, uniquingKeysWith: { a, _ in a })
        for page in report.pages where !(sourcesByPath[page.path].map(unparsable.contains) ?? false) {
            site.pages[page.path] = Page(html: page.html, source: sourcesByPath[page.path], isDraft: draftsByPath[page.path] ?? false)
            site.insertedByPage[page.path] = page.inserted
        }
        for (path, entry) in site.articles where entry.facts == nil {
            let language = site.pipeline.map { ContentLanguage.of(entry.source.contentPath, settings: $0.settings) }
            let slug = site.knownSlugs[path] ?? (language.map { ($0.code.map { $0 + "/" } ?? "") + $0.stem } ?? entry.source.stem)
            let output = slug + "/index.html"
            if site.pages[output] == nil { site.unrenderable[output] = path }
        }
        for diagnostic in report.diagnostics { site.diagnosticsByFile[diagnostic.file, default: []].append(diagnostic) }
        site.siteWideFiles = Set(site.diagnosticsByFile.keys.filter { site.articles[$0]?.facts == nil })
        return site
    }

    static func breaksFrontMatter(_ rule: RuleID) -> Bool {
        rule == .frontmatterSyntax || rule == .frontmatterMissing || rule == .invalidEncoding
    }

    public enum UpdateResult: Sendable, Equatable {
        /// Only these pages changed.
        case updated(pages: [String])
        /// The change reaches other pages or site-wide checks: build the site again.
        case needsFullBuild(reason: String)
    }

    /// Re-reads one article (`Content/x.md`) that existed before and still exists.
    public mutating func update(article relativePath: String) -> UpdateResult {
        guard let entry = articles[relativePath], let oldFacts = entry.facts else {
            return .needsFullBuild(reason: "the article did not parse before")
        }
        guard let pipeline, let theme, let renderer, let context else {
            return .needsFullBuild(reason: "the settings or the theme have errors")
        }
        // The same steps as a build's, through the same pipeline (input limits included).
        let (parsedArticle, parseDiagnostics) = pipeline.load(entry.source)
        guard let article = parsedArticle, !parseDiagnostics.contains(where: { Self.breaksFrontMatter($0.rule) }) else {
            return .needsFullBuild(reason: "the article no longer parses")
        }
        guard SiteFacts.digest(article) == oldFacts else { return .needsFullBuild(reason: "the change reaches other pages") }
        guard slugCounts[article.address] == 1 else { return .needsFullBuild(reason: "the slug is shared") }

        let (diagnostics, _) = pipeline.validate(article, parseDiagnostics: parseDiagnostics, context: context)
        diagnosticsByFile[relativePath] = diagnostics.isEmpty ? nil : diagnostics

        var changed: [String] = []
        if let page = pipeline.render(article, with: renderer) {
            pages[page.path] = Page(html: page.html, source: relativePath, isDraft: article.frontMatter.draft)
            let insertedBefore = insertedByPage.updateValue(page.inserted, forKey: page.path)
            changed.append(page.path)
            if insertedBefore != page.inserted { refreshInsertedBlockWarnings(theme: theme) }
        }
        return .updated(pages: changed)
    }

    /// The one site-wide warning that depends on every page: which safety blocks medsite inserted.
    mutating func refreshInsertedBlockWarnings(theme: Theme) {
        let pages = insertedByPage.map { RenderedPage(path: $0.key, html: "", inserted: $0.value) }
        let fresh = SiteChecks.insertedSafetyBlocks(pages, theme: theme)
        let file = theme.origins["article"] ?? "Templates/article.mustache"
        var kept = (diagnosticsByFile[file] ?? []).filter { $0.rule != .templateMissingSafetyBlock }
        kept += fresh
        diagnosticsByFile[file] = kept.isEmpty ? nil : Diagnostic.sorted(kept)
        if !kept.isEmpty { siteWideFiles.insert(file) }
    }
}
