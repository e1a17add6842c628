import Foundation

/// The open Server-Sent Event streams. Bounded, so a runaway tab (or anyone else) opening streams
/// cannot exhaust the server: past `limit` a new stream is refused with 503.
final class EventHub: @unchecked Sendable {
    let limit: Int
    private let lock = NSLock()
    private var streams: [Int: AsyncStream<String>.Continuation] = [:]
    private var nextID = 0
    private var closed = false

    init(limit: Int) { self.limit = limit }

    var count: Int { lock.withLock { streams.count } }

    /// A stream of ready-to-send SSE messages, or nil when `limit` streams are already open.
    func subscribe() -> AsyncStream<String>? {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let id: Int? = lock.withLock {
            guard !closed, streams.count < limit else { return nil }
            nextID += 1
            streams[nextID] = continuation
            return nextID
        }
        guard let id else { return nil }
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
