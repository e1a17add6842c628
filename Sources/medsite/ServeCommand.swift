import ArgumentParser
import Foundation
import MedsiteCore
import MedsitePreview

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site in a browser; pages reload when files change and show their problems.",
        discussion: """
        Builds the site in memory (Output/ is never touched), serves it on http://127.0.0.1:8080/ and \
        watches medsite.yml, Content/ and Templates/. After each save the affected pages are rebuilt \
        and open pages reload. Drafts are shown with a DRAFT banner. A page with problems shows them \
        in an overlay: rule, line, message and how to fix it. Stop with Ctrl-C. \
        Exit status: 2 when the port is taken or the address cannot be used.
        """
    )

    @OptionGroup var options: SiteOptions

    @Option(name: .long, help: ArgumentHelp("The port to listen on; 0 picks a free one.", valueName: "port"))
    var port: Int = 8080

    @Option(name: .long, help: ArgumentHelp(
        "The address to listen on. Default 127.0.0.1 (this computer only); 0.0.0.0 makes the preview reachable from the network. Requests must be addressed to localhost, a loopback address, this host or (with 0.0.0.0) an IP address.",
        valueName: "host"))
    var host: String = "127.0.0.1"

    @Flag(inversion: .prefixedNo, help: "Show draft articles (with a DRAFT banner).")
    var drafts = true

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, not \(port)") }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty") }
    }

    func run() throws {
        let siteFolder = options.site
        let build = try options.buildOptions(includeDrafts: drafts)
        let configuration = PreviewConfiguration(build: build, host: host, port: port)
        let outcome = Outcome()
        let finished = DispatchSemaphore(value: 0)
        // Installed before the first build, so Ctrl-C works while a large site is still building.
        let signals = StopSignals(outcome: outcome, finished: finished)
        Task {
            do {
                let server = try await PreviewServer.start(configuration) { line in
                    print(line)
                    fflush(nil)
                }
                outcome.server = server
                print("Serving \(siteFolder) at \(server.url) · watching medsite.yml, Content/ and Templates/ · Ctrl-C stops")
                fflush(nil)
                try await server.wait()
            } catch {
                if !outcome.stopping { outcome.error = error }
            }
            finished.signal()
        }
        // The signal sources must outlive the wait: in an optimised build the array of sources was
        // released as soon as it was last used, which cancelled them, and SIGINT/SIGTERM, set to
        // SIG_IGN for the sources, were then ignored for good (the release binary could not be stopped).
        withExtendedLifetime(signals) { finished.wait() }
        if let error = outcome.error {
            FileHandle.standardError.write(Data("medsite serve: \(error)\n".utf8))
            throw ExitCode(2)
        }
        outcome.sayStopped()
    }
}

/// SIGINT (Ctrl-C) and SIGTERM stop the server: the event streams of open pages are ended (so their
/// connections close cleanly), then the listening socket. Nothing needs flushing (the preview writes
/// no files), so if that takes more than `gracePeriod` the process exits anyway; a second signal
/// exits at once.
private final class StopSignals: @unchecked Sendable {
    static let gracePeriod = 0.8
    private let sources: [DispatchSourceSignal]

    init(outcome: Outcome, finished: DispatchSemaphore) {
        let queue = DispatchQueue(label: "medsite-serve-signals")
        sources = [SIGINT, SIGTERM].map { number in
            // Dispatch sees the signal only if its default action (ending the process) is turned off.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                guard !outcome.stopping, let server = outcome.server else {
                    // A second signal, or one during the first build (no server yet): stop now.
                    outcome.sayStopped()
                    Foundation.exit(0)
                }
                outcome.stopping = true
                queue.asyncAfter(deadline: .now() + Self.gracePeriod) {
                    outcome.sayStopped()
                    Foundation.exit(0)
                }
                Task {
                    await server.stop()
                    finished.signal()
                }
            }
            source.resume()
            return source
        }
    }
}

/// The server and the error that ended it, shared by its task, the signal handlers and the main thread.
private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var storedError: Error?
    private var storedServer: PreviewServer?
    private var storedStopping = false

    var error: Error? {
        get { lock.withLock { storedError } }
        set { lock.withLock { storedError = newValue } }
    }
    var server: PreviewServer? {
        get { lock.withLock { storedServer } }
        set { lock.withLock { storedServer = newValue } }
    }
    private var saidStopped = false

    /// Prints "Stopped." once, whichever of the main thread and the grace timer gets there first.
    func sayStopped() {
        guard lock.withLock({ defer { saidStopped = true }; return !saidStopped }) else { return }
        print("Stopped.")
        fflush(nil)
    }

    /// A signal asked the server to stop.
    var stopping: Bool {
        get { lock.withLock { storedStopping } }
        set { lock.withLock { storedStopping = newValue } }
    }
}
