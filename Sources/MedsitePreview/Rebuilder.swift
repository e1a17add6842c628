import Foundation
import MedsiteCore

/// Decides what a batch of file changes needs, rebuilds that, publishes the new site to the request
/// handlers and tells open pages to reload. Runs on the watcher thread, one batch at a time.
final class Rebuilder: @unchecked Sendable {
    let options: BuildOptions
    let state: PreviewState
    let hub: EventHub
    let log: @Sendable (String) -> Void

    init(options: BuildOptions, state: PreviewState, hub: EventHub, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.state = state
        self.hub = hub
        self.log = log
    }

    enum Plan: Equatable {
        case nothing
        /// Only Content/ files that are served from disk changed: reload, nothing to rebuild.
        case reloadOnly
        case articles([String])
        case full(reason: String)
    }

    /// What a batch of changes requires, given the site as it was.
    static func plan(_ batch: ContentWatcher.Batch, site: PreviewSite, siteDirectory: String) -> Plan {
        if batch.overflowed { return .full(reason: "too many changes at once") }
        var articles: [String] = []
        var assetsChanged = false
        for change in batch.changes.sorted(by: { $0.path < $1.path }) {
            let components = change.path.split(separator: "/")
            if components.contains(where: { PreviewSite.isIgnoredName(String($0)) }) { continue }
            if change.path == SiteSettings.fileName { return .full(reason: "\(change.path) changed") }
            if change.path == "Templates" || change.path.hasPrefix("Templates/") { return .full(reason: "\(change.path) changed") }
            // A snippet reaches every page that includes it, and its own checks are site-wide.
            let snippets = SnippetLibrary.folderName
            if change.path == snippets || change.path.hasPrefix(snippets + "/") { return .full(reason: "\(change.path) changed") }
            guard change.path.hasPrefix("Content/") else {
                if change.path == "Content" { return .full(reason: "Content/ was created, moved or deleted") }
                continue
            }
            let exists = FileSystem.kind(ofLinkAt: FileSystem.join(siteDirectory, change.path))
            if change.isDirectory || exists == .directory { return .full(reason: "folder \(change.path) changed") }
            let existsNow = exists != .missing
            if change.path.hasSuffix(".md") {
                let existed = site.isArticle(change.path)
                if existed && existsNow && exists == .regular { articles.append(change.path) }
                else if existed || existsNow { return .full(reason: "\(change.path) was \(existed ? "deleted or replaced" : "added")") }
            } else {
                let existed = site.isContentAsset(change.path)
                if existed && existsNow && exists == .regular { assetsChanged = true }
                else if existed || existsNow { return .full(reason: "\(change.path) was \(existed ? "deleted or replaced" : "added")") }
            }
        }
        if !articles.isEmpty { return .articles(articles) }
        return assetsChanged ? .reloadOnly : .nothing
    }

    func handle(_ batch: ContentWatcher.Batch) {
        let started = DispatchTime.now().uptimeNanoseconds
        let site = state.snapshot.site
        var plan = Self.plan(batch, site: site, siteDirectory: options.siteDirectory)
        var updated = site
        var pagesRebuilt = 0
        var what = ""
        if case .articles(let paths) = plan {
            what = paths.count == 1 ? "\(paths[0]) changed" : "\(paths.count) articles changed"
            for path in paths {
                switch updated.update(article: path) {
                case .updated(let pages): pagesRebuilt += pages.count
                case .needsFullBuild(let reason):
                    plan = .full(reason: "\(path): \(reason)")
                }
                if case .full = plan { break }
            }
        }
        switch plan {
        case .nothing: return
        case .reloadOnly: what = "files in Content/ changed"
        case .articles: break
        case .full(let reason):
            what = reason
            updated = PreviewSite.build(options, previous: site)
            pagesRebuilt = updated.pages.count
        }
        let generation = state.replace(updated)
        hub.broadcast(event: "reload", data: "\(generation)")
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        let scope: String
        if case .full = plan { scope = "whole site rebuilt (\(what))" } else { scope = what }
        log(Self.summaryLine("\(scope): \(pagesRebuilt) page\(pagesRebuilt == 1 ? "" : "s") rebuilt", site: updated,
                             milliseconds: milliseconds))
        for line in Self.problemLines(after: plan, site: updated) { log(line) }
    }

    /// The problems listed under a rebuild's summary line, each `  file:line:column: severity: [rule]
    /// message — fix`: after an article rebuild, that article's; after a whole-site rebuild, every
    /// problem in the site, as at start-up (a whole rebuild can change any file's problems: a setting,
    /// a template, a renamed page that others link to). Notes are left to the page overlay.
    static func problemLines(after plan: Plan, site: PreviewSite) -> [String] {
        let diagnostics: [Diagnostic]
        switch plan {
        case .articles(let paths): diagnostics = Diagnostic.sorted(paths.flatMap { site.diagnosticsByFile[$0] ?? [] })
        case .full: diagnostics = site.allDiagnostics
        case .nothing, .reloadOnly: diagnostics = []
        }
        return diagnostics.filter { $0.severity != .note }.map { "  " + $0.formatted }
    }

    static func summaryLine(_ headline: String, site: PreviewSite, milliseconds: Double) -> String {
        let errors = site.errorCount, warnings = site.warningCount
        return "\(headline) in \(String(format: "%.1f", milliseconds)) ms · \(errors) error\(errors == 1 ? "" : "s") · \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}
