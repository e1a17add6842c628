import MedsiteBase
import MedsiteParse

extension SiteChecks {
    /// Every address a build publishes (`published-addresses.txt` records them), with the article it
    /// comes from: the pages of `holding` (published, or showing that they are being reviewed) and
    /// their old addresses in `aliases:`.
    static func producedAddresses(_ holding: [Article]) -> [String: String] {
        var produced: [String: String] = [:]
        produced.reserveCapacity(holding.count)
        for article in holding {
            produced[article.url] = article.source.relativePath
            for alias in article.frontMatter.aliases where produced[alias] == nil { produced[alias] = article.source.relativePath }
        }
        return produced
    }

    /// `address-vanished`: each address of the record that this build would no longer publish, and
    /// that medsite.yml does not retire. Reported in the file the address came from when it still
    /// exists (its page moved, or an alias was removed), else on the record's line.
    static func vanishedAddresses(record: AddressRecord, produced: [String: String], articles: [Article],
                                  settings: SiteSettings) -> [Diagnostic] {
        var byPath: [String: Article] = [:]
        for article in articles { byPath[article.source.relativePath] = article }
        var result: [Diagnostic] = []
        for entry in record.entries.values.sorted(by: { $0.line < $1.line }) {
            guard produced[entry.address] == nil, !settings.retiredAddresses.contains(entry.address) else { continue }
            let address = "/" + entry.address
            let retire = "if it is gone for good with nothing to replace it, list \(address) under 'retired:' in medsite.yml"
            if let article = byPath[entry.source] {
                let moved = entry.address != article.url && !article.frontMatter.aliases.contains(entry.address)
                // Where the editor changed it: the slug (or the file name) for a moved page, else `aliases:`.
                let position = article.frontMatter.positions[(moved ? FrontMatterField.slug : FrontMatterField.aliases).name]
                    ?? article.frontMatter.positions[FrontMatterField.aliases.name] ?? .start
                result.append(Diagnostic(
                    file: article.source.relativePath, position: position, rule: .addressVanished,
                    message: moved
                        ? "this page was published at \(address) and is now at /\(article.url); readers who follow old links and bookmarks to \(address) would find nothing"
                        : "\(address) was published for this page and would disappear",
                    fix: "add \(address) to this page's 'aliases:' so readers are sent on to /\(article.url); \(retire)"))
            } else {
                result.append(Diagnostic(
                    file: AddressRecord.fileName, position: SourcePosition(line: entry.line), rule: .addressVanished,
                    message: "\(address) was published from \(entry.source), which is gone; readers who follow old links and bookmarks to it would find nothing",
                    fix: "if another page replaces it, add \(address) to that page's 'aliases:'; \(retire)"))
            }
        }
        return result
    }
}
