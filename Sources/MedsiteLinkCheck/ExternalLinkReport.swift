import Foundation
import MedsiteCore

/// What `medsite check --external` found: diagnostics for the report, and each address's result.
public struct ExternalLinkReport: Sendable {
    /// One place an address is used.
    public struct Use: Sendable {
        public let file: String
        public let reference: ExternalReference
    }

    /// Judged by the severity policy and sorted, ready to join `check`'s own.
    public let diagnostics: [Diagnostic]
    /// By address asked (without `#fragment`).
    public let results: [String: LinkCheckResult]
    /// Addresses whose result came from the cache, not the network.
    public let fromCache: Set<String>
    public let uses: [String: [Use]]
    /// No site answered: nothing was judged or cached (`external-check-failed`).
    public let offline: Bool

    /// `22 external addresses (20 checked within the last day)`
    public var headline: String {
        let count = results.count
        var text = "\(count) external address\(count == 1 ? "" : "es")"
        if !fromCache.isEmpty { text += " (\(fromCache.count) from the last day's check)" }
        return text
    }

    /// The `external_links` member of `--format json`: every address, its result, and where it is used.
    public var json: JSONValue {
        .array(results.keys.sorted().map { address in
            let result = results[address]!
            return .object([
                ("url", .string(address)),
                ("result", .string(offline && !fromCache.contains(address) ? "not-checked" : result.verdict.rawValue)),
                ("status", result.status.map { .integer($0) } ?? .null),
                ("moved_to", .optional(result.movedTo)),
                ("reason", .string(result.reason)),
                ("checked_at", .string(Self.iso(result.checkedAt))),
                ("from_cache", .bool(fromCache.contains(address))),
                ("uses", .array((uses[address] ?? []).map { use in
                    .object([("file", .string(use.file)), ("line", .integer(use.reference.position.line)),
                             ("column", .integer(use.reference.position.column)), ("kind", .string(use.reference.kind.rawValue)),
                             ("written", .string(use.reference.url))])
                })),
            ])
        })
    }

    /// `2026-11-23T08:15:02Z`
    static func iso(_ seconds: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
