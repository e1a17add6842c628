import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// One article from its file to its page: the steps every path that handles articles takes, so
/// `build` and `check` (`SiteBuilder`), the one-edit rebuild (`IncrementalBuild`), `serve`
/// (`PreviewSite`), `review` (`ReviewSchedule`) and the fuzzer (`SingleArticle`) cannot drift apart:
///
///     load: read (input limits) → decode, split → front matter → cmark      (`load`, `parse`)
///     validate: content rules → severity policy, waivers, draft downgrade   (`validate`)
///     publish or withhold: draft, `review.overdue: unpublish`               (`publication`)
///     render                                                                 (`render`)
///
/// What validation sees of the rest of the site is built here too (`context`), from whole articles
/// or from what the build cache stored of them.
public struct ArticlePipeline: Sendable {
    public let settings: SiteSettings
    public let today: CalendarDate
    public let strict: Bool
    public let includeDrafts: Bool
    /// `review-ledger.yml` as this run found it (see `ReviewIntegrity`); `.absent` checks nothing.
    public let reviewLedger: ReviewLedger.State
    /// Loading the ledger's diagnostics: reported once per run, by whoever loads the site.
    public let reviewLedgerDiagnostics: [Diagnostic]
    /// The preview: `changed-since-review` is a warning there, so editors can keep working.
    public let reviewChangesAreWarnings: Bool
    /// The site's snippets (`Snippets/`), parsed once per run; pages include them.
    public let snippets: SnippetLibrary
    /// Loading the snippets' diagnostics (their front matter, names, files): reported once per run.
    public let snippetDiagnostics: [Diagnostic]

    public init(settings: SiteSettings, today: CalendarDate, strict: Bool = false, includeDrafts: Bool = false,
                reviewLedger: ReviewLedger.State = .absent, reviewLedgerDiagnostics: [Diagnostic] = [],
                reviewChangesAreWarnings: Bool = false, snippets: SnippetLibrary = .empty, snippetDiagnostics: [Diagnostic] = []) {
        self.settings = settings
        self.today = today
        self.strict = strict
        self.includeDrafts = includeDrafts
        self.reviewLedger = reviewLedger
        self.reviewLedgerDiagnostics = reviewLedgerDiagnostics
        self.reviewChangesAreWarnings = reviewChangesAreWarnings
        self.snippets = snippets
        self.snippetDiagnostics = SeverityPolicy(settings: settings, strict: strict).apply(snippetDiagnostics)
    }

    /// Reads the site's review ledger (unless given, as read already) and snippets.
    public init(settings: SiteSettings, options: BuildOptions, reviewLedger: LoadedRecord<ReviewLedger.State>? = nil) {
        let ledger = reviewLedger ?? ReviewLedger.read(siteDirectory: options.siteDirectory)
        let (snippets, snippetDiagnostics) = SnippetLibrary.load(siteDirectory: options.siteDirectory, settings: settings)
        self.init(settings: settings, today: options.today, strict: options.strict, includeDrafts: options.includeDrafts,
                  reviewLedger: ledger.state, reviewLedgerDiagnostics: ledger.diagnostics, snippets: snippets,
                  snippetDiagnostics: snippetDiagnostics)
    }

    /// The same pipeline for `medsite serve`, where `changed-since-review` is a warning.
    public func forPreview() -> ArticlePipeline {
        ArticlePipeline(settings: settings, today: today, strict: strict, includeDrafts: includeDrafts,
                        reviewLedger: reviewLedger, reviewLedgerDiagnostics: reviewLedgerDiagnostics,
                        reviewChangesAreWarnings: true, snippets: snippets, snippetDiagnostics: snippetDiagnostics)
    }

    /// What loading the site's inputs besides articles said (the ledger, the snippets): reported once per run.
    public var loadDiagnostics: [Diagnostic] { reviewLedgerDiagnostics + snippetDiagnostics }

    public var policy: SeverityPolicy { SeverityPolicy(settings: settings, strict: strict) }

    // MARK: Load

    /// Reads and parses one article file. A file over the input limit is refused without being read.
    public func load(_ file: SourceFile) -> (Article?, [Diagnostic]) {
        if let refused = InputLimits.refuseOversized(file) { return (nil, [refused]) }
        switch FileSystem.read(file.absolutePath) {
        case .failure(let error):
            return (nil, [Diagnostic(file: file.relativePath, position: .start, rule: .unreadableFile,
                                     message: "the file could not be read: \(error.reason)",
                                     fix: "check that it exists and that you may read it")])
        case .success(let bytes):
            return parse(file, bytes: bytes)
        }
    }

    /// Parses bytes already in memory (the fuzzer holds its input; `load` has read the file).
    public func parse(_ file: SourceFile, bytes: [UInt8]) -> (Article?, [Diagnostic]) {
        ArticleParser.parse(file, bytes: bytes, settings: settings, snippets: snippets)
    }

    /// The whole article again from its outline (a build's second pass, which keeps only outlines
    /// between passes): nil when the file is no longer what was parsed.
    public func reload(_ outline: Article) -> Article? {
        ArticleParser.reparse(outline, settings: settings, snippets: snippets)
    }

    // MARK: Validate

    /// The diagnostics of a file that did not parse, with the severity policy applied.
    public func judge(_ diagnostics: [Diagnostic]) -> [Diagnostic] { policy.apply(diagnostics) }

    /// One article's rules, with the severity policy, waivers and draft downgrade applied, and its
    /// summary for reports.
    public func validate(_ article: Article, parseDiagnostics: [Diagnostic],
                         context: ValidationContext) -> ([Diagnostic], ArticleSummary) {
        let validation = validateRecordingReview(article, parseDiagnostics: parseDiagnostics, context: context)
        return (validation.diagnostics, validation.summary)
    }

    /// What validating one article gives a build: its diagnostics and summary, what a successful
    /// build records for it in the review ledger, and its long paragraphs (`SharedParagraphs`).
    struct Validation {
        var diagnostics: [Diagnostic]
        var summary: ArticleSummary
        var reviewRecord: ReviewLedger.Entry?
        var paragraphs: [ParagraphKey]
    }

    /// `validate`, and what a successful build records in the review ledger for this page.
    func validateRecordingReview(_ article: Article, parseDiagnostics: [Diagnostic],
                                 context: ValidationContext) -> Validation {
        // A translation is checked with its language's settings (disclaimers, readability).
        let context = context.localized(article.languageCode)
        let (found, measure, paragraphs) = ArticleValidator.validateMeasuringParagraphs(article, context: context)
        let integrity = reviewIntegrity(of: article)
        var diagnostics = policy.apply(
            parseDiagnostics + found + (integrity?.diagnostics ?? []), waivers: article.frontMatter.waivers,
            isDraft: article.frontMatter.draft && !includeDrafts,
            waiverPosition: article.frontMatter.position(of: .waive))
        if reviewChangesAreWarnings {
            for index in diagnostics.indices where diagnostics[index].rule == .changedSinceReview && diagnostics[index].severity == .error {
                diagnostics[index].severity = .warning
            }
        }
        // The Flesch-Kincaid grade is English's: other languages have none in reports either.
        return Validation(diagnostics: diagnostics,
                          summary: Self.summary(article, measure: measure, gradeApplies: context.settings.isEnglish),
                          reviewRecord: integrity?.record, paragraphs: paragraphs)
    }

    /// A page's paragraphs that other pages share (`SharedParagraphs.diagnostics`), under the same
    /// policy as its other diagnostics (`existing`, whose waiver notes are not repeated).
    func judgeShared(_ diagnostics: [Diagnostic], of frontMatter: FrontMatter, existing: [Diagnostic]) -> [Diagnostic] {
        guard !diagnostics.isEmpty else { return [] }
        return policy.apply(diagnostics, waivers: frontMatter.waivers, isDraft: frontMatter.draft && !includeDrafts,
                            waiverPosition: frontMatter.position(of: .waive))
            .filter { judged in judged.severity != .note || !existing.contains(judged) }
    }

    /// Every snippet, validated once against the site (its rules, the severity policy and its own
    /// waivers, its review against the ledger), and what a successful build records for each.
    func validateSnippets(context: ValidationContext) -> (diagnostics: [Diagnostic], records: [ReviewLedger.Entry]) {
        var diagnostics: [Diagnostic] = []
        var records: [ReviewLedger.Entry] = []
        for snippet in snippets.ordered {
            let validation = validateRecordingReview(snippet.article, parseDiagnostics: snippet.parseDiagnostics, context: context)
            diagnostics += validation.diagnostics
            if let record = validation.reviewRecord { records.append(record) }
        }
        return (diagnostics, records)
    }

    /// The page against the review ledger (needs the whole article: its body is fingerprinted).
    public func reviewIntegrity(of article: Article) -> ReviewIntegrity? {
        ReviewIntegrity.assess(article, ledger: reviewLedger)
    }

    static func summary(_ article: Article, measure readability: ReadabilityMeasure? = nil, gradeApplies: Bool = true) -> ArticleSummary {
        ArticleSummary(path: article.source.relativePath, slug: article.slug, title: article.title,
                       lastReviewed: article.frontMatter.lastReviewed, nextReview: article.nextReview,
                       reviewers: article.frontMatter.reviewers.map { [$0.name, $0.credentials].compactMap { $0 }.joined(separator: ", ") },
                       draft: article.frontMatter.draft, wordCount: readability?.words ?? 0,
                       readabilityGrade: gradeApplies ? readability?.grade : nil)
    }

    // MARK: Publish or withhold

    /// Whether an article's page goes out.
    public enum Publication: Sendable, Equatable {
        case published
        /// A draft, and drafts are not included.
        case draft
        /// Overdue for review under `review.overdue: unpublish` (and not waived).
        case withheld

        /// Why a link to this page is broken, for link checks; nil when it is published.
        var unpublishedReason: String? {
            switch self {
            case .published: nil
            case .draft: "it is a draft"
            case .withheld: "its review is overdue and review.overdue is unpublish"
            }
        }
    }

    public func publication(of article: Article) -> Publication {
        if article.frontMatter.draft, !includeDrafts { return .draft }
        if ReviewCalendar.isWithheld(article, settings: settings, today: today) { return .withheld }
        return .published
    }

    // MARK: The site as validation sees it

    /// What link checks (and a translation's checks) know of one article of the site.
    public struct SiteEntry: Sendable {
        /// `Article.address`: the slug, `es/slug` for a translation.
        let slug: String
        let contentPath: String
        let anchors: [String]
        let unpublished: String?
        /// For a page in the site's language, what its translations compare their review with.
        var lastReviewed: CalendarDate? = nil
        var isTranslation = false

        init(slug: String, contentPath: String, anchors: [String], unpublished: String?, lastReviewed: CalendarDate? = nil,
             isTranslation: Bool = false) {
            self.slug = slug
            self.contentPath = contentPath
            self.anchors = anchors
            self.unpublished = unpublished
            self.lastReviewed = lastReviewed
            self.isTranslation = isTranslation
        }
    }

    func siteEntry(_ article: Article) -> SiteEntry {
        SiteEntry(slug: article.address, contentPath: article.source.contentPath, anchors: article.document.headings.map(\.id),
                  unpublished: publication(of: article).unpublishedReason, lastReviewed: article.frontMatter.lastReviewed,
                  isTranslation: article.languageCode != nil)
    }

    /// The one place a `ValidationContext` is made. When two articles share a slug or a path, the
    /// first one's anchors and slug count (duplicate slugs are reported on their own).
    func context(_ entries: [SiteEntry], assets: [SourceFile]? = nil) -> ValidationContext {
        var anchors: [String: [String]] = [:]
        var slugs: [String: String] = [:]
        var unpublished: [String: String] = [:]
        anchors.reserveCapacity(entries.count)
        slugs.reserveCapacity(entries.count)
        for entry in entries {
            if anchors[entry.slug] == nil { anchors[entry.slug] = entry.anchors }
            if slugs[entry.contentPath] == nil { slugs[entry.contentPath] = entry.slug }
            if let reason = entry.unpublished { unpublished[entry.slug] = reason }
        }
        var context = ValidationContext(settings: settings, today: today, anchorsBySlug: anchors,
                                        slugsByContentPath: slugs, unpublished: unpublished)
        context.contentFiles = assets.map { Set($0.map(\.contentPath)) }
        if !settings.languages.isEmpty {
            for entry in entries where !entry.isTranslation {
                context.translationSources[entry.contentPath] = .init(path: ContentScanner.folderName + "/" + entry.contentPath,
                                                                      lastReviewed: entry.lastReviewed)
            }
        }
        return context
    }

    /// The context for a site whose articles are all parsed; `assets` are Content/'s other files.
    public func context(for articles: [Article], assets: [SourceFile]? = nil) -> ValidationContext {
        context(articles.map(siteEntry), assets: assets)
    }

    // MARK: Render

    /// What search knows of a published article (from the whole article: its text is indexed).
    package func searchEntry(_ article: Article) -> SearchEntry { SearchEntry(article: article) }

    /// The article's page, or nil when it is not published.
    public func render(_ article: Article, with renderer: PageRenderer) -> RenderedPage? {
        publication(of: article) == .published ? renderer.renderArticle(article) : nil
    }
}
