import Foundation

/// Runs the `medsite` binary built next to the test bundle, as a user would from a shell.
struct MedsiteProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// MEDSITE_TEST_BINARY runs the suite against another medsite (say an older build, to see a
    /// new test fail on it).
    static var binary: String {
        if let chosen = ProcessInfo.processInfo.environment["MEDSITE_TEST_BINARY"], !chosen.isEmpty { return chosen }
        let testBundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var directory = testBundle
        // The xctest bundle may sit one or two levels below the products folder.
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("medsite").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/medsite").path
    }

    @discardableResult
    static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
                    stdin: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        if let stdin {
            let input = Pipe()
            process.standardInput = input
            try process.run()
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }
        // Read both pipes before waiting, so a chatty process cannot block on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A temporary site folder with the given files.
    static func makeSite(_ files: [String: String]) throws -> String {
        let root = NSTemporaryDirectory() + "medsite-cli-" + UUID().uuidString
        for (path, text) in files {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }
}
