import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// The pipeline: load → parse → validate → render → write.
public enum SiteBuilder {
    /// Validates the whole site and renders every page (so template problems show too); writes
    /// nothing.
    public static func check(_ options: BuildOptions) -> BuildReport {
        run(options, write: false)
    }

    /// A site loaded for `medsite serve`: a check's report whose pages keep their HTML, and every
    /// article that parsed, whole, so the preview can re-render them later.
    public struct LoadedSite: Sendable {
        public let report: BuildReport
        public let articles: [Article]
    }

    /// A check that renders every article that parsed even when the site has errors, so editors see
    /// their page with its problems. Never publishes, and never uses the build cache.
    public static func preview(_ options: BuildOptions) -> LoadedSite {
        var articles: [Article] = []
        var options = options
        options.useCache = false
        let report = run(options, write: false, keeping: { articles = $0 })
        return LoadedSite(report: report, articles: articles)
    }

    /// Validates, renders and, when there is no error at all, publishes atomically to Output/.
    /// Builds of one output folder run one at a time (BuildLock).
    public static func build(_ options: BuildOptions) -> BuildReport {
        let output = options.resolvedOutputDirectory
        func refused(_ error: OutputError) -> BuildReport {
            var report = BuildReport()
            report.diagnostics = [OutputFailure.diagnostic(error, options: options,
                                                           fix: "the previous output folder is unchanged; choose another --output or fix the cause, and build again")]
            return report
        }
        if let problem = OutputLocation.problem(output: output, site: options.siteDirectory) {
            return refused(OutputError(path: output, reason: problem))
        }
        do {
            let lock = try BuildLock(output: output, wait: options.waitForOtherBuilds, notice: options.onWaiting)
            return withExtendedLifetime(lock) { run(options, write: true) }
        } catch {
            return refused(error)
        }
    }

    /// `keeping`: the preview's hook; given, every parsed article is rendered, errors or not, pages
    /// keep their HTML, and the whole articles are handed to it.
    static func run(_ options: BuildOptions, write: Bool, keeping: (([Article]) -> Void)? = nil) -> BuildReport {
        let renderDespiteErrors = keeping != nil
        var report = BuildReport()
        // Load: settings, theme, the list of content files.
        guard let inputs = loadInputs(options, publishing: write, into: &report) else { return report }
        let pipeline = renderDespiteErrors ? inputs.pipeline.forPreview() : inputs.pipeline
        let (settings, theme, inventory) = (inputs.pipeline.settings, inputs.theme, inputs.inventory)
        // The build cache: nothing changed, or only some articles' text (see BuildCache).
        let cache = BuildCache(options: options, settingsText: inputs.settingsText, inventory: inventory, records: inputs.records,
                               loading: inputs.cacheLoad)
        PhaseClock.mark("build cache read")
        if let theme, let cache {
            if let reused = cache.reusableReport(write: write) { return reused }
            if let incremental = IncrementalBuild(cache: cache, options: options, pipeline: pipeline, theme: theme,
                                                  inventory: inventory, write: write)?.run(base: report.diagnostics) {
                return incremental
            }
        }
        let baseDiagnostics = report.diagnostics

        // Parse every article on all cores. Between this pass and the next, each article keeps only
        // its front matter and headings (what other pages and link checks need): holding every cmark
        // tree cost 39 KB per article. Whole articles are kept within a memory budget (`kept`), so
        // pass 2 reads and parses only the others again. The preview keeps whole articles, to
        // re-render them later.
        let keepTrees = renderDespiteErrors
        let kept = KeptArticles(count: keepTrees ? 0 : inventory.articles.count)
        options.progress?.stageStarted(.parsing, total: inventory.articles.count)
        FileSystem.prefetch(inventory.articles.map(\.absolutePath))
        let parsed = ParsedArticles(Array(zip(inventory.articles.indices, inventory.articles)).parallelMap(serial: options.serial) {
            position, file -> (Article?, [Diagnostic]) in
            defer { options.progress?.itemFinished() }
            let (article, diagnostics) = pipeline.load(file)
            if keepTrees { return (article, diagnostics) }
            if let article { kept.offer(article, at: position) }
            return (article?.outline(), diagnostics)
        })
        let articles = parsed.articles
        PhaseClock.mark("pass 1: parsed")

        // Site-wide checks need every article: addresses must be unique.
        var siteDiagnostics = pipeline.judge(
            SiteChecks.duplicateSlugs(articles) + SiteChecks.addressCollisions(articles, settings: settings)
                + SiteChecks.aliasConflicts(articles, assets: inventory.assets, settings: settings)
                + SiteChecks.outputConflicts(articles: articles, assets: inventory.assets, languages: settings.languages.map(\.code))
                + SiteChecks.translations(articles, inventory: inventory, settings: settings))

        let (published, held) = publishable(articles, pipeline: pipeline, addressRecord: inputs.addressRecord, report: &report)
        // Every address published before must still be: a page, a page being reviewed, or an alias.
        let produced = SiteChecks.producedAddresses(published + held)
        if let record = inputs.addressRecord.record {
            var vanished = pipeline.judge(SiteChecks.vanishedAddresses(record: record, produced: produced, articles: articles, settings: settings))
            // The preview warns, so editors can keep working on a rename.
            if renderDespiteErrors { for index in vanished.indices where vanished[index].severity == .error { vanished[index].severity = .warning } }
            siteDiagnostics += vanished
        }
        let sizeDiagnostics = pipeline.judge(InputLimits.largeArticles(inventory.articles))
        let parseFailures = parsed.indices.filter { parsed[$0].article == nil }.flatMap { pipeline.judge(parsed.diagnostics[$0]) }
        let errorsBeforeValidation = (report.diagnostics + siteDiagnostics + sizeDiagnostics + parseFailures)
            .contains { $0.severity == .error }

        // What validation looks up across the site, and the navigation pages show: each takes ~0.1 s
        // at 10,000 articles, so they are built side by side.
        let (context, renderer) = inParallel(serial: options.serial, {
            pipeline.context(for: articles, assets: inventory.assets)
        }, {
            theme.map { PageRenderer(theme: $0, settings: settings, articles: articles, published: published, held: held, today: options.today,
                                     imageSizes: ImageSize.table(for: inventory.assets), snippets: pipeline.snippets) }
        })
        // Snippets are validated once, against the same site as the articles that include them.
        let snippetResults = pipeline.validateSnippets(context: context)
        // Pages are rendered right after their article is validated and, for a build, written into the
        // staging folder at once; nothing is published unless the whole site has no error.
        let rendering = renderer != nil && (!errorsBeforeValidation || renderDespiteErrors)
        var staged: StagedSite?
        var writeFailure: OutputError?
        if write, rendering, !errorsBeforeValidation {
            do { staged = try StagedSite(output: options.resolvedOutputDirectory) } catch { writeFailure = error }
        }
        let stagedSite = staged
        PhaseClock.mark("site checks, staging folder")

        // Validate (and render) on all cores; the severity policy is applied per file.
        options.progress?.stageStarted(.validating, total: parsed.count)
        // Home, condition, tag, search and 404 pages and the feeds need front matter and headings
        // only, so they render beside the articles; they are kept only if no article has an error.
        let siteJobs = rendering ? renderer?.siteJobs ?? [] : []
        let search = SiteSearch.Collector()
        // Each article's position in the inventory is its id in the search index. Mapped by position:
        // a list of (position, article) pairs would copy every article.
        var (validated, siteJobResults) = Array(parsed.indices).parallelMap(serial: options.serial, startingWith: siteJobs, { job in
            stage(renderer?.render(job) ?? [], in: stagedSite, preview: renderDespiteErrors)
        }) { position -> ArticleOutcome in
            defer { options.progress?.itemFinished() }
            let parsedArticle = parsed[position]
            return secondPass(parsedArticle.article, parsedArticle.diagnostics, pipeline: pipeline, context: context,
                              renderer: rendering ? renderer : nil, stagedSite: stagedSite, preview: renderDespiteErrors,
                              search: search, searchID: position, kept: kept.take(position))
        }
        addSharedParagraphs(to: &validated, parsed: parsed, pipeline: pipeline)
        report.diagnostics += validated.flatMap(\.diagnostics) + siteDiagnostics + sizeDiagnostics + snippetResults.diagnostics
        PhaseClock.mark("pass 2: validated, rendered, written")
        report.articles = validated.compactMap(\.summary)
        keeping?(articles)
        let hasErrors = report.diagnostics.contains(where: { $0.severity == .error })
        guard let theme, let renderer, !hasErrors || renderDespiteErrors else {
            stagedSite?.discard()
            report.diagnostics = Diagnostic.sorted(report.diagnostics)
            return report
        }

        var pages = validated.compactMap(\.page)
        pages += siteJobResults.flatMap(\.pages)
        let safetyDiagnostics = SiteChecks.insertedSafetyBlocks(pages, theme: theme)
        report.diagnostics += safetyDiagnostics
        report.diagnostics = Diagnostic.sorted(report.diagnostics)
        report.pages = pages
        guard write, !hasErrors else { return report }

        // Write: everything or nothing.
        options.progress?.stageStarted(.writing, total: 0)
        var files = themeAssetFiles(theme)
        files += inventory.assets.map { OutputFile(path: $0.contentPath, content: .copy(fromPath: $0.absolutePath)) }
        do throws(OutputError) {
            guard let stagedSite else { throw writeFailure ?? OutputError(path: options.resolvedOutputDirectory, reason: "no staging folder") }
            if let failure = writeFailure ?? validated.lazy.compactMap(\.writeFailure).first
                ?? siteJobResults.lazy.compactMap(\.writeFailure).first
                ?? search.write(settings: settings, languages: renderer.languagePages.compactMap(\.settings.languageCode),
                                serial: options.serial, write: { stagedSite.write(OutputFile(path: $0.path, content: .text($0.text))) })
                ?? files.parallelMap({ stagedSite.write($0) }).lazy.compactMap({ $0 }).first {
                throw failure
            }
            let existingSite = FileSystem.exists(FileSystem.join(options.resolvedOutputDirectory, OutputWriter.markerName))
            try stagedSite.commit()
            PhaseClock.mark("site pages written, committed")
            report.published = true
            // After Output/ (a build killed between the two records the reviews again next time).
            let ledger = ReviewLedgerUpdate.write(validated.compactMap(\.reviewRecord) + snippetResults.records, pipeline: pipeline,
                                                  siteDirectory: options.siteDirectory, existingSite: existingSite)
            report.diagnostics += ledger.diagnostics
            let addresses = AddressRecordUpdate.write(produced: produced, state: inputs.addressRecord, settings: settings,
                                                      siteDirectory: options.siteDirectory, existingSite: existingSite)
            report.diagnostics += addresses.diagnostics
            // A build that withholds overdue pages is not cached: its report must name them every time.
            if report.withheld.isEmpty, let cache {
                store(in: cache, report: report, parsed: parsed, validated: validated, context: context, pages: pages,
                      conditions: renderer.sitePages.navigation.conditions, inventory: inventory, written: stagedSite.writtenPaths,
                      otherDiagnostics: baseDiagnostics + sizeDiagnostics + safetyDiagnostics,
                      siteDiagnostics: siteDiagnostics + ReviewLedgerUpdate.afterWriting(snippetResults.diagnostics, written: ledger.written),
                      writtenReviewLedger: ledger.written, writtenAddressRecord: addresses.written,
                      languageConditions: renderer.languagePages.map { ($0.settings.languageCode ?? "", $0.navigation.conditions) })
            }
        } catch {
            stagedSite?.discard()
            report.diagnostics.append(OutputFailure.diagnostic(error, options: options,
                                                               fix: "the previous Output/ is unchanged; fix the cause and build again"))
        }
        return report
    }

    /// Load: medsite.yml, the theme, the list of content files. nil (with the reason in `report`)
    /// when there are no usable settings.
    struct Inputs {
        let settingsText: String
        let pipeline: ArticlePipeline
        let theme: Theme?
        let inventory: ContentInventory
        let cacheLoad: BackgroundValue<BuildCache.LoadedBuild?>?
        /// `review-ledger.yml` and `published-addresses.txt` as this run found them.
        let records: SiteRecords
        var addressRecord: AddressRecord.State { records.addresses.loaded.state }
    }

    /// `publishing`: this run may publish to Output/ (a build), so the cache's check of Output/ starts early.
    static func loadInputs(_ options: BuildOptions, publishing: Bool, into report: inout BuildReport) -> Inputs? {
        let cacheLoad = BuildCache.startLoading(options, checkingOutput: publishing)
        let records = SiteRecords(siteDirectory: options.siteDirectory)
        // Parsing and compiling the templates is independent of the scan of Content/.
        let themeLoad = BackgroundValue { [siteDirectory = options.siteDirectory] in Theme.load(siteDirectory: siteDirectory) }
        PhaseClock.mark("start")
        let settingsPath = FileSystem.join(options.siteDirectory, SiteSettings.fileName)
        guard let settingsText = FileSystem.readText(settingsPath) else {
            report.diagnostics.append(Diagnostic(
                file: SiteSettings.fileName, position: .start, rule: .invalidSettings,
                message: FileSystem.exists(settingsPath) ? "medsite.yml could not be read as UTF-8 text"
                    : "there is no medsite.yml in \(options.siteDirectory)",
                fix: "run medsite in the site folder, pass --site DIR, or create one with `medsite init`"))
            return nil
        }
        let (parsedSettings, settingsDiagnostics) = SiteSettings.parse(settingsText)
        report.diagnostics += settingsDiagnostics
        let scanned = parsedSettings == nil ? nil : ContentScanner.scan(siteDirectory: options.siteDirectory)
        PhaseClock.mark("scanned Content/ (\(scanned?.articles.count ?? 0) articles)")
        let (theme, themeDiagnostics) = themeLoad.value
        report.diagnostics += themeDiagnostics
        guard let settings = parsedSettings, let inventory = scanned else { return nil }
        report.diagnostics += inventory.diagnostics
        let pipeline = ArticlePipeline(settings: settings, options: options, reviewLedger: records.ledger.loaded)
        report.diagnostics += pipeline.loadDiagnostics
        report.diagnostics += records.addresses.loaded.diagnostics
        PhaseClock.mark("review ledger and address record read")
        return Inputs(settingsText: settingsText, pipeline: pipeline, theme: theme, inventory: inventory, cacheLoad: cacheLoad,
                      records: records)
    }

    /// The articles whose pages go out, and the withheld ones whose address shows that the page is
    /// being reviewed: every page withheld for review, and every draft whose address the site
    /// published before (a page taken back to draft keeps its address). Drafts are counted and
    /// withheld pages named in `report`.
    static func publishable(_ articles: [Article], pipeline: ArticlePipeline, addressRecord: AddressRecord.State = .absent,
                            report: inout BuildReport) -> (published: [Article], held: [Article]) {
        var published: [Article] = []
        var held: [Article] = []
        published.reserveCapacity(articles.count)
        let record = addressRecord.record
        for article in articles {
            // review.overdue: unpublish keeps overdue pages out of Output/ and the home page (reported as review-overdue).
            switch pipeline.publication(of: article) {
            case .published: published.append(article)
            case .withheld:
                report.withheld.append(article.source.relativePath)
                held.append(article)
            case .draft:
                if let record, record.contains(article.url), !pipeline.settings.retiredAddresses.contains(article.url) { held.append(article) }
            }
        }
        report.draftsSkipped = articles.count - published.count - report.withheld.count
        // Usually every article is published: the list then shares `articles`' storage instead of
        // being a second copy of every article.
        return (published.count == articles.count ? articles : published, held)
    }

    /// After a published build: what the next build needs to skip work (see BuildCache).
    static func store(in cache: BuildCache, report: BuildReport, parsed: ParsedArticles, validated: [ArticleOutcome],
                      context: ValidationContext, pages: [RenderedPage], conditions: [SiteNavigation.Group],
                      inventory: ContentInventory, written: [String], otherDiagnostics: [Diagnostic], siteDiagnostics: [Diagnostic],
                      writtenReviewLedger: String? = nil, writtenAddressRecord: String? = nil,
                      languageConditions: [(code: String, conditions: [SiteNavigation.Group])] = []) {
        var stored = StoredBuild(key: cache.key)
        stored.draftsSkipped = report.draftsSkipped
        let articles = parsed.articles
        stored.articles.reserveCapacity(articles.count)
        let facts = articles.parallelMap(SiteFacts.digest)
        stored.diagnostics = otherDiagnostics.map { .init($0, scope: .other) } + siteDiagnostics.map { .init($0, scope: .site) }
        let knownDigests = Dictionary(cache.articleDigests.map { ($0.path, $0.digest) }, uniquingKeysWith: { first, _ in first })
        var factsOfNext = facts.makeIterator()  // `articles` are the parsed ones, in this order
        for (position, outcome) in zip(parsed.indices, validated) {
            guard let article = parsed[position].article else { continue }
            let articleFacts = factsOfNext.next()!
            guard let summary = outcome.summary else { continue }
            let digest = knownDigests[article.source.relativePath] ?? article.sourceDigest
            stored.diagnostics += ReviewLedgerUpdate.afterWriting(outcome.diagnostics, written: writtenReviewLedger)
                .map { .init($0, scope: .article) }
            stored.articles.append(.init(summary, digest: digest, facts: articleFacts,
                                         anchors: article.document.headings.map(\.id),
                                         unpublished: context.unpublished[article.slug]))
        }
        stored.pages = pages.map { .init(path: $0.path, inserted: $0.inserted) }
        stored.conditions = conditions.map { .init(id: $0.id, name: $0.name, icd10: $0.icd10) }
        for (code, groups) in languageConditions {
            stored.conditions += groups.map { .init(id: $0.id, name: $0.name, icd10: $0.icd10, language: code) }
        }
        // Every article parsed (no errors), so the stored articles are the whole site.
        if stored.articles.count == inventory.articles.count {
            cache.save(stored, outputs: cache.stamps(ofOutputs: written),
                       articleDigests: Dictionary(articles.map { ($0.source.relativePath, $0.sourceDigest) },
                                                  uniquingKeysWith: { first, _ in first }),
                       writtenReviewLedger: writtenReviewLedger, writtenAddressRecord: writtenAddressRecord,
                       paragraphs: SharedParagraphIndex(key: "", identity: .zero, paragraphs: validated.map(\.paragraphs)))
        }
        PhaseClock.mark("build cache saved")
    }

    /// Pass 2 for one article: reload it whole (unless pass 1 `kept` it), validate it against the
    /// site, render its page and stage it at once. `renderer` nil: nothing is rendered (the site
    /// already has an error). The preview renders pages with errors too and keeps their HTML (whole
    /// articles were kept).
    static func secondPass(_ parsedArticle: Article?, _ parseDiagnostics: [Diagnostic], pipeline: ArticlePipeline,
                           context: ValidationContext, renderer: PageRenderer?, stagedSite: StagedSite?,
                           preview: Bool, search: SiteSearch.Collector, searchID: Int, kept: Article? = nil) -> ArticleOutcome {
        guard let parsedArticle else { return ArticleOutcome(diagnostics: pipeline.judge(parseDiagnostics)) }
        guard let article = preview ? parsedArticle : kept ?? pipeline.reload(parsedArticle) else {
            return ArticleOutcome(diagnostics: [Diagnostic(
                file: parsedArticle.source.relativePath, position: .start, rule: .unreadableFile,
                message: "the file changed while medsite was building the site",
                fix: "build again once the file is saved")])
        }
        let validation = pipeline.validateRecordingReview(article, parseDiagnostics: parseDiagnostics, context: context)
        let found = validation.diagnostics
        var outcome = ArticleOutcome(diagnostics: found, summary: validation.summary)
        outcome.reviewRecord = validation.reviewRecord
        outcome.paragraphs = validation.paragraphs
        guard let renderer, !found.contains(where: { $0.severity == .error }) || preview,
              let page = pipeline.render(article, with: renderer) else { return outcome }
        if let stagedSite {
            outcome.writeFailure = stagedSite.write(OutputFile(path: page.path, content: .bytes(page.bytes)))
            // The page's search result file goes out now, and its terms go into the site's index,
            // which is written once every page is in it.
            let entry = pipeline.searchEntry(article)
            outcome.writeFailure = outcome.writeFailure
                ?? stagedSite.write(OutputFile(path: SearchIndex.documentPath(searchID, folder: article.languageCode.map { $0 + "/" } ?? ""),
                                               content: .text(entry.document)))
            search.add(id: searchID, terms: entry.terms, language: article.languageCode)
        }
        // Only the preview serves pages from memory; otherwise 100,000 pages would all be held.
        outcome.page = preview ? page : RenderedPage(path: page.path, html: "", inserted: page.inserted)
        return outcome
    }

    /// Home, condition, tag and search pages and the feeds go to the staging folder as soon as they
    /// are rendered, like the articles' pages, instead of being held through pass 2. Only the
    /// preview keeps their HTML.
    static func stage(_ pages: [RenderedPage], in stagedSite: StagedSite?, preview: Bool)
        -> (pages: [RenderedPage], writeFailure: OutputError?) {
        guard !preview else { return (pages, nil) }
        var failure: OutputError?
        if let stagedSite {
            for page in pages where failure == nil { failure = stagedSite.write(OutputFile(path: page.path, content: .bytes(page.bytes))) }
        }
        return (pages.map { RenderedPage(path: $0.path, html: "", inserted: $0.inserted) }, failure)
    }

    /// What validating (and rendering) one article produced.
    struct ArticleOutcome: Sendable {
        var diagnostics: [Diagnostic]
        var summary: ArticleSummary?
        /// Its page; without HTML once written to the staging folder.
        var page: RenderedPage?
        var writeFailure: OutputError?
        /// What the review ledger records for it once the site is published.
        var reviewRecord: ReviewLedger.Entry?
        /// Its long paragraphs, compared across pages (`SharedParagraphs`) once all are validated.
        var paragraphs: [ParagraphKey] = []
    }

    /// `duplicate-paragraph` across pages, added to each page's own diagnostics.
    static func addSharedParagraphs(to validated: inout [ArticleOutcome], parsed: ParsedArticles, pipeline: ArticlePipeline) {
        let shared = SharedParagraphs.find(validated.map(\.paragraphs))
        for (position, found) in shared {
            guard let article = parsed[position].article else { continue }
            let diagnostics = SharedParagraphs.diagnostics(
                file: article.source.relativePath,
                shared: found.map { ($0.key.line, $0.others.compactMap { parsed[$0].article?.source.relativePath }) })
            validated[position].diagnostics += pipeline.judgeShared(diagnostics, of: article.frontMatter,
                                                                   existing: validated[position].diagnostics)
        }
    }

    static func themeAssetFiles(_ theme: Theme) -> [OutputFile] {
        theme.assets.map { OutputFile(path: "assets/" + $0.path.replacingPrefix("assets/"), content: .bytes($0.bytes)) }
    }
}

extension String {
    package func replacingPrefix(_ prefix: String) -> String { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self }
}
