import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 client over a raw socket: it sends the request target exactly as given
/// (URLSession would normalise `/../`), and reads event streams line by line with timeouts.
struct RawHTTP {
    struct Response {
        let status: Int
        let headers: [String: String]
        let body: String
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    static func connect(port: Int) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(socket); throw Failure(description: "connect to port \(port): errno \(errno)") }
        return socket
    }

    static func send(_ socket: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw Failure(description: "send failed: errno \(errno)") }
            sent += count
        }
    }

    /// Reads what is available within `timeout` seconds; nil at end of stream.
    static func receive(_ socket: Int32, timeout: Double) throws -> [UInt8]? {
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(timeout * 1000))
        if ready == 0 { return [] }
        guard ready > 0 else { throw Failure(description: "poll failed: errno \(errno)") }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        if count <= 0 { return nil }
        return Array(buffer[..<count])
    }

    /// One request on its own connection (`Connection: close`), read to the end.
    static func request(port: Int, _ target: String, method: String = "GET", headers: [String] = [],
                        timeout: Double = 30) throws -> Response {
        let socket = try connect(port: port)
        defer { close(socket) }
        let extra = headers.map { $0 + "\r\n" }.joined()
        try send(socket, "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\(extra)Connection: close\r\n\r\n")
        var data: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard let chunk = try receive(socket, timeout: 0.5) else { break }
            data += chunk
        }
        return try parse(data)
    }

    static func parse(_ data: [UInt8]) throws -> Response {
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw Failure(description: "no complete response: \(text.prefix(200))") }
        let head = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure(description: "bad status line \(head[0])") }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: String(text[split.upperBound...]))
    }
}

/// An open `/__medsite/events` stream.
final class EventStream {
    let socket: Int32
    private(set) var buffer = ""
    let status: Int

    init(port: Int) throws {
        socket = try RawHTTP.connect(port: port)
        try RawHTTP.send(socket, "GET /__medsite/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        let deadline = Date().addingTimeInterval(30)
        while !buffer.contains("\r\n\r\n"), Date() < deadline {
            guard let chunk = try RawHTTP.receive(socket, timeout: 0.5) else { break }
            buffer += String(decoding: chunk, as: UTF8.self)
        }
        guard let end = buffer.range(of: "\r\n\r\n") else { close(socket); throw RawHTTP.Failure(description: "no response head") }
        let statusLine = buffer[..<end.lowerBound].split(separator: "\r\n").first ?? ""
        status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
        buffer = String(buffer[end.upperBound...])
    }

    deinit { close(socket) }

    /// The data of the next event named `name`, skipping others; nil when none arrives in time.
    func next(_ name: String, timeout: Double = 30) throws -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            // Events are separated by a blank line; chunked framing lines are skipped by the parser.
            while let end = buffer.range(of: "\n\n") {
                let block = String(buffer[..<end.lowerBound])
                buffer = String(buffer[end.upperBound...])
                var event = "message", data: [String] = []
                // "\r\n" (chunk framing) is one Character in Swift, so split on every line ending.
                for trimmed in block.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
                    if trimmed.hasPrefix("event: ") { event = String(trimmed.dropFirst(7)) }
                    if trimmed.hasPrefix("data: ") { data.append(String(trimmed.dropFirst(6))) }
                }
                if event == name { return data.joined(separator: "\n") }
            }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return nil }
            guard let chunk = try RawHTTP.receive(socket, timeout: min(remaining, 0.5)) else { return nil }
            buffer += String(decoding: chunk, as: UTF8.self)
        }
    }
}

/// Blocking socket calls run on a GCD thread, never on Swift's small cooperative pool, which the
/// server's own tasks need (on 2 cores, two blocked test tasks would starve it).
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}

extension RawHTTP.Response: @unchecked Sendable {}
extension EventStream: @unchecked Sendable {}

extension RawHTTP {
    static func fetch(port: Int, _ target: String, method: String = "GET", headers: [String] = []) async throws -> Response {
        try await offPool { try request(port: port, target, method: method, headers: headers) }
    }
}

extension EventStream {
    static func open(port: Int) async throws -> EventStream { try await offPool { try EventStream(port: port) } }
    func nextEvent(_ name: String, timeout: Double = 30) async throws -> String? {
        try await offPool { try self.next(name, timeout: timeout) }
    }
}

extension RawHTTP {
    /// Sends `head` exactly as given (request line and headers, no Host added) and reads the answer
    /// to the end; for requests a browser would never send, such as a foreign Host or an absolute target.
    static func exchange(port: Int, _ head: String, timeout: Double = 30) throws -> Response {
        let socket = try connect(port: port)
        defer { close(socket) }
        try send(socket, head.hasSuffix("\r\n\r\n") ? head : head + "\r\n\r\n")
        var data: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard let chunk = try receive(socket, timeout: 0.5) else { break }
            data += chunk
        }
        return try parse(data)
    }

    static func send(port: Int, _ head: String) async throws -> Response {
        try await offPool { try exchange(port: port, head) }
    }
}

extension EventStream {
    /// True once the server has ended the response within `timeout`: its last chunk (`0`, which
    /// EventSource takes as the end of the stream and reconnects), or end of file on the socket.
    func endsWithin(_ timeout: Double) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var received = buffer
        while Date() < deadline {
            guard let chunk = try RawHTTP.receive(socket, timeout: 0.5) else { return true }
            received += String(decoding: chunk, as: UTF8.self)
            if received.hasPrefix("0\r\n\r\n") || received.contains("\r\n0\r\n\r\n") { return true }
        }
        return false
    }

    func ends(within timeout: Double) async throws -> Bool { try await offPool { try self.endsWithin(timeout) } }
}
