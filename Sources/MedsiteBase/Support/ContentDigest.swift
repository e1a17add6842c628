import Crypto

/// A SHA-256 digest. Where a hash decides what is rebuilt (the build cache), two texts with one
/// digest would let an edit go unpublished, so the hash is cryptographic: nobody can craft a
/// changed dose that keeps the digest (the 64-bit hash it replaced could be steered, issue 14).
public struct ContentDigest: Hashable, Sendable {
    package let a: UInt64, b: UInt64, c: UInt64, d: UInt64

    public static let zero = ContentDigest(a: 0, b: 0, c: 0, d: 0)

    package init(a: UInt64, b: UInt64, c: UInt64, d: UInt64) {
        self.a = a; self.b = b; self.c = c; self.d = d
    }

    init(_ digest: SHA256.Digest) {
        var words: [UInt64] = [0, 0, 0, 0]
        digest.withUnsafeBytes { bytes in
            for index in 0..<4 { words[index] = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)) }
        }
        self.init(a: words[0], b: words[1], c: words[2], d: words[3])
    }

    /// 64 lower-case hex digits, as `sha256sum` prints.
    package var hex: String {
        String(unsafeUninitializedCapacity: 64) { buffer in
            let digits: StaticString = "0123456789abcdef"
            for (wordIndex, word) in [a, b, c, d].enumerated() {
                for nibble in 0..<16 {
                    buffer[wordIndex * 16 + nibble] = digits.utf8Start[Int(word >> UInt64(60 - 4 * nibble) & 0xF)]
                }
            }
            return 64
        }
    }

    /// Generic, but read through contiguous storage when there is one: unspecialised across the
    /// module boundary, the byte loop went through witness tables for every byte (the review ledger
    /// and the build cache read one digest per page).
    package init?<Bytes: Collection>(hex bytes: Bytes) where Bytes.Element == UInt8 {
        let parsed = bytes.withContiguousStorageIfAvailable { Self.parse(hex: $0) }
            ?? Array(bytes).withUnsafeBufferPointer { Self.parse(hex: $0) }
        guard let parsed else { return nil }
        self = parsed
    }

    private static func parse(hex bytes: UnsafeBufferPointer<UInt8>) -> ContentDigest? {
        guard bytes.count == 64 else { return nil }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for wordIndex in 0..<4 {
            var word: UInt64 = 0
            for index in wordIndex * 16..<wordIndex * 16 + 16 {
                let byte = bytes[index]
                let value: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
                default: return nil
                }
                word = word << 4 | UInt64(value)
            }
            switch wordIndex {
            case 0: words.0 = word
            case 1: words.1 = word
            case 2: words.2 = word
            default: words.3 = word
            }
        }
        return ContentDigest(a: words.0, b: words.1, c: words.2, d: words.3)
    }
}
