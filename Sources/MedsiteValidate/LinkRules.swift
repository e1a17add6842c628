import MedsiteBase
import MedsiteParse

/// Links in the body and in `sources`: secure, free of tracking, safe, and (inside the site) resolving.
enum LinkRules: ArticleRule {
    static func check(_ article: Article, context: ValidationContext, sink: inout DiagnosticSink) {
        let ownAnchors = Set(article.document.headings.map(\.id))
        let directory = article.source.contentPath.split(separator: "/").dropLast().joined(separator: "/")
        article.document.walk { node, entering in
            guard entering, node.kind == .link || node.kind == .image, let url = node.url else { return }
            let position = node.position
            let isImage = node.kind == .image
            if let scheme = LinkAddress.dangerousScheme(url, isImage: isImage) {
                sink.report(.unsafeURL, at: position, "\(isImage ? "image" : "link") address uses '\(scheme):', which cmark's safe mode removes",
                            fix: "link to an https:// page instead")
                return
            }
            checkWebAddress(url, at: position, what: isImage ? "image" : "link", sink: &sink)
            if !isImage, node.plainText.trimmingWhitespace.isEmpty {
                sink.report(.emptyLinkText, at: position, "the link to '\(LinkAddress.shortened(url))' has no text, so readers cannot see or hear where it goes",
                            fix: "write what the link leads to between the square brackets: [the name of the page or file](\(LinkAddress.shortened(url)))")
            }
            if let files = context.contentFiles, let file = SiteLinks.contentFile(url, from: directory) {
                if !files.contains(file.contentPath) {
                    let near = Suggestion.closest(to: file.contentPath, among: files.sorted())
                    sink.report(.brokenLink, at: position,
                                "'\(LinkAddress.shortened(url))' names \(ContentScanner.folderName)/\(file.contentPath), which does not exist"
                                    + (near.map { ": did you mean '\(relative($0, from: directory))'?" } ?? ""),
                                fix: "put the file in \(ContentScanner.folderName)/ (paths are relative to this article's folder), or correct its name")
                }
                return
            }
            if !isImage {
                checkInternal(url, at: position, directory: directory, pageSlug: article.address, ownAnchors: ownAnchors, context: context, sink: &sink)
            }
        }
        for (index, source) in article.frontMatter.sources.enumerated() where !source.url.isEmpty {
            if let scheme = LinkAddress.dangerousScheme(source.url, isImage: false) {
                sink.report(.unsafeURL, at: source.urlPosition, "sources[\(index + 1)].url uses '\(scheme):'",
                            fix: "give the https:// address where readers can check the source")
                continue
            }
            checkWebAddress(source.url, at: source.urlPosition, what: "sources[\(index + 1)].url", sink: &sink)
        }
    }

    static func checkWebAddress(_ url: String, at position: SourcePosition, what: String, sink: inout DiagnosticSink) {
        guard let address = LinkAddress(url) else { return }
        if address.scheme == "http" {
            sink.report(.insecureLink, at: position, "\(what) '\(LinkAddress.shortened(url))' uses http://",
                        fix: "use https://\(url.dropFirst(7))")
        }
        if LinkAddress.shorteners.contains(address.host) {
            sink.report(.trackingLink, at: position, "\(what) goes through the link shortener \(address.host), which hides its destination",
                        fix: "replace it with the full address it leads to")
        }
        let tracking = address.trackingParameters
        if !tracking.isEmpty {
            sink.report(.trackingLink, at: position,
                        "\(what) carries tracking or affiliate parameters: \(tracking.joined(separator: ", "))",
                        fix: "remove them: \(LinkAddress.shortened(address.withoutParameters(tracking)))")
        }
    }

    static func checkInternal(_ url: String, at position: SourcePosition, directory: String, pageSlug: String, ownAnchors: Set<String>,
                              context: ValidationContext, sink: inout DiagnosticSink) {
        guard let target = SiteLinkTarget(url, directory: directory, pageSlug: pageSlug,
                                          slugsByContentPath: context.slugsByContentPath,
                                          isSlug: { context.anchorsBySlug[$0] != nil },
                                          isLanguageFolder: { folder in context.settings.languages.contains { $0.code == folder } }) else { return }
        switch target {
        case .anchor(let fragment):
            guard !fragment.isEmpty, !ownAnchors.contains(fragment), !MarkdownDocument.reservedIDs.contains(fragment) else { return }
            sink.report(.brokenLink, at: position, "'#\(fragment)' is not a heading of this page" + suggestion(fragment, among: ownAnchors),
                        fix: "use the anchor of an existing heading (its text in lowercase with hyphens), or remove the link")
        case .missingFile(let path):
            let near = Suggestion.closest(to: path, among: context.slugsByContentPath.keys)
            sink.report(.brokenLink, at: position, "'\(url)' links to \(path), which is not an article of this site"
                            + (path.hasPrefix("/") ? " (file links must be relative to this file)" : "")
                            + (near.map { ": did you mean '\(relative($0, from: directory))'?" } ?? ""),
                        fix: "correct the file name (paths are relative to this file's folder), or remove the link")
        case .missingPage(let slug):
            let near = Suggestion.closest(to: slug, among: context.anchorsBySlug.keys)
            sink.report(.brokenLink, at: position, "'\(url)' links to /\(slug)/, which is not a page of this site"
                            + (near.map { ": did you mean /\($0)/?" } ?? ""),
                        fix: "link to the article's file (other.md) so medsite finds its address, or remove the link")
        case .page(let slug, let fragment):
            if let reason = context.unpublished[slug] {
                sink.report(.brokenLink, at: position, "'\(url)' links to /\(slug)/, which is not published (\(reason))",
                            fix: "remove the link until that page is published", severity: .warning)
            }
            guard let fragment, !fragment.isEmpty, let anchors = context.anchorsBySlug[slug],
                  !anchors.contains(fragment), !MarkdownDocument.reservedIDs.contains(fragment) else { return }
            sink.report(.brokenLink, at: position, "'#\(fragment)' is not a heading of /\(slug)/" + suggestion(fragment, among: anchors),
                        fix: "use the anchor of an existing heading of that page, or link to the page without '#…'")
        }
    }

    static func suggestion(_ fragment: String, among anchors: some Sequence<String>) -> String {
        Suggestion.closest(to: fragment, among: anchors.sorted()).map { ": did you mean '#\($0)'?" } ?? ""
    }

    /// `diabetes/diet.md` as written from a file in `directory`.
    static func relative(_ contentPath: String, from directory: String) -> String {
        guard !directory.isEmpty else { return contentPath }
        let prefix = directory + "/"
        if contentPath.hasPrefix(prefix) { return String(contentPath.dropFirst(prefix.count)) }
        let depth = directory.split(separator: "/").count
        return String(repeating: "../", count: depth) + contentPath
    }
}
