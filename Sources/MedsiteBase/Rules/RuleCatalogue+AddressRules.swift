// Catalogue entries of the site-wide address checks (MedsiteCore's `SiteChecks`): every page has
// one address of its own.
extension RuleID {
    package static let sharedAddress: RuleID = "shared-address"
    package static let aliasTaken: RuleID = "alias-taken"
    package static let robotsNotAtRoot: RuleID = "robots-not-at-root"
}

extension RuleCatalogue {
    static let addressRules: [Rule] = [
        Rule(.sharedAddress, .error, "Two different condition or topic names would get the same address.",
             "Each condition and each topic (tag) has its own page, at an address made from its name: lowercase letters of any script and digits, joined by hyphens (\"Diabetes für Kinder\" is /tags/diabetes-für-kinder/). Spellings that differ only in capitals or spaces are one name and share a page. Two names that differ otherwise but give the same address (\"Type 2 diabetes\" and \"Type-2 diabetes\", \"COVID-19\" and \"COVID 19\") would put different articles under one heading, so the build stops rather than merge them. Fix: spell the name the same way in both files, or, if they are different things, make the names differ in a letter or digit.", mandatory: true),
        Rule(.aliasTaken, .error, "An old address in `aliases:` is the address of another page or another page's alias.",
             "Each address in `aliases:` gets a page that sends readers on to this page, so links in leaflets, QR codes and letters keep working after a page is renamed. An alias cannot be an address that is still in use (another article, a condition or topic page, the search page, the theme's /assets/, a file in Content/), and two pages cannot both claim one old address: readers would be sent to one of them at random. Fix: remove the alias from one of the two pages; if the old address is a page that still exists, leave it out.", mandatory: true),
        Rule(.robotsNotAtRoot, .warning, "The site is published under a path, where search engines never read robots.txt.",
             "Search engines read robots.txt only at the root of a host (https://example.org/robots.txt). When base_url has a path (https://example.org/health/), the robots.txt medsite writes ends up at https://example.org/health/robots.txt and is ignored, so crawlers do not learn where the sitemap is. Fix: add the line `Sitemap: <base_url>sitemap.xml` to the robots.txt at the root of the host, or publish the site at the root of its own host name (https://health.example.org/)."),
    ]
}
