import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import MedsiteCore

/// `medsite serve`: builds the site in memory, serves it over HTTP, rebuilds on every change and
/// tells open pages to reload.
public final class PreviewServer: @unchecked Sendable {
    public let port: Int
    public let host: String
    let state: PreviewState
    let hub: EventHub
    let watcher: ContentWatcher
    private let serverTask: Task<Void, Error>
    private let keepAliveTask: Task<Void, Never>
    private let log: @Sendable (String) -> Void

    /// Builds the site, starts watching and listening; returns once the port is bound.
    public static func start(_ configuration: PreviewConfiguration,
                             log: @escaping @Sendable (String) -> Void = { print($0) }) async throws -> PreviewServer {
        let started = DispatchTime.now().uptimeNanoseconds
        let site = PreviewSite.build(configuration.build)
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        let state = PreviewState(site)
        let hub = EventHub(limit: configuration.maxEventStreams)
        let watcher: ContentWatcher
        do {
            watcher = try ContentWatcher(siteDirectory: configuration.build.siteDirectory,
                                         quietMilliseconds: configuration.debounceMilliseconds)
        } catch {
            throw PreviewServerError.watcher("\(error)")
        }

        let bound = BoundPort()
        let app = Application(
            responder: PreviewResponder(state: state, hub: hub, allowedHosts: AllowedHosts(listenHost: configuration.host),
                                        contentFiles: ContentFileReader(siteDirectory: configuration.build.siteDirectory)),
            server: HTTPServerBuilder { responder in
                PreviewHTTPChannel(http1: HTTP1Channel(responder: responder, configuration: .init(
                    idleTimeout: .seconds(120),
                    httpDecoderConfiguration: .init(maxHeaderFieldSize: 16 * 1024, maxHeaderListSize: 32 * 1024, maxHeaderFieldCount: 100))))
            },
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port),
                                                    serverName: "medsite-preview"),
            onServerRunning: { channel in bound.resolve(.success(channel.localAddress?.port ?? configuration.port)) },
            logger: Logger(label: "medsite-preview", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let serverTask = Task {
            do {
                try await app.run()
            } catch {
                bound.resolve(.failure(Self.describe(error, host: configuration.host, port: configuration.port)))
                throw error
            }
        }
        let port: Int
        do {
            port = try await bound.value()
        } catch {
            serverTask.cancel()
            throw error
        }
        let interval = configuration.keepAliveSeconds
        let keepAliveTask = Task {
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: UInt64(interval * 1e9))
                hub.keepAlive()
            }
        }
        let server = PreviewServer(port: port, host: configuration.host, state: state, hub: hub, watcher: watcher,
                                   serverTask: serverTask, keepAliveTask: keepAliveTask, log: log)
        log(Rebuilder.summaryLine("Built \(site.pages.count) pages", site: site, milliseconds: milliseconds))
        for diagnostic in site.allDiagnostics where diagnostic.severity != .note { log("  " + diagnostic.formatted) }
        let rebuilder = Rebuilder(options: configuration.build, state: state, hub: hub, log: log)
        watcher.start { batch in rebuilder.handle(batch) }
        return server
    }

    private init(port: Int, host: String, state: PreviewState, hub: EventHub, watcher: ContentWatcher,
                 serverTask: Task<Void, Error>, keepAliveTask: Task<Void, Never>, log: @escaping @Sendable (String) -> Void) {
        self.port = port
        self.host = host
        self.state = state
        self.hub = hub
        self.watcher = watcher
        self.serverTask = serverTask
        self.keepAliveTask = keepAliveTask
        self.log = log
    }

    public var url: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "http://\(shownHost):\(port)/"
    }

    /// The generation of the site being served (+1 per rebuild).
    public var generation: Int { state.snapshot.generation }

    /// Stops watching, ends the event streams and closes the listening socket.
    public func stop() async {
        watcher.stop()
        keepAliveTask.cancel()
        hub.closeAll()
        serverTask.cancel()
        _ = await serverTask.result
    }

    /// Waits until the server stops (it does not stop by itself).
    public func wait() async throws {
        try await serverTask.value
    }

    static func describe(_ error: Error, host: String, port: Int) -> PreviewServerError {
        let text = "\(error)"
        if text.contains("Address already in use") || text.contains("errno: 98") {
            return .portInUse(host: host, port: port)
        }
        return .cannotListen(host: host, port: port, reason: text)
    }
}
