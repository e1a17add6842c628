// The catalogue entries of `medsite check --external` (MedsiteLinkCheck): sources and links to other
// sites, checked over the network. Never part of a build, which stays deterministic and offline.
extension RuleID {
    package static let sourceDead: RuleID = "source-dead"
    package static let sourceMoved: RuleID = "source-moved"
    package static let sourceUnavailable: RuleID = "source-unavailable"
    package static let linkDead: RuleID = "link-dead"
    package static let linkMoved: RuleID = "link-moved"
    package static let linkUnavailable: RuleID = "link-unavailable"
    package static let externalCheckFailed: RuleID = "external-check-failed"
}

extension RuleCatalogue {
    static let externalLinkRules: [Rule] = [
        Rule(.sourceDead, .error, "A source's address is gone: the page is not found (404), removed (410), its site does not exist, or it cannot be reached at all.",
             "Sources are how patients and reviewers check what a page says. `medsite check --external` (never `build`) asks each source's site for the page: an answer of 404 Not Found or 410 Gone, a site name that does not exist, a server that refuses connections, or redirects that go round in a circle mean a reader following the source finds nothing. Fix: find where the publisher moved the document (search their site for its title) and update `url`; if it was withdrawn, cite its replacement or another current source, and ask the reviewer whether the page still stands."),
        Rule(.sourceMoved, .warning, "A source's address has moved permanently; the message gives the new address.",
             "The site answered with a permanent redirect (301 or 308), or sent the plain http:// address on to its https:// one. Readers still arrive, but an old address can stop redirecting at any time, and the new address is where the publisher keeps the document now. Temporary redirects (302, 303, 307) are not reported. Fix: open the new address, check that it is the same document, and update the source's `url` to it."),
        Rule(.sourceUnavailable, .warning, "A source could not be checked: the site was busy, failed, refused medsite or did not answer in time.",
             "Servers fail for a while (500, 502, 503), ask callers to slow down (429), refuse programs (401, 403), or answer too slowly; medsite retries once and waits as long as the site asks, within reason, but never calls a source dead for a single failure. Fix: open the address in a browser. If it works, nothing is needed (the next check will see it); if it stays unavailable for days, treat it as dead and replace it. `--timeout` gives slow sites longer."),
        Rule(.linkDead, .error, "A link or image in the text points to a page of another site that is gone (404, 410, no such site, or no connection).",
             "`medsite check --external` checks every http(s) link and image in the body as it checks sources: a link that leads to 'page not found' lets patients down at the moment they look for more help. Fix: find the page's new address on the same site and update the link, link to another page with the same information, or remove the link."),
        Rule(.linkMoved, .warning, "A link in the text points to an address that has moved permanently; the message gives the new address.",
             "The site answered with a permanent redirect (301 or 308), or sent the plain http:// address on to its https:// one. Temporary redirects are not reported. Fix: check that the new address shows the same page and update the link to it."),
        Rule(.linkUnavailable, .warning, "A link in the text could not be checked: the site was busy, failed, refused medsite or did not answer in time.",
             "As for sources: a 429, a 5xx answer after a retry, a refusal (401, 403), another unexpected answer, a failed secure connection or no answer within `--timeout` is reported as a warning, never as a dead link. Fix: open the link in a browser; replace it if it stays unavailable."),
        Rule(.externalCheckFailed, .error, "The external check could not reach any site, so it checked nothing.",
             "When no site at all answers (every name lookup or connection fails), the computer is probably offline or behind a proxy, and calling every source dead would be wrong. Nothing is reported dead and nothing is cached. Fix: check the network connection (or the CI job's network access) and run `medsite check --external` again.",
             configuration: true),
    ]
}
