import MedsiteBase

/// A source that was withdrawn or replaced (medsite.yml `superseded_sources:`): every page citing it
/// (at this address or below it) and last reviewed before `date` is due for review from `date`.
///
///     superseded_sources:
///       - url: https://www.nice.org.uk/guidance/ng80
///         replaced_by: https://www.nice.org.uk/guidance/ng245
///         date: 2024-11-27
///         note: "NICE, BTS and SIGN replaced NG80 with one joint guideline"
public struct SupersededSource: Sendable, Hashable {
    public var url: String
    /// The replacement's address; nil when the source was withdrawn without one.
    public var replacedBy: String?
    /// The day it was withdrawn or replaced.
    public var date: CalendarDate
    /// Why, in a few words (shown in diagnostics and `medsite review`).
    public var note: String?
    /// Its line in medsite.yml.
    public var line: Int

    public init(url: String, replacedBy: String? = nil, date: CalendarDate, note: String? = nil, line: Int = 1) {
        self.url = url
        self.replacedBy = replacedBy
        self.date = date
        self.note = note
        self.line = line
    }

    public static let fieldNames = ["url", "replaced_by", "date", "note"]

    /// Whether a page citing `address` cites this source: the same address, or one below it
    /// (`…/guidance/ng80/chapter/1`), whatever the scheme (`http`, `https`), the host's case, a
    /// trailing slash, the fragment, and a query when this one has none.
    public func covers(_ address: String) -> Bool {
        guard let cited = Self.key(address), let own = Self.key(url) else { return false }
        if cited.host != own.host { return false }
        let citedPath = own.query == nil ? cited.path : cited.path + "?" + (cited.query ?? "")
        let ownPath = own.query.map { own.path + "?" + $0 } ?? own.path
        return citedPath == ownPath || (own.query == nil && cited.path.hasPrefix(own.path + "/"))
    }

    /// Host (lower case) and path (no trailing slash), query; nil for what is not an http(s) address.
    static func key(_ address: String) -> (host: String, path: String, query: String?)? {
        var rest = Substring(address.trimmingWhitespace)
        let lower = rest.lowercased()
        if lower.hasPrefix("https://") { rest = rest.dropFirst(8) } else if lower.hasPrefix("http://") { rest = rest.dropFirst(7) } else { return nil }
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var query: String?
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
            if query?.isEmpty == true { query = nil }
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let host = rest[..<slash].lowercased()
        var path = String(rest[slash...])
        while path.hasSuffix("/") { path.removeLast() }
        guard !host.isEmpty else { return nil }
        return (host, path, query)
    }
}
