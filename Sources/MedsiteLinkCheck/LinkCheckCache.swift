import Foundation
import MedsiteBase

/// What earlier runs found, with the time of each check, in `.medsite-cache/external-links.json`
/// (or `--cache DIR`): a result younger than a day is used instead of asking again, so a repeat run
/// is instant and publishers are not asked twice a day. Only verdicts on the page itself are kept
/// (`LinkCheckResult.isCacheable`); a busy or failing site is asked again next time.
struct LinkCheckCache {
    static let formatVersion = "medsite-external-links 1"

    struct Stored: Codable {
        var format: String
        var results: [String: LinkCheckResult]
    }

    let file: String?
    private(set) var results: [String: LinkCheckResult]

    /// An unreadable, damaged or other-version file is an empty cache (it only saves time).
    init(file: String?) {
        self.file = file
        guard let file, let data = FileManager.default.contents(atPath: file),
              let stored = try? JSONDecoder().decode(Stored.self, from: data),
              stored.format == Self.formatVersion else {
            results = [:]
            return
        }
        results = stored.results
    }

    /// The stored result for `address` if it is younger than `lifetime` seconds at `now` (a time in
    /// the future, from a clock that moved back, is not trusted).
    func fresh(_ address: String, now: Int, lifetime: Int) -> LinkCheckResult? {
        guard let result = results[address], result.checkedAt <= now, now - result.checkedAt < lifetime else { return nil }
        return result
    }

    /// Adds this run's cacheable results and drops expired ones.
    mutating func record(_ new: [String: LinkCheckResult], now: Int, lifetime: Int) {
        results = results.filter { $0.value.checkedAt <= now && now - $0.value.checkedAt < lifetime }
        for (address, result) in new where result.isCacheable { results[address] = result }
    }

    /// Written whole to a temporary file and renamed over the old one, so a reader never sees half
    /// a file. A cache that cannot be written is skipped: it only saves time.
    func save() {
        guard let file else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(Stored(format: Self.formatVersion, results: results)) else { return }
        let folder = (file as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = file + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else { return }
        if rename(temporary, file) != 0 { unlink(temporary) }
    }
}
