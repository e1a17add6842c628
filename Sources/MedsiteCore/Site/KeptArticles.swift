import Foundation
import MedsiteBase
import MedsiteParse

/// Whole articles from pass 1 kept for pass 2, within a memory budget, so pass 2 does not read,
/// hash and parse them again; past the budget pass 2 reloads the file (`ArticlePipeline.reload`).
///
/// A cmark tree takes several times its Markdown's size, so the budget is counted from the bytes
/// of each body. Which articles fit depends on the order the cores finish them; what pass 2 makes
/// of an article does not (a kept article is the one a reload would give for the same file).
/// Each slot is filled by the one pass-1 job that parsed its article and emptied by the one pass-2
/// job that validates it, so the slots need no lock; the budget has one.
final class KeptArticles: @unchecked Sendable {
    /// What the kept trees may take, estimated as `bytesPerBodyByte` times the bodies' bytes.
    static let budgetBytes = 48 << 20
    static let bytesPerBodyByte = 10
    /// Larger articles are always reloaded: one would take a large part of the budget.
    static let largestKeptBody = 64 << 10

    /// Boxed: an empty slot then takes a pointer, not an article's inline bytes (the slots are
    /// held through both passes, and most stay empty on a large site).
    private final class Box {
        let article: Article
        init(_ article: Article) { self.article = article }
    }

    private let slots: UnsafeMutableBufferPointer<Box?>
    private let lock = NSLock()
    private var remaining: Int

    init(count: Int, budget: Int = KeptArticles.budgetBytes) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
        remaining = budget
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    /// Keeps `article` for pass 2 if the budget allows.
    func offer(_ article: Article, at position: Int) {
        let bodyBytes = article.body.utf8.count
        guard bodyBytes <= Self.largestKeptBody else { return }
        let cost = (bodyBytes + 1) * Self.bytesPerBodyByte
        lock.lock()
        let fits = cost <= remaining
        if fits { remaining -= cost }
        lock.unlock()
        if fits { slots[position] = Box(article) }
    }

    /// The article kept at `position`, handed over once (its tree is freed when pass 2 is done with it).
    func take(_ position: Int) -> Article? {
        guard position < slots.count else { return nil }
        defer { slots[position] = nil }
        return slots[position]?.article
    }
}
