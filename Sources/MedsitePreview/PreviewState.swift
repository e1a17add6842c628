import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import MedsiteCore

/// The current site and its generation (bumped by every rebuild), shared by the rebuild thread and
/// the request handlers.
final class PreviewState: @unchecked Sendable {
    private let lock = NSLock()
    private var current: PreviewSite
    /// Starts from the clock, so a page served by an earlier run of `medsite serve` never matches
    /// and reloads when its event stream reconnects to this one.
    private var currentGeneration: Int

    init(_ site: PreviewSite) {
        current = site
        currentGeneration = Int(Date().timeIntervalSince1970 * 1000) % 1_000_000_000_000
    }

    var snapshot: (site: PreviewSite, generation: Int) { lock.withLock { (current, currentGeneration) } }

    func replace(_ site: PreviewSite) -> Int {
        lock.withLock {
            current = site
            currentGeneration += 1
            return currentGeneration
        }
    }
}
