/// What checking one address found, as stored in the cache and turned into diagnostics.
public struct LinkCheckResult: Sendable, Hashable, Codable {
    public enum Verdict: String, Sendable, Codable {
        /// The page answered (2xx), directly or through temporary redirects.
        case ok
        /// A permanent redirect (or an http:// to https:// upgrade) leads to a page that answers.
        case moved
        /// Not found (404), gone (410), no such site, connection refused, redirects in a loop.
        case dead
        /// Could not be judged: busy (429), failing (5xx), refused (401, 403), too slow, TLS failure.
        case unavailable
    }

    public var verdict: Verdict
    /// The last HTTP status received, if any.
    public var status: Int?
    /// For `moved`: the address to use instead (the end of the permanent redirects).
    public var movedTo: String?
    /// True when the move is the plain http:// address sent on to its https:// one.
    public var isSecureUpgrade: Bool
    /// What happened, in an editor's words: "the site answered 404 Not Found".
    public var reason: String
    /// When it was checked, in seconds since 1970 (UTC).
    public var checkedAt: Int

    public init(verdict: Verdict, status: Int? = nil, movedTo: String? = nil, isSecureUpgrade: Bool = false,
                reason: String, checkedAt: Int) {
        self.verdict = verdict
        self.status = status
        self.movedTo = movedTo
        self.isSecureUpgrade = isSecureUpgrade
        self.reason = reason
        self.checkedAt = checkedAt
    }

    /// Worth keeping for a day: a verdict on the page itself. A busy or failing site is asked again
    /// on the next run, so a passing outage is not remembered.
    public var isCacheable: Bool { verdict != .unavailable }

    /// No HTTP answer came at all (name lookup, connection or timeout): used to tell an offline
    /// machine from dead sites.
    public var gotNoAnswer: Bool { status == nil }
}
