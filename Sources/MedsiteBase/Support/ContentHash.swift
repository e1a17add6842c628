/// 64-bit content hash (multiply-xorshift over 8-byte words): fast enough to hash every input
/// of a 100k-article site on each build; not cryptographic, which a build cache does not need.
package struct ContentHash {
    package private(set) var value: UInt64 = 0x9E37_79B9_7F4A_7C15

    package init() {}

    package mutating func add(_ word: UInt64) {
        value = Self.mix(value ^ word)
    }

    package mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(Self.digest(UnsafeRawBufferPointer($0))) }
    }

    package static func mix(_ x: UInt64) -> UInt64 {
        var x = x
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }

    package static func digest(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D ^ UInt64(bytes.count)
        var index = 0
        while index + 8 <= bytes.count {
            state = mix(state ^ bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &+ 0x9E37_79B9_7F4A_7C15
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        return mix(state ^ tail ^ 0xA5)
    }
}
