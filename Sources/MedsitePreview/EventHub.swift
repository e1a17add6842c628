import Foundation

/// The open Server-Sent Event streams, at most `limit` at once.
///
/// When all are taken, a new stream closes the oldest one instead of being refused. Every client is
/// 127.0.0.1, so limits per client cannot tell the editor's tab from any other local process; a
/// refusal (503) let anyone holding 64 streams keep the editor's page from ever reloading. With
/// eviction the newest connection always gets in (the tab just opened or reloaded is the one being
/// looked at), an evicted page reconnects after the `retry` delay, and the `hello` event it gets then
/// carries the site's generation, so a page that missed a rebuild meanwhile reloads at once. Memory
/// stays bounded by `limit`.
final class EventHub: @unchecked Sendable {
    let limit: Int
    private let lock = NSLock()
    private var streams: [Int: AsyncStream<String>.Continuation] = [:]
    private var nextID = 0
    private var closed = false

    init(limit: Int) { self.limit = max(1, limit) }

    var count: Int { lock.withLock { streams.count } }

    /// A stream of ready-to-send SSE messages; nil only once the server is stopping.
    func subscribe() -> AsyncStream<String>? {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let admitted: (id: Int, evicted: [AsyncStream<String>.Continuation])? = lock.withLock {
            guard !closed else { return nil }
            var evicted: [AsyncStream<String>.Continuation] = []
            // IDs grow with every stream, so the smallest is the oldest.
            while streams.count >= limit, let oldest = streams.keys.min() {
                evicted.append(streams.removeValue(forKey: oldest)!)
            }
            nextID += 1
            streams[nextID] = continuation
            return (nextID, evicted)
        }
        guard let admitted else { return nil }
        for old in admitted.evicted { old.finish() }
        let id = admitted.id
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        return stream
    }

    private func remove(_ id: Int) { _ = lock.withLock { streams.removeValue(forKey: id) } }

    /// `event: reload` to every open page.
    func broadcast(event: String, data: String) {
        send("event: \(event)\ndata: \(data)\n\n")
    }

    /// A comment line: keeps proxies from timing out and finds streams whose reader has gone.
    func keepAlive() { send(": keep-alive\n\n") }

    private func send(_ message: String) {
        let targets = lock.withLock { Array(streams.values) }
        for continuation in targets { continuation.yield(message) }
    }

    /// Ends every stream (server shutdown).
    func closeAll() {
        let targets: [AsyncStream<String>.Continuation] = lock.withLock {
            closed = true
            defer { streams.removeAll() }
            return Array(streams.values)
        }
        for continuation in targets { continuation.finish() }
    }
}
