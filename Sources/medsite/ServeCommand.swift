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
        "The address to listen on. Default 127.0.0.1 (this computer only); 0.0.0.0 makes the preview reachable from the network.",
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
        Task {
            do {
                let server = try await PreviewServer.start(configuration) { line in
                    print(line)
                    fflush(nil)
                }
                print("Serving \(siteFolder) at \(server.url) · watching medsite.yml, Content/ and Templates/ · Ctrl-C stops")
                fflush(nil)
                try await server.wait()
            } catch {
                outcome.error = error
            }
            finished.signal()
        }
        let signalQueue = DispatchQueue(label: "medsite-serve-signals")
        // Ctrl-C or SIGTERM: nothing to flush (nothing is written), so stop at once.
        let signals = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: signalQueue)
            source.setEventHandler {
                print("Stopped.")
                fflush(nil)
                Foundation.exit(0)
            }
            source.resume()
            return source
        }
        _ = signals
        finished.wait()
        if let error = outcome.error {
            FileHandle.standardError.write(Data("medsite serve: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}

/// The error that ended the server, handed from its task to the main thread.
private final class Outcome: @unchecked Sendable {
    var error: Error?
}
