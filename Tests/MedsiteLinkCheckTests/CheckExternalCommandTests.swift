import Foundation
import Testing

/// The real `medsite check --external` against the scripted server: exit status, GitHub annotations,
/// the JSON results, the cache file, and options that need --external.
@Suite struct CheckExternalCommandTests {
    static var binary: String {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("medsite").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/medsite").path
    }

    /// Runs medsite on a thread of its own, so the server in this process keeps answering.
    static func run(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: binary)
                    process.arguments = arguments
                    var environment = ProcessInfo.processInfo.environment
                    environment["NO_COLOR"] = "1"
                    process.environment = environment
                    let out = Pipe(), err = Pipe()
                    process.standardOutput = out
                    process.standardError = err
                    process.standardInput = FileHandle.nullDevice
                    try process.run()
                    nonisolated(unsafe) var errData = Data()
                    let group = DispatchGroup()
                    group.enter()
                    DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
                    let outData = out.fileHandleForReading.readDataToEndOfFile()
                    group.wait()
                    process.waitUntilExit()
                    continuation.resume(returning: (process.terminationStatus, String(decoding: outData, as: UTF8.self),
                                                    String(decoding: errData, as: UTF8.self)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    @Test func githubAnnotationsAndExitStatus() async throws {
        let server = try await ScriptedServer.start()
        defer { Task { await server.stop() } }
        let root = try ExternalLinkCheckTests.site([
            "Content/a.md": ExternalLinkCheckTests.article(sources: [server.url("/missing"), server.url("/chain-start")],
                                                           links: [server.url("/ok")]),
        ])
        let result = try await Self.run(["check", "--site", root, "--now", "2026-11-23", "--external", "--timeout", "10",
                                         "--format", "github"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let dead = try #require(lines.first { $0.contains("[source-dead]") }, "\(result.stdout)")
        #expect(dead.hasPrefix("::error file=\(root)/Content/a.md,line=8,col=10,title=medsite [source-dead]::"), "\(dead)")
        #expect(dead.contains("sources[1].url '\(server.url("/missing"))' is dead: the site answered 404 Not Found"))
        let moved = try #require(lines.first { $0.contains("[source-moved]") }, "\(result.stdout)")
        #expect(moved.hasPrefix("::warning file=\(root)/Content/a.md,line=11,col=10,title=medsite [source-moved]::"), "\(moved)")
        #expect(moved.hasSuffix("update the url to \(server.url("/chain-end"))"), "\(moved)")
        #expect(lines.last?.hasPrefix("Checked 1 article and 3 external addresses in ") == true, "\(result.stdout)")
        #expect(FileManager.default.fileExists(atPath: root + "/.medsite-cache/external-links.json"))

        // The repeat run answers from the cache: the server sees no request, the findings are the same.
        let asked = server.log.requests.count
        let again = try await Self.run(["check", "--site", root, "--now", "2026-11-23", "--external", "--format", "json"])
        #expect(again.status == 1)
        #expect(server.log.requests.count == asked)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        let links = try #require(object["external_links"] as? [[String: Any]])
        #expect(links.count == 3)
        let missing = try #require(links.first { $0["url"] as? String == server.url("/missing") })
        #expect(missing["result"] as? String == "dead")
        #expect(missing["status"] as? Int == 404)
        #expect(missing["from_cache"] as? Bool == true)
        #expect((missing["uses"] as? [[String: Any]])?.first?["line"] as? Int == 8)
        #expect((object["summary"] as? String)?.contains("3 external addresses (3 from the last day's check)") == true)
    }

    @Test func externalOptionsNeedExternal() async throws {
        let result = try await Self.run(["check", "--refresh"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--refresh only applies with --external"), "\(result.stderr)")
    }
}
