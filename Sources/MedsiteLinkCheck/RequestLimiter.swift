/// At most `perHost` requests to one host and `total` requests overall in flight at once, so a
/// check never hammers a publisher however many of its pages the site cites. Waiters start in the
/// order they arrived, as soon as both their host and the whole check have room.
actor RequestLimiter {
    let perHost: Int
    let total: Int
    private var activeByHost: [String: Int] = [:]
    private var active = 0
    private var waiting: [(host: String, continuation: CheckedContinuation<Void, Never>)] = []

    init(perHost: Int, total: Int) {
        self.perHost = max(1, perHost)
        self.total = max(1, total)
    }

    /// Runs `body` holding one of `host`'s slots and one of the check's.
    func withSlot<T: Sendable>(for host: String, _ body: @Sendable () async -> T) async -> T {
        await acquire(host)
        let result = await body()
        release(host)
        return result
    }

    private func acquire(_ host: String) async {
        // Waiters are started whenever room appears (in `release`), so none of them has room now:
        // starting this request at once jumps no queue.
        if hasRoom(for: host) {
            start(host)
            return
        }
        await withCheckedContinuation { waiting.append((host, $0)) }
    }

    private func release(_ host: String) {
        activeByHost[host, default: 1] -= 1
        if activeByHost[host] == 0 { activeByHost[host] = nil }
        active -= 1
        var index = 0
        while index < waiting.count, active < total {
            if hasRoom(for: waiting[index].host) {
                let waiter = waiting.remove(at: index)
                start(waiter.host)
                waiter.continuation.resume()
            } else {
                index += 1
            }
        }
    }

    private func hasRoom(for host: String) -> Bool {
        active < total && activeByHost[host, default: 0] < perHost
    }

    private func start(_ host: String) {
        activeByHost[host, default: 0] += 1
        active += 1
    }
}
