// The catalogue entries of `LinkRules` (MedsiteValidate): the ids and explanations live here, below
// parsing, because parse errors and `medsite.yml` rule settings need every rule id.
extension RuleID {
    package static let insecureLink: RuleID = "insecure-link"
    package static let trackingLink: RuleID = "tracking-link"
    package static let unsafeURL: RuleID = "unsafe-url"
    package static let brokenLink: RuleID = "broken-link"
    package static let emptyLinkText: RuleID = "empty-link-text"
}

extension RuleCatalogue {
    static let linkRules: [Rule] = [
        Rule(.insecureLink, .warning, "A link or source uses http:// instead of https://.",
             "Plain http:// links can be altered on the way to the reader and browsers mark them as not secure; almost every health publisher serves https today. medsite checks links in the body and the `url` of every source. Fix: change the address to https:// and check that it still opens; if the site has no https version, find the same information on a secure site."),
        Rule(.trackingLink, .error, "A link carries tracking or affiliate parameters, or hides its destination behind a link shortener.",
             "Links on a patient site must not track readers or earn money from them. medsite rejects `utm_*`, `fbclid`, `gclid`, `dclid`, `msclkid`, `mc_eid`, `mc_cid`, `_hsenc`, `igshid` and other click identifiers, affiliate parameters (`aff_id`, `affid`, `affiliate`, and `tag=` or `ref=` on shops such as Amazon or eBay), and link shorteners (bit.ly, tinyurl.com, t.co, …) that hide where a link goes. Fix: remove the parameters (keep the address up to `?`, and any parameter the page really needs), and replace a shortened link with the full address."),
        Rule(.unsafeURL, .error, "A link uses a `javascript:`, `vbscript:` or `data:` address.",
             "Script and data addresses can run code in the reader's browser. cmark's safe mode removes them, so the link would silently stop working. Images may use `data:image/png`, `gif`, `jpeg` or `webp`; nothing else may. Fix: link to an ordinary https:// page, or put the file in Content/ and link to it."),
        Rule(.brokenLink, .error, "A link to a page, `#anchor` or file of this site does not exist.",
             "Links between articles are checked when the site is built: `other.md`, `folder/other.md#section` (the source file, as editors write them), `../slug/`, `/slug/` (page addresses) and `#section` within the page must name an existing article and heading. Images and files (`![A red rash](shingles-rash.png)`, `[leaflet](leaflet.pdf)`) are written relative to the article's file too and must exist in Content/; medsite gives the page the address of the copy it publishes. Heading anchors are the heading text in lowercase with hyphens: `## Reducing the risk` is `#reducing-the-risk`. A link to a page that is not published (a draft, or an overdue page under `review.overdue: unpublish`) is reported as a warning. Fix: correct the file name or anchor (the message suggests the closest match), or remove the link."),
        Rule(.emptyLinkText, .error, "A link has no text.",
             "A link written `[](https://…)` shows nothing to click, and a screen reader reads out only the address, or nothing (WCAG 2.4.4). Fix: write what the link leads to between the square brackets: `[the NHS page on shingles](https://www.nhs.uk/conditions/shingles/)`."),
    ]
}
