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
        [a, b, c, d].map { word in
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }

    package init?<Bytes: Collection>(hex bytes: Bytes) where Bytes.Element == UInt8 {
        guard bytes.count == 64 else { return nil }
        var words: [UInt64] = []
        var word: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            let value: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
            default: return nil
            }
            word = word << 4 | UInt64(value)
            if index % 16 == 15 { words.append(word); word = 0 }
        }
        self.init(a: words[0], b: words[1], c: words[2], d: words[3])
    }
}
