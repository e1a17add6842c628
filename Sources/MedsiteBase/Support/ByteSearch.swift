#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Substring search on the UTF-8 bytes with memmem. Foundation's `contains(_:)` bridges both
    /// strings to UTF-16 (CFStringFind): callgrind showed it at 47% of a build's instructions when
    /// run on every rendered page.
    package func containsBytes(_ needle: String) -> Bool {
        if needle.isEmpty { return true }
        let found = utf8.withContiguousStorageIfAvailable { haystack in
            needle.utf8.withContiguousStorageIfAvailable { needle in
                Self.find(needle, in: haystack)
            }
        }
        if let found = found ?? nil { return found }
        // Bridged or lazily-stored strings: copy into native storage first.
        var haystack = self, copy = needle
        haystack.makeContiguousUTF8()
        copy.makeContiguousUTF8()
        return haystack.containsBytes(copy)
    }

    /// memchr for the first byte, memcmp for the rest (Swift's Glibc module does not export memmem).
    fileprivate static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = haystack.baseAddress, let needleBase = needle.baseAddress, needle.count <= haystack.count else {
            return false
        }
        let first = Int32(needle[0])
        var start = 0
        let lastStart = haystack.count - needle.count
        while start <= lastStart {
            guard let hit = memchr(base + start, first, lastStart - start + 1) else { return false }
            let offset = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
            if memcmp(base + offset, needleBase, needle.count) == 0 { return true }
            start = offset + 1
        }
        return false
    }
}

extension Array where Element == UInt8 {
    /// `String.containsBytes` on bytes (a rendered page before it is written).
    package func containsBytes(_ needle: String) -> Bool {
        if needle.isEmpty { return true }
        var needle = needle
        return withUnsafeBufferPointer { haystack in
            needle.withUTF8 { String.find($0, in: haystack) }
        }
    }
}
