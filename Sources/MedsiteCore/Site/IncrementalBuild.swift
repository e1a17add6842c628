import Foundation
import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// A rebuild after some articles' text changed and nothing else: parses, validates and renders only
/// those articles, takes everything else from the build cache, and replaces only their pages in
/// Output/. Any other change (settings, templates, an added or removed article, a changed title,
/// condition, slug or heading, an unreadable file) returns nil and the full pipeline runs.
struct IncrementalBuild {
    /// Beyond this share of the site a full build costs about the same.
    static let maximumChangedShare = 0.05
    static let maximumChangedAlways = 32

    let cache: BuildCache
    let previous: StoredBuild
    let options: BuildOptions
    /// The build's pipeline: its review ledger is read once per build, not again here.
    let pipeline: ArticlePipeline
    var settings: SiteSettings { pipeline.settings }
    let theme: Theme
    let inventory: ContentInventory
    let write: Bool
    /// Positions in `inventory.articles` (and `previous.articles`) whose bytes changed.
    let changed: [Int]

    init?(cache: BuildCache, options: BuildOptions, pipeline: ArticlePipeline, theme: Theme,
          inventory: ContentInventory, write: Bool) {
        guard let previous = cache.previous, previous.articles.count == inventory.articles.count,
              zip(previous.articles, inventory.articles).allSatisfy({ $0.path == $1.relativePath }) else { return nil }
        let changed = inventory.articles.indices.filter {
            cache.articleDigests[$0].digest != previous.articles[$0].digest
        }
        let limit = max(Self.maximumChangedAlways, Int(Double(inventory.articles.count) * Self.maximumChangedShare))
        guard !changed.isEmpty, changed.count <= limit else { return nil }
        if write { guard cache.previousOutputIsUntouched() else { return nil } }
        PhaseClock.mark("incremental: \(changed.count) changed, Output/ checked")
        self.cache = cache
        self.previous = previous
        self.options = options
        self.pipeline = pipeline
        self.theme = theme
        self.inventory = inventory
        self.write = write
        self.changed = changed
    }

    /// For each changed article (in `changed` order), its long paragraphs other pages share, with
    /// their positions, as a full build would find them; nil when the edits change which pages share
    /// a paragraph (other pages' diagnostics then change too).
    func sharedParagraphs(_ edited: [[ParagraphKey]], index: SharedParagraphIndex) -> [[(line: Int, others: [Int])]]? {
        let changedSet = Set(changed)
        var newHashes: [Int: [UInt64]] = [:]
        var wanted = Set<UInt64>()
        for (position, article) in changed.enumerated() {
            newHashes[article] = edited[position].map(\.hash)
            wanted.formUnion(index.hashes(of: article))
            wanted.formUnion(newHashes[article]!)
        }
        let holders = index.holders(of: wanted, except: changedSet)
        func sharing(_ article: Int, before: Bool) -> [UInt64: Set<Int>] {
            func hashes(_ of: Int) -> [UInt64] { before ? Array(index.hashes(of: of)) : newHashes[of]! }
            var result: [UInt64: Set<Int>] = [:]
            for hash in hashes(article) where result[hash] == nil {
                var others = holders[hash] ?? []
                for other in changed where other != article && hashes(other).contains(hash) { others.insert(other) }
                if !others.isEmpty { result[hash] = others }
            }
            return result
        }
        var result: [[(line: Int, others: [Int])]] = []
        for (position, article) in changed.enumerated() {
            let after = sharing(article, before: false)
            guard sharing(article, before: true) == after else { return nil }
            var seen = Set<UInt64>()
            result.append(edited[position].compactMap { key in
                guard let others = after[key.hash], seen.insert(key.hash).inserted else { return nil }
                return (key.line, others.sorted())
            })
        }
        return result
    }

    /// `base`: this build's settings, theme and scan diagnostics.
    func run(base: [Diagnostic]) -> BuildReport? {
        let parsed = changed.parallelMap(serial: options.serial) { index in
            pipeline.load(inventory.articles[index])
        }
        var parsedArticles: [Int: (article: Article, parseDiagnostics: [Diagnostic])] = [:]
        for (index, (article, diagnostics)) in zip(changed, parsed) {
            guard let article else { return nil } // the full build reports it
            // What other pages see of it must be as stored (else they may change too: a full
            // build). The site's combined facts are then unchanged, without hashing every article's.
            guard SiteFacts.digest(article) == previous.articles[index].facts else { return nil }
            parsedArticles[index] = (article, diagnostics)
        }
        let articles = parsedArticles

        // Validate the edited articles against the rest of the site as the cache describes it.
        // Each stored article's language comes from its file name, as when it was parsed; a site
        // without `languages:` has no translations, so no name need be read.
        let languages = settings.languages.isEmpty ? nil : inventory.articles.map { ContentLanguage.of($0.contentPath, settings: settings) }
        let context = pipeline.context(inventory.articles.indices.map { index in
            let stored = previous.articles[index], code = languages?[index].code
            return ArticlePipeline.SiteEntry(slug: code.map { $0 + "/" + stored.slug } ?? stored.slug, contentPath: inventory.articles[index].contentPath,
                                             anchors: stored.anchors, unpublished: stored.unpublished,
                                             lastReviewed: stored.lastReviewed.flatMap(CalendarDate.init(iso:)), isTranslation: code != nil)
        }, assets: inventory.assets)
        PhaseClock.mark("incremental: parsed, site context from the cache")
        let results = changed.parallelMap(serial: options.serial) { index in
            let entry = articles[index]!
            return pipeline.validateRecordingReview(entry.article, parseDiagnostics: entry.parseDiagnostics, context: context)
        }
        var validated = results.map { ($0.diagnostics, $0.summary) }
        // Long paragraphs pages share (`duplicate-paragraph` across pages): an edit that changes
        // which pages share one changes other pages' diagnostics too, so the full build runs.
        guard var paragraphs = SharedParagraphIndex.read(besides: cache.file, for: previous),
              let shared = sharedParagraphs(results.map(\.paragraphs), index: paragraphs) else { return nil }
        for (position, index) in changed.enumerated() {
            let article = articles[index]!.article
            let found = SharedParagraphs.diagnostics(file: article.source.relativePath,
                                                     shared: shared[position].map { ($0.line, $0.others.map { inventory.articles[$0].relativePath }) })
            validated[position].0 += pipeline.judgeShared(found, of: article.frontMatter, existing: validated[position].0)
            paragraphs.replace(index, with: results[position].paragraphs.map(\.hash))
        }

        let changedPaths = Set(changed.map { inventory.articles[$0].relativePath })
        var report = BuildReport()
        var diagnostics = base
        let kept = previous.diagnostics.filter { $0.scope == .site || ($0.scope == .article && !changedPaths.contains($0.file)) }
        diagnostics += kept.map(\.diagnostic)
        diagnostics += validated.flatMap(\.0)
        let sizeDiagnostics = pipeline.judge(inventory.articles.indices.compactMap { index in
            InputLimits.largeArticle(inventory.articles[index], size: cache.articleDigests[index].size)
        })
        diagnostics += sizeDiagnostics
        var summaries = previous.articles.map(\.summary)
        for (index, (_, summary)) in zip(changed, validated) { summaries[index] = summary }
        report.articles = summaries
        report.draftsSkipped = previous.draftsSkipped
        if diagnostics.contains(where: { $0.severity == .error }) {
            report.diagnostics = Diagnostic.sorted(diagnostics)
            return report
        }

        // Render the edited articles' pages; every other page is in Output/ already.
        var conditions: [String: [(id: String, name: String, icd10: String?)]] = [:]
        for condition in previous.conditions { conditions[condition.language, default: []].append((condition.id, condition.name, condition.icd10)) }
        // The translations as the previous build linked them (titles and review dates are front
        // matter: had they changed, this would be a full build).
        let translations = SiteTranslations(settings: settings, members: zip(previous.articles, languages ?? []).map { stored, language in
            (language.translationKey, SiteTranslations.Member(code: language.code, address: language.code.map { $0 + "/" + stored.slug } ?? stored.slug,
                                                              title: stored.title, lastReviewed: stored.lastReviewed.flatMap(CalendarDate.init(iso:)),
                                                              published: stored.unpublished == nil))
        })
        let renderer = PageRenderer(theme: theme, settings: settings, slugsByContentPath: context.slugsByContentPath,
                                    conditions: conditions, translations: translations,
                                    today: options.today, imageSizes: ImageSize.table(for: inventory.assets),
                                    snippets: pipeline.snippets)
        let rendered = changed.parallelMap(serial: options.serial) { pipeline.render(articles[$0]!.article, with: renderer) }
            .compactMap { $0 }
        var fresh: [String: RenderedPage] = [:]
        for page in rendered { fresh[page.path] = page }
        // As in a full build, reports carry no page HTML (the pages are in Output/).
        report.pages = previous.pages.map { RenderedPage(path: $0.path, html: "", inserted: fresh[$0.path]?.inserted ?? $0.inserted) }
        guard fresh.keys.allSatisfy({ path in previous.pages.contains { $0.path == path } }) else { return nil }
        let safetyDiagnostics = SiteChecks.insertedSafetyBlocks(report.pages, theme: theme)
        diagnostics += safetyDiagnostics
        report.diagnostics = Diagnostic.sorted(diagnostics)
        guard write else { return report }
        PhaseClock.mark("incremental: validated, rendered")

        let output = options.resolvedOutputDirectory
        // The edited pages' terms and result files, as a full build would write them.
        guard let searchFiles = SiteSearch.update(changed: changed, articles: articles.mapValues { $0.article },
                                                  pipeline: pipeline, output: output) else { return nil }
        do {
            // The edited pages and their search files go out together, in one atomic update (a
            // new tree swapped in when more than one file changed), so no reader or kill ever sees
            // a page beside a shard from another build. The marker lists new shards too.
            let added = searchFiles.map(\.path).filter { !FileSystem.exists(FileSystem.join(output, $0)) }
            var files = rendered.map { OutputFile(path: $0.path, content: .bytes($0.bytes)) }
            files += searchFiles.map { OutputFile(path: $0.path, content: .text($0.text)) }
            if let marker = SiteSearch.marker(adding: added, output: output) { files.append(marker) }
            let (written, touched) = try OutputWriter.update(files, in: output)
            PhaseClock.mark("incremental: pages replaced")
            report.published = true
            let ledger = ReviewLedgerUpdate.write(results.compactMap(\.reviewRecord), pipeline: pipeline, siteDirectory: options.siteDirectory,
                                                  existingSite: true)
            report.diagnostics = Diagnostic.sorted(diagnostics + ledger.diagnostics)
            // After a whole new tree every file is a new link: each one's ctime moved.
            let restamped = cache.stamps(ofOutputs: Set(touched ?? previous.outputs.map(\.path)).union(written).sorted())
            var stamps: [String: FileStamp] = [:]
            for entry in restamped ?? [] { stamps[entry.path] = entry.stamp }
            var stored = previous
            stored.diagnostics = (base + sizeDiagnostics + safetyDiagnostics).map { .init($0, scope: .other) }
                + kept + ReviewLedgerUpdate.afterWriting(validated.flatMap(\.0), written: ledger.written).map { .init($0, scope: .article) }
            for (index, (_, summary)) in zip(changed, validated) {
                let article = articles[index]!.article
                stored.articles[index] = .init(summary, digest: cache.articleDigests[index].digest, facts: previous.articles[index].facts,
                                               anchors: article.document.headings.map(\.id),
                                               unpublished: previous.articles[index].unpublished)
            }
            stored.pages = report.pages.map { .init(path: $0.path, inserted: $0.inserted) }
            // Outputs are stored sorted by path: each restamped file is found by bisection, not by
            // a look-up for each of the site's files, and a new one (a search shard for a prefix no
            // page used before) goes in where it sorts.
            for (path, stamp) in stamps {
                var low = 0, high = stored.outputs.count
                while low < high {
                    let middle = (low + high) / 2
                    if stored.outputs[middle].path < path { low = middle + 1 } else { high = middle }
                }
                if low < stored.outputs.count, stored.outputs[low].path == path {
                    stored.outputs[low] = .init(path: path, stamp: stamp)
                } else {
                    stored.outputs.insert(.init(path: path, stamp: stamp), at: low)
                }
            }
            // A written file that could not be stamped: let the next build look at everything.
            if restamped != nil { cache.save(stored, outputs: stored.outputs, writtenReviewLedger: ledger.written, paragraphs: paragraphs, asDelta: true) }
            PhaseClock.mark("incremental: build cache saved")
        } catch {
            report.diagnostics.append(OutputFailure.diagnostic(error, options: options,
                                                               fix: "the previous Output/ is unchanged; fix the cause and build again"))
        }
        return report
    }
}
