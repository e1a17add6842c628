import MedsiteBase
import MedsiteParse
import MedsiteValidate

/// Every address of another site the articles use (sources and body links and images), gathered
/// through `ArticlePipeline`, for `medsite check --external`. The network check itself lives in
/// MedsiteLinkCheck; this is the part that reads the site.
public struct ExternalLinkInventory: Sendable {
    /// One article and the addresses it uses, with what the severity policy needs (waivers, draft).
    public struct Page: Sendable {
        /// `Content/a.md`, relative to the site folder.
        public let path: String
        public let isDraft: Bool
        public let waivers: [RuleID: String]
        public let waiverPosition: SourcePosition
        public let references: [ExternalReference]
    }

    /// Pages that use at least one address, by path.
    public let pages: [Page]
    public let policy: SeverityPolicy

    public init(pages: [Page], policy: SeverityPolicy) {
        self.pages = pages.sorted { $0.path < $1.path }
        self.policy = policy
    }

    /// The distinct addresses to ask for (without `#fragment`), sorted.
    public var requestAddresses: [String] {
        Set(pages.flatMap { $0.references.map(\.requestAddress) }).sorted()
    }

    /// A page's diagnostics with medsite.yml's `rules:`, `--strict`, its waivers and the draft
    /// downgrade applied, exactly as `check` applies them to the page's other findings.
    public func judge(_ diagnostics: [Diagnostic], of page: Page) -> [Diagnostic] {
        guard !diagnostics.isEmpty else { return [] }
        return policy.apply(diagnostics, waivers: page.waivers, isDraft: page.isDraft, waiverPosition: page.waiverPosition)
    }

    /// Reads medsite.yml and every article (nothing is validated or rendered). Articles that do not
    /// parse contribute no addresses; `check` reports why. nil when the settings cannot be read.
    public static func gather(_ options: BuildOptions) -> (ExternalLinkInventory?, [Diagnostic]) {
        let settingsPath = FileSystem.join(options.siteDirectory, SiteSettings.fileName)
        guard let text = FileSystem.readText(settingsPath) else {
            return (nil, [Diagnostic(file: SiteSettings.fileName, position: .start, rule: .invalidSettings,
                                     message: "there is no readable medsite.yml in \(options.siteDirectory)",
                                     fix: "run medsite in the site folder, or pass --site DIR")])
        }
        let (parsedSettings, settingsDiagnostics) = SiteSettings.parse(text)
        guard let settings = parsedSettings else { return (nil, settingsDiagnostics) }
        let inventory = ContentScanner.scan(siteDirectory: options.siteDirectory)
        let pipeline = ArticlePipeline(settings: settings, options: options)
        let pages = inventory.articles.parallelMap(serial: options.serial) { file -> Page? in
            let (article, _) = pipeline.load(file)
            guard let article else { return nil }
            let references = ExternalReference.all(in: article)
            guard !references.isEmpty else { return nil }
            return Page(path: file.relativePath, isDraft: article.frontMatter.draft && !options.includeDrafts,
                        waivers: article.frontMatter.waivers, waiverPosition: article.frontMatter.position(of: .waive),
                        references: references)
        }
        return (ExternalLinkInventory(pages: pages.compactMap { $0 }, policy: pipeline.policy), settingsDiagnostics)
    }
}
