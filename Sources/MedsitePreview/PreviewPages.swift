import MedsiteCore

/// What the preview adds to HTML responses, and only to them: the live-reload script, the DRAFT
/// banner and the problems overlay. `medsite build` output never contains any of it.
enum PreviewPages {
    static let eventsPath = "/__medsite/events"
    static let explainPrefix = "/__medsite/explain/"

    /// The diagnostics a page shows: its own, then the site-wide ones, then which other files have errors.
    struct Problems {
        var own: [Diagnostic] = []
        var ownFile: String?
        var siteWide: [Diagnostic] = []
        /// Other articles with errors: (file, address of its page or nil, error count).
        var otherFilesWithErrors: [(file: String, url: String?, errors: Int)] = []

        var isEmpty: Bool { own.isEmpty && siteWide.isEmpty && otherFilesWithErrors.isEmpty }
    }

    static func problems(for source: String?, in site: PreviewSite) -> Problems {
        var problems = Problems()
        problems.ownFile = source
        if let source { problems.own = Diagnostic.sorted(site.diagnosticsByFile[source] ?? []) }
        problems.siteWide = Diagnostic.sorted(site.siteWideFiles.filter { $0 != source }
            .flatMap { site.diagnosticsByFile[$0] ?? [] }.filter { $0.severity != .note })
        var others: [(file: String, url: String?, errors: Int)] = []
        for (file, diagnostics) in site.diagnosticsByFile where file != source && !site.siteWideFiles.contains(file) {
            let errors = diagnostics.filter { $0.severity == .error }.count
            if errors > 0 { others.append((file, site.knownSlugs[file].map { "/\($0)/" }, errors)) }
        }
        problems.otherFilesWithErrors = others.sorted { $0.file < $1.file }
        return problems
    }

    /// Adds the banner after `<body…>` and the overlay and reload script before `</body>`.
    static func decorate(_ html: String, isDraft: Bool, problems: Problems, generation: Int) -> String {
        var page = html
        if isDraft {
            let banner = "<div id=\"medsite-draft-banner\" role=\"status\" style=\"background:#8a1c1c;color:#fff;font:bold 1rem/1.4 system-ui,sans-serif;padding:.6rem 1rem;text-align:center;letter-spacing:.05em\">DRAFT: this page is not published by <code>medsite build</code> until <code>draft: true</code> is removed.</div>"
            if let bodyStart = page.range(of: "<body"), let close = page[bodyStart.upperBound...].firstIndex(of: ">") {
                page.insert(contentsOf: banner, at: page.index(after: close))
            } else {
                page = banner + page
            }
        }
        let tail = (problems.isEmpty ? "" : overlay(problems)) + reloadScript(generation: generation)
        if let end = page.range(of: "</body>", options: .backwards) {
            page.insert(contentsOf: tail, at: end.lowerBound)
        } else {
            page += tail
        }
        return page
    }

    static func reloadScript(generation: Int) -> String {
        """
        <script id="medsite-live-reload">
        (function () {
          var generation = \(generation);
          var events = new EventSource("\(eventsPath)");
          events.addEventListener("hello", function (event) { if (Number(event.data) !== generation) location.reload(); });
          events.addEventListener("reload", function () { events.close(); location.reload(); });
          var overlay = document.getElementById("medsite-overlay");
          var hide = document.getElementById("medsite-overlay-hide");
          if (overlay && hide) hide.addEventListener("click", function () { overlay.hidden = true; });
        })();
        </script>

        """
    }

    static func overlay(_ problems: Problems) -> String {
        let all = problems.own + problems.siteWide
        let counts = [Severity.error, .warning, .note].compactMap { severity -> String? in
            let count = all.filter { $0.severity == severity }.count
            return count == 0 ? nil : "\(count) \(severity.rawValue)\(count == 1 ? "" : "s")"
        }
        var html = """
        <div id="medsite-overlay" role="dialog" aria-modal="false" aria-labelledby="medsite-overlay-title" style="position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:2147483647;background:#fff;color:#1b1b1b;border:3px solid #8a1c1c;border-radius:.5rem;box-shadow:0 .5rem 2rem rgba(0,0,0,.35);font:1rem/1.5 system-ui,sans-serif;padding:1rem 1.25rem">
        <div style="display:flex;justify-content:space-between;gap:1rem;align-items:baseline">
        <h2 id="medsite-overlay-title" style="margin:0;font-size:1.15rem">medsite preview: \(HTML.escape(counts.isEmpty ? "problems elsewhere in the site" : counts.joined(separator: ", ")))</h2>
        <button id="medsite-overlay-hide" type="button" style="font:inherit;padding:.2rem .8rem">Hide</button>
        </div>

        """
        if !problems.own.isEmpty {
            html += section("On this page · \(problems.ownFile ?? "")", problems.own)
        }
        if !problems.siteWide.isEmpty {
            html += section("Site-wide: every page is affected", problems.siteWide)
        }
        if !problems.otherFilesWithErrors.isEmpty {
            html += "<p style=\"margin:.75rem 0 0\">Other files with errors (<code>medsite build</code> will not publish until they are fixed): "
            html += problems.otherFilesWithErrors.prefix(10).map { entry in
                let label = "\(HTML.escape(entry.file)) (\(entry.errors))"
                return entry.url.map { "<a href=\"\(HTML.escape($0))\">\(label)</a>" } ?? label
            }.joined(separator: ", ")
            if problems.otherFilesWithErrors.count > 10 { html += " and \(problems.otherFilesWithErrors.count - 10) more" }
            html += ".</p>\n"
        }
        return html + "</div>\n"
    }

    static func section(_ title: String, _ diagnostics: [Diagnostic]) -> String {
        var html = "<h3 style=\"font-size:1rem;margin:.75rem 0 .25rem\">\(HTML.escape(title))</h3>\n<ol style=\"margin:0;padding-left:1.5rem\">\n"
        for diagnostic in diagnostics {
            let colour = diagnostic.severity == .error ? "#8a1c1c" : diagnostic.severity == .warning ? "#7a4a00" : "#1b4a7a"
            html += "<li class=\"medsite-problem\" data-rule=\"\(HTML.escape(diagnostic.rule.id))\" data-severity=\"\(diagnostic.severity.rawValue)\" style=\"margin:.4rem 0\">"
            html += "<strong style=\"color:\(colour)\">\(diagnostic.severity.rawValue)</strong> "
            html += "<code>[\(HTML.escape(diagnostic.rule.id))]</code> "
            html += "<span>\(HTML.escape(VisibleText.escaped(diagnostic.file))), line \(diagnostic.position.line), column \(diagnostic.position.column)</span>: "
            html += HTML.escape(VisibleText.escaped(diagnostic.message))
            if let fix = diagnostic.fix { html += "<br><em>How to fix:</em> \(HTML.escape(VisibleText.escaped(fix)))" }
            if let line = diagnostic.sourceLine {
                // The line with a caret under the column, as the terminal shows it.
                let (shown, caret) = VisibleText.excerpt(line, column: diagnostic.position.column)
                let number = String(diagnostic.position.line)
                html += "<pre class=\"medsite-source\" style=\"margin:.25rem 0;padding:.25rem .5rem;background:#f4f4f4;overflow-x:auto\">"
                html += HTML.escape("\(number) | \(shown)\n\(String(repeating: " ", count: number.count)) | \(String(repeating: " ", count: caret))^")
                html += "</pre>"
            }
            if let rule = diagnostic.rule.rule {
                html += "<details><summary>About this rule (<a href=\"\(explainPrefix)\(HTML.escape(rule.id.id))\"><code>medsite explain \(HTML.escape(rule.id.id))</code></a>)</summary><p style=\"margin:.25rem 0\">\(HTML.escape(rule.explanation))</p></details>"
            }
            html += "</li>\n"
        }
        return html + "</ol>\n"
    }

    /// A whole page for an address that cannot be rendered (its front matter does not parse, or the
    /// settings or theme are broken): the problems are the content.
    static func errorPage(title: String, problems: Problems, generation: Int) -> String {
        let body = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>\(HTML.escape(title)) · medsite preview</title></head>
        <body style="font:1rem/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem">
        <h1>\(HTML.escape(title))</h1>
        <p>medsite cannot render this page until the problems below are fixed. It reloads by itself when you save.</p>
        </body>
        </html>
        """
        return decorate(body, isDraft: false, problems: problems, generation: generation)
    }

    static func notFoundPage(path: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Page not found · medsite preview</title></head>
        <body style="font:1rem/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem">
        <h1>Page not found</h1>
        <p>There is no page at <code>/\(HTML.escape(path))</code>. Go to the <a href="/">home page</a>.</p>
        </body>
        </html>
        """
    }

    static func explainPage(_ rule: Rule) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>\(HTML.escape(rule.id.id)) · medsite explain</title></head>
        <body style="font:1rem/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem">
        <h1><code>\(HTML.escape(rule.id.id))</code></h1>
        <p><strong>\(HTML.escape(rule.summary))</strong></p>
        <p>Default severity: \(rule.defaultSeverity.rawValue)\(rule.isMandatory ? " (cannot be turned off)" : "").</p>
        <p>\(HTML.escape(rule.explanation))</p>
        <p>The same text: <code>medsite explain \(HTML.escape(rule.id.id))</code>.</p>
        </body>
        </html>
        """
    }
}
