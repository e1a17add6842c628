#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MedsiteBase
import MedsiteParse

/// Syllable counts of the tokens of one article, keyed by the token's bytes: an open-addressing
/// table over a byte arena, as hashing an `ArraySlice<UInt8>` key through `Hasher` cost more than
/// counting the syllables.
struct SyllableCache {
    private var arena: [UInt8] = []
    /// Per entry: where its bytes start in `arena`, how many there are, its hash and its count.
    private var entries: [(start: Int, length: Int, hash: UInt64, syllables: Int)] = []
    /// Entry number + 1 per slot, 0 when empty; the count of slots is a power of two.
    private var slots = [Int](repeating: 0, count: 1024)

    /// FNV-1a, computed by the caller while it finds the token's end.
    static let initialHash: UInt64 = 0xcbf29ce484222325
    @inline(__always)
    static func hash(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x100000001b3 }

    mutating func count(_ token: UnsafeBufferPointer<UInt8>) -> Int {
        count(token, hash: token.reduce(Self.initialHash, Self.hash))
    }

    mutating func count(_ token: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        guard !token.isEmpty else { return Syllables.count(token) }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        // The probe reads the tables through pointers: each word of every page comes here.
        let known: Int? = slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                arena.withUnsafeBufferPointer { arena in
                    while slots[slot] != 0 {
                        let entry = entries[slots[slot] - 1]
                        if entry.hash == hash, entry.length == token.count,
                           memcmp(arena.baseAddress! + entry.start, token.baseAddress!, token.count) == 0 {
                            return entry.syllables
                        }
                        slot = (slot + 1) & mask
                    }
                    return nil
                }
            }
        }
        if let known { return known }
        let syllables = Syllables.count(token)
        entries.append((arena.count, token.count, hash, syllables))
        arena.append(contentsOf: token)
        slots[slot] = entries.count
        if entries.count * 2 > slots.count { grow() }
        return syllables
    }

    private mutating func grow() {
        slots = [Int](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (number, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash ^ (entry.hash >> 29)) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = number + 1
        }
    }
}
