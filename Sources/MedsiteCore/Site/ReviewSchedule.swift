import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// The editorial schedule of a site: every article with its review dates and status, soonest first.
public struct ReviewSchedule: Sendable {
    public let today: CalendarDate
    public let dueSoonDays: Int
    public let overduePolicy: OverduePolicy
    public let entries: [ReviewEntry]
    /// The next day on which a build's outcome changes (a page becomes due soon or overdue).
    public let nextChange: ReviewChange?
    /// Problems that kept articles from being read or dated, so none is silently missing.
    public let diagnostics: [Diagnostic]

    /// `changedSinceReview`: paths of pages changed since their recorded review, listed first.
    /// `dueBecause`: why a page (by path) is due before its own next review. `snippets`: the paths
    /// of summaries that are snippets.
    public init(summaries: [ArticleSummary], today: CalendarDate, settings: SiteSettings, diagnostics: [Diagnostic] = [],
                changedSinceReview: Set<String> = [], dueBecause: [String: String] = [:], snippets: Set<String> = []) {
        self.today = today
        self.dueSoonDays = settings.dueSoonDays
        self.overduePolicy = settings.overduePolicy
        self.diagnostics = diagnostics
        let entries = summaries.map { summary in
            var entry = ReviewEntry(path: summary.path, slug: summary.slug, title: summary.title, lastReviewed: summary.lastReviewed,
                        nextReview: summary.nextReview, reviewers: summary.reviewers,
                        status: ReviewCalendar.status(nextReview: summary.nextReview, today: today,
                                                      dueSoonDays: settings.dueSoonDays),
                        draft: summary.draft, daysLeft: summary.nextReview.map { today.days(until: $0) })
            entry.changedSinceReview = changedSinceReview.contains(summary.path)
            entry.dueBecause = dueBecause[summary.path]
            entry.isSnippet = snippets.contains(summary.path)
            return entry
        }
        // Soonest first; undated pages and pages changed since their review head the list because
        // they need attention before anything else.
        func key(_ entry: ReviewEntry) -> (Int, Int, String) {
            (entry.changedSinceReview ? 0 : 1, entry.nextReview?.daysSinceEpoch ?? Int.min, entry.path)
        }
        self.entries = entries.sorted { key($0) < key($1) }
        var changes: [(date: CalendarDate, path: String, status: ReviewStatus)] = []
        for entry in self.entries where !entry.draft {
            if let change = ReviewCalendar.nextChange(nextReview: entry.nextReview, today: today, dueSoonDays: settings.dueSoonDays) {
                changes.append((change.date, entry.path, change.status))
            }
        }
        if let first = changes.map(\.date).min() {
            nextChange = ReviewChange(date: first, changes: changes.filter { $0.date == first }.map { ($0.path, $0.status) })
        } else {
            nextChange = nil
        }
    }

    /// Entries whose next review falls within `days` of today (overdue and undated ones included).
    public func within(days: Int) -> [ReviewEntry] {
        entries.filter { entry in entry.changedSinceReview || (entry.daysLeft.map { $0 <= days } ?? true) }
    }

    /// Loads and parses the site (no validation, no rendering): what `medsite review` needs, fast.
    public static func load(siteDirectory: String, today: CalendarDate) -> (ReviewSchedule?, [Diagnostic]) {
        let settingsPath = FileSystem.join(siteDirectory, SiteSettings.fileName)
        guard let text = FileSystem.readText(settingsPath) else {
            return (nil, [Diagnostic(file: SiteSettings.fileName, position: .start, rule: .invalidSettings,
                                     message: "there is no readable medsite.yml in \(siteDirectory)",
                                     fix: "run medsite in the site folder, or pass --site DIR")])
        }
        let (parsedSettings, settingsDiagnostics) = SiteSettings.parse(text)
        guard let settings = parsedSettings else { return (nil, settingsDiagnostics) }
        let inventory = ContentScanner.scan(siteDirectory: siteDirectory)
        var diagnostics = settingsDiagnostics + inventory.diagnostics
        let pipeline = ArticlePipeline(settings: settings, options: BuildOptions(siteDirectory: siteDirectory, today: today))
        diagnostics += pipeline.loadDiagnostics
        let parsed = inventory.articles.parallelMap { file -> (Article?, [Diagnostic], Bool) in
            let (article, diagnostics) = pipeline.load(file)
            guard let article, case .changedSinceReview = pipeline.reviewIntegrity(of: article)?.finding else {
                return (article.map { $0.outline() }, diagnostics, false)
            }
            return (article.outline(), diagnostics, true)
        }
        var summaries: [ArticleSummary] = []
        var changed: Set<String> = []
        var dueBecause: [String: String] = [:]
        func add(_ article: Article, changedSinceReview: Bool) {
            summaries.append(ArticlePipeline.summary(article))
            if changedSinceReview { changed.insert(article.source.relativePath) }
            if let early = article.earlyReview { dueBecause[article.source.relativePath] = early.reason }
        }
        for (article, articleDiagnostics, changedSinceReview) in parsed {
            diagnostics += articleDiagnostics.filter { $0.severity == .error }
            guard let article else { continue }
            add(article, changedSinceReview: changedSinceReview)
        }
        // Snippets have their own reviews: they are on the schedule too.
        for snippet in pipeline.snippets.ordered {
            diagnostics += snippet.parseDiagnostics.filter { $0.severity == .error }
            if case .changedSinceReview = pipeline.reviewIntegrity(of: snippet.article)?.finding {
                add(snippet.article, changedSinceReview: true)
            } else {
                add(snippet.article, changedSinceReview: false)
            }
        }
        let sorted = Diagnostic.sorted(diagnostics)
        return (ReviewSchedule(summaries: summaries, today: today, settings: settings, diagnostics: sorted,
                               changedSinceReview: changed, dueBecause: dueBecause,
                               snippets: Set(pipeline.snippets.ordered.map(\.article.source.relativePath))), sorted)
    }
}
