import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `medsite serve` as a user runs it: the real binary, a real port, Ctrl-C (SIGTERM here) to stop.
@Suite(.serialized) struct ServeCommandTests {
    static let article = """
    ---
    title: "Eating well"
    description: "A short description of the page for patients."
    last_reviewed: 2026-04-07
    reviewed_by: "Dr Jane Smith, MD"
    sources:
      - title: "NHS: eating well"
        url: "https://www.nhs.uk/live-well/eat-well/"
    ---

    Eat plenty of vegetables.
    """

    /// Starts `medsite serve` and returns it with the port it printed; the caller must terminate it.
    static func startServer(_ arguments: [String]) throws -> (Process, Int, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: MedsiteProcess.binary)
        process.arguments = ["serve"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
            if let match = text.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                let port = Int(text[match].dropFirst("http://127.0.0.1:".count).dropLast())!
                return (process, port, output)
            }
        }
        process.terminate()
        throw ServeTestFailure(description: "no URL printed: \(text)")
    }

    static func get(port: Int, _ path: String) throws -> String {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw ServeTestFailure(description: "connect failed") }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            data += buffer[..<count]
        }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func servesTheSiteRefusesATakenPortAndStopsOnSignal() throws {
        let site = try MedsiteProcess.makeSite(["medsite.yml": BuildCommandTests.settings, "Content/eating-well.md": Self.article])
        defer { try? FileManager.default.removeItem(atPath: site) }
        let (server, port, output) = try Self.startServer(["--site", site, "--port", "0", "--now", "2026-11-23"])
        defer { if server.isRunning { server.terminate() } }

        let page = try Self.get(port: port, "/eating-well/")
        #expect(page.hasPrefix("HTTP/1.1 200"))
        #expect(page.contains("Eat plenty of vegetables."))
        #expect(page.contains("medsite-live-reload"))

        let taken = try MedsiteProcess.run(["serve", "--site", site, "--port", String(port), "--now", "2026-11-23"])
        #expect(taken.status == 2)
        #expect(taken.stderr.contains("port \(port) on 127.0.0.1 is already in use"))

        server.terminate()
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
        let rest = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(rest.contains("Stopped."))
        // The preview never writes Output/.
        #expect(!FileManager.default.fileExists(atPath: site + "/Output"))
    }

    @Test func badPortIsAUsageError() throws {
        let result = try MedsiteProcess.run(["serve", "--port", "70000"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--port must be between 0 and 65535"))
    }
}

struct ServeTestFailure: Error, CustomStringConvertible { let description: String }
