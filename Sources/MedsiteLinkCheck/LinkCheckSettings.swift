import Foundation
import MedsiteBase

/// How `medsite check --external` asks other sites: politely, with limits, and with a cache.
public struct LinkCheckSettings: Sendable {
    /// Seconds to wait for each answer (connecting included); `--timeout`.
    public var timeout: Double = 15
    /// Requests to one host at a time (host and port); `--max-per-host`.
    public var perHostLimit: Int = 2
    /// Requests in flight at once, over all hosts; `--max-concurrent`.
    public var totalLimit: Int = 8
    /// Redirects followed before giving up (browsers allow about 20; real sites need 1 to 3).
    public var maxRedirects: Int = 10
    /// The longest a `Retry-After` is honoured before the one retry of a 429 or 5xx answer; a site
    /// asking for longer is reported as busy, not waited for.
    public var maxRetryWait: Double = 10
    /// The wait before retrying a 429 or 5xx answer that names none.
    public var defaultRetryWait: Double = 1
    /// Results younger than this are reused from the cache (one day).
    public var cacheLifetime: Int = 86_400
    /// `--refresh`: ask again even for addresses checked within the cache lifetime.
    public var refresh = false
    /// The cache file; nil keeps no cache.
    public var cacheFile: String?
    /// Told, before any request, how many addresses will be asked and how many come from the
    /// cache (the CLI says so on a terminal, since asking takes seconds).
    public var onStart: (@Sendable (_ asking: Int, _ fromCache: Int) -> Void)? = nil
    /// "Now", in seconds since 1970 (the tests move it to age the cache).
    public var now: @Sendable () -> Int = { Int(Date().timeIntervalSince1970) }

    public static let userAgent = "medsite/\(MedsiteVersion.current) (external link check)"
    public static let cacheFileName = "external-links.json"

    public init(cacheFile: String? = nil) {
        self.cacheFile = cacheFile
    }
}
