import Foundation
import Hummingbird
import Logging

/// An HTTP server on 127.0.0.1 (a free port) whose paths each script one case a link checker
/// meets on the web. It records every request and the most requests it ever had in flight at once.
/// Never the internet: every address the tests check is this server, a `.invalid` name or a
/// closed local port.
final class ScriptedServer: Sendable {
    let port: Int
    let log: RequestLog
    private let task: Task<Void, Error>

    private init(port: Int, log: RequestLog, task: Task<Void, Error>) {
        self.port = port
        self.log = log
        self.task = task
    }

    static func start() async throws -> ScriptedServer {
        let log = RequestLog()
        let bound = PortBox()
        let app = Application(
            responder: ScriptedResponder(log: log),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: "scripted"),
            onServerRunning: { channel in bound.resolve(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "scripted", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let task = Task { try await app.run() }
        return ScriptedServer(port: await bound.value(), log: log, task: task)
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    func stop() async {
        task.cancel()
        _ = await task.result
    }
}

/// Every request the server saw, and the peak number in flight.
actor RequestLog {
    private(set) var requests: [String] = []
    private var inFlight = 0
    private(set) var peakInFlight = 0
    private var counts: [String: Int] = [:]

    /// The request's number for its path (1 for the first), so a path can answer differently later.
    func started(_ method: String, _ path: String) -> Int {
        requests.append("\(method) \(path)")
        inFlight += 1
        peakInFlight = max(peakInFlight, inFlight)
        counts[path, default: 0] += 1
        return counts[path]!
    }

    func finished() { inFlight -= 1 }

    func requests(to path: String) -> [String] { requests.filter { $0.hasSuffix(" " + path) } }
}

final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var port: Int?
    private var waiter: CheckedContinuation<Int, Never>?

    func resolve(_ value: Int) {
        let waiter: CheckedContinuation<Int, Never>? = lock.withLock {
            port = value
            defer { self.waiter = nil }
            return self.waiter
        }
        waiter?.resume(returning: value)
    }

    func value() async -> Int {
        await withCheckedContinuation { continuation in
            let ready: Int? = lock.withLock {
                if port == nil { waiter = continuation }
                return port
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}

/// The script: one case per path.
struct ScriptedResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let log: RequestLog

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        let path = request.uri.path
        let method = request.method.rawValue
        let count = await log.started(method, path)
        let response = await answer(path: path, isHead: request.method == .head, count: count)
        await log.finished()
        return response
    }

    func answer(path: String, isHead: Bool, count: Int) async -> Response {
        func status(_ code: Int, location: String? = nil, allow: String? = nil, retryAfter: String? = nil) -> Response {
            var response = Response(status: .init(code: code),
                                    body: isHead ? .init() : .init(byteBuffer: ByteBuffer(string: "page \(path)\n")))
            if let location { response.headers[.location] = location }
            if let allow { response.headers[.allow] = allow }
            if let retryAfter { response.headers[.retryAfter] = retryAfter }
            return response
        }
        func redirect(_ code: Int, to location: String) -> Response { status(code, location: location) }
        switch path {
        case "/ok", "/chain-end", "/other": return status(200)
        case "/head-refused": return isHead ? status(405, allow: "GET") : status(200)
        case "/head-broken": return isHead ? status(404) : status(200) // a server that answers HEAD wrongly
        case "/chain-start": return redirect(301, to: "/chain-middle")
        case "/chain-middle": return redirect(308, to: "/chain-end")
        case "/temporary": return redirect(302, to: "/other")
        case "/permanent-then-temporary": return redirect(301, to: "/temporary")
        case "/moved-then-missing": return redirect(301, to: "/missing")
        case "/missing": return status(404)
        case "/gone": return status(410)
        case "/no-location": return status(301)
        case "/to-ftp": return redirect(301, to: "ftp://files.example.invalid/leaflet.pdf")
        case "/loop-a": return redirect(302, to: "/loop-b")
        case "/loop-b": return redirect(302, to: "/loop-a")
        case "/busy": return status(429, retryAfter: "0")
        case "/busy-long": return status(429, retryAfter: "3600")
        case "/busy-once": return count == 1 ? status(429, retryAfter: "0") : status(200)
        case "/failing": return status(503)
        case "/failing-once": return count <= 2 ? status(500) : status(200) // HEAD 500, GET 500, then well
        case "/forbidden": return status(403)
        case "/slow":
            try? await Task.sleep(nanoseconds: 6_000_000_000) // past any timeout the tests set
            return status(200)
        default:
            if path.hasPrefix("/held/") {
                try? await Task.sleep(nanoseconds: 300_000_000)
                return status(200)
            }
            return status(404)
        }
    }
}
