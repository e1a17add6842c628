#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Byte-wise substring search on UTF-8 (memchr for the first byte, then memcmp). Foundation's
    /// `contains` goes through CFString and UTF-16, which made the per-page safety-block checks the
    /// most expensive step of rendering.
    func containsBytes(_ needle: String) -> Bool {
        if needle.isEmpty { return true }
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { hay in
            needle.withUTF8 { part in
                guard let hayStart = hay.baseAddress, let partStart = part.baseAddress, part.count <= hay.count else { return false }
                let first = Int32(part[0])
                var offset = 0
                let lastStart = hay.count - part.count
                while offset <= lastStart {
                    guard let found = memchr(hayStart + offset, first, lastStart - offset + 1) else { return false }
                    let position = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - hayStart
                    if memcmp(hayStart + position, partStart, part.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }
}
