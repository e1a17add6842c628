// Catalogue entries of the site-wide address checks (MedsiteCore's `SiteChecks`): every page has
// one address of its own.
extension RuleID {
    package static let sharedAddress: RuleID = "shared-address"
    package static let aliasTaken: RuleID = "alias-taken"
    package static let robotsNotAtRoot: RuleID = "robots-not-at-root"
    package static let addressVanished: RuleID = "address-vanished"
    package static let addressRecordInvalid: RuleID = "address-record-invalid"
    package static let addressRecordStarted: RuleID = "address-record-started"
}

extension RuleCatalogue {
    static let addressRules: [Rule] = [
        Rule(.sharedAddress, .error, "Two different condition or topic names would get the same address.",
             "Each condition and each topic (tag) has its own page, at an address made from its name: lowercase letters of any script and digits, joined by hyphens (\"Diabetes für Kinder\" is /tags/diabetes-für-kinder/). Spellings that differ only in capitals or spaces are one name and share a page. Two names that differ otherwise but give the same address (\"Type 2 diabetes\" and \"Type-2 diabetes\", \"COVID-19\" and \"COVID 19\") would put different articles under one heading, so the build stops rather than merge them. Fix: spell the name the same way in both files, or, if they are different things, make the names differ in a letter or digit.", mandatory: true),
        Rule(.aliasTaken, .error, "An old address in `aliases:` is the address of another page or another page's alias.",
             "Each address in `aliases:` gets a page that sends readers on to this page, so links in leaflets, QR codes and letters keep working after a page is renamed. An alias cannot be an address that is still in use (another article, a condition or topic page, the search page, the theme's /assets/, a file in Content/), and two pages cannot both claim one old address: readers would be sent to one of them at random. Fix: remove the alias from one of the two pages; if the old address is a page that still exists, leave it out.", mandatory: true),
        Rule(.robotsNotAtRoot, .warning, "The site is published under a path, where search engines never read robots.txt.",
             "Search engines read robots.txt only at the root of a host (https://example.org/robots.txt). When base_url has a path (https://example.org/health/), the robots.txt medsite writes ends up at https://example.org/health/robots.txt and is ignored, so crawlers do not learn where the sitemap is. Fix: add the line `Sitemap: <base_url>sitemap.xml` to the robots.txt at the root of the host, or publish the site at the root of its own host name (https://health.example.org/)."),
        Rule(.addressVanished, .error, "An address the site published before has no page now, and nothing says where it went.",
             "Patients reach pages through links in leaflets, letters, QR codes, other sites and their own bookmarks, long after a page was published. `medsite build` records every address it publishes in `published-addresses.txt` (committed beside the content), and stops when one of them disappears: a page renamed (a new `slug:` or file name), a file deleted, an alias removed. A page that is a draft or withheld for review keeps its address (readers see that it is being reviewed), so it has not disappeared. Fix: when the page moved or another page replaces it, add the old address to that page's `aliases:` (readers are sent on, and `_redirects` answers with a permanent redirect); when the page is gone for good with nothing to replace it, list the address under `retired:` in medsite.yml, and readers get the site's \"page not found\" page. The preview (`medsite serve`) shows this as a warning."),
        Rule(.addressRecordInvalid, .error, "`published-addresses.txt` cannot be read.",
             "The address record is written by `medsite build`, one address a line with the file it came from, and committed beside the content. A hand edit or a bad merge can break it; medsite then cannot tell which addresses disappeared, so it stops. Fix: restore it from version control (`git checkout published-addresses.txt`) or resolve the merge conflict by keeping the lines of both sides; deleting it starts a new record from the addresses the site has now.",
             configuration: true),
        Rule(.addressRecordStarted, .note, "The site had no `published-addresses.txt`; this build started one.",
             "Without a record of the addresses it published, medsite cannot tell when one disappears. The first successful `medsite build` writes `published-addresses.txt` with every address the site has now. Fix: commit the new file with the content."),
    ]
}
