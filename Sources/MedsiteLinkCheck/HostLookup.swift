import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a host name exists, asked once per host before any request. getaddrinfo's own answer
/// tells "there is no such site" (an error: the source is dead) from "the name could not be looked
/// up just now" (the network or DNS server: a warning), which an HTTP client's error does not.
enum HostLookup: Sendable, Equatable {
    case found
    case noSuchHost
    case failed(String)

    /// The lookup, on a thread of its own (getaddrinfo blocks).
    static func lookUp(_ host: String) async -> HostLookup {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: lookUpBlocking(host)) }
        }
    }

    /// glibc's EAI_NODATA (the name exists but has no address), which Swift's Glibc module hides.
    static let noAddress: Int32 = -5

    static func lookUpBlocking(_ host: String) -> HostLookup {
        // IP literals ([::1] as written in an address) need no lookup.
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(name, nil, &hints, &result)
        if let result { freeaddrinfo(result) }
        switch status {
        case 0: return .found
        case EAI_NONAME, Self.noAddress: return .noSuchHost
        default: return .failed(String(cString: gai_strerror(status)))
        }
    }
}

/// One lookup per host however many requests go to it, shared by concurrent requests.
actor HostLookups {
    private var lookups: [String: Task<HostLookup, Never>] = [:]

    func lookUp(_ host: String) async -> HostLookup {
        if let pending = lookups[host] { return await pending.value }
        let task = Task { await HostLookup.lookUp(host) }
        lookups[host] = task
        return await task.value
    }
}
