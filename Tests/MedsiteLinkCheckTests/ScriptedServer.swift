import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// An HTTP server on 127.0.0.1 (a free port) whose paths each script one case a link checker
/// meets on the web. It records every request and the most requests it ever had in flight at once.
/// Never the internet: every address the tests check is this server, a `.invalid` name or a
/// closed local port.
///
/// Plain SwiftNIO, so it answers from NIO's event-loop threads: a server on Swift's cooperative
/// threads answered late (past the client's timeout) while the rest of the test suite kept those
/// threads busy.
final class ScriptedServer: Sendable {
    let port: Int
    let log: RequestLog
    private let channel: any Channel

    private init(port: Int, log: RequestLog, channel: any Channel) {
        self.port = port
        self.log = log
        self.channel = channel
    }

    static func start() async throws -> ScriptedServer {
        let log = RequestLog()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(ScriptedHandler(log: log))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return ScriptedServer(port: channel.localAddress?.port ?? 0, log: log, channel: channel)
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    func stop() async {
        try? await channel.close()
    }
}

/// Every request the server saw, and the peak number in flight.
final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var all: [String] = []
    private var current = 0
    private var peak = 0
    private var counts: [String: Int] = [:]

    var requests: [String] { lock.withLock { all } }
    var peakInFlight: Int { lock.withLock { peak } }
    var inFlight: Int { lock.withLock { current } }

    /// The request's number for its path (1 for the first), so a path can answer differently later.
    func started(_ method: String, _ path: String) -> Int {
        lock.withLock {
            all.append("\(method) \(path)")
            current += 1
            peak = max(peak, current)
            counts[path, default: 0] += 1
            return counts[path]!
        }
    }

    func finished() { lock.withLock { current -= 1 } }

    func requests(to path: String) -> [String] { requests.filter { $0.hasSuffix(" " + path) } }
}

/// What the script answers to one request.
struct ScriptedAnswer {
    var status: Int
    var headers: [(String, String)] = []
    /// Answer only after this long.
    var delay: TimeAmount = .zero
    /// Hold the answer until this many requests are in flight together (at most 5 s), then `delay`.
    var together = 0

    /// The script: one case per path.
    static func forPath(_ path: String, count: Int, isHead: Bool) -> ScriptedAnswer {
        func redirect(_ code: Int, to location: String) -> ScriptedAnswer { ScriptedAnswer(status: code, headers: [("Location", location)]) }
        switch path {
        case "/ok", "/chain-end", "/other": return ScriptedAnswer(status: 200)
        case "/head-refused": return isHead ? ScriptedAnswer(status: 405, headers: [("Allow", "GET")]) : ScriptedAnswer(status: 200)
        case "/head-broken": return ScriptedAnswer(status: isHead ? 404 : 200) // a server that answers HEAD wrongly
        case "/chain-start": return redirect(301, to: "/chain-middle")
        case "/chain-middle": return redirect(308, to: "/chain-end")
        case "/temporary": return redirect(302, to: "/other")
        case "/permanent-then-temporary": return redirect(301, to: "/temporary")
        case "/moved-then-missing": return redirect(301, to: "/missing")
        case "/missing": return ScriptedAnswer(status: 404)
        case "/gone": return ScriptedAnswer(status: 410)
        case "/no-location": return ScriptedAnswer(status: 301)
        case "/to-ftp": return redirect(301, to: "ftp://files.example.invalid/leaflet.pdf")
        case "/loop-a": return redirect(302, to: "/loop-b")
        case "/loop-b": return redirect(302, to: "/loop-a")
        case "/busy": return ScriptedAnswer(status: 429, headers: [("Retry-After", "0")])
        case "/busy-long": return ScriptedAnswer(status: 429, headers: [("Retry-After", "3600")])
        case "/busy-once": return count == 1 ? ScriptedAnswer(status: 429, headers: [("Retry-After", "0")]) : ScriptedAnswer(status: 200)
        case "/failing": return ScriptedAnswer(status: 503)
        case "/failing-once": return ScriptedAnswer(status: count <= 2 ? 500 : 200) // HEAD 500, GET 500, then well
        case "/forbidden": return ScriptedAnswer(status: 403)
        case "/slow": return ScriptedAnswer(status: 200, delay: .seconds(6)) // past any timeout the tests set
        default:
            // /held/K/N: held until K requests are in flight together, then 0.2 s more.
            let parts = path.split(separator: "/")
            if parts.count == 3, parts[0] == "held", let together = Int(parts[1]) {
                return ScriptedAnswer(status: 200, delay: .milliseconds(200), together: together)
            }
            return ScriptedAnswer(status: 404)
        }
    }
}

final class ScriptedHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    let log: RequestLog
    private var head: HTTPRequestHead?

    init(log: RequestLog) { self.log = log }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): self.head = head
        case .body: break
        case .end:
            guard let head else { return }
            let path = String(head.uri.prefix { $0 != "?" })
            let isHead = head.method == .HEAD
            let answer = ScriptedAnswer.forPath(path, count: log.started(head.method.rawValue, path), isHead: isHead)
            let loop = context.eventLoop.assumeIsolated()
            let started = NIODeadline.now()
            func waitForOthers() {
                if log.inFlight >= answer.together || NIODeadline.now() - started > .seconds(5) {
                    loop.scheduleTask(in: answer.delay) { self.respond(context: context, head: head, answer: answer, path: path) }
                } else {
                    loop.scheduleTask(in: .milliseconds(5)) { waitForOthers() }
                }
            }
            waitForOthers()
        }
    }

    func respond(context: ChannelHandlerContext, head: HTTPRequestHead, answer: ScriptedAnswer, path: String) {
        let body = "page \(path)\n"
        var headers = HTTPHeaders([("Content-Length", "\(body.utf8.count)"), ("Content-Type", "text/plain")])
        for (name, value) in answer.headers { headers.add(name: name, value: value) }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: HTTPResponseStatus(statusCode: answer.status),
                                                             headers: headers))), promise: nil)
        if head.method != .HEAD { context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        log.finished()
    }
}
