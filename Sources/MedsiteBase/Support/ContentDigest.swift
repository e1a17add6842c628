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

    /// Concrete, not generic over a collection: called across modules, the generic one ran
    /// unspecialized at some 3,000 instructions a byte (callgrind: half of a no-op rebuild's
    /// instructions went to reading the review ledger's fingerprints).
    package init?(hex bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 64 else { return nil }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for part in 0..<4 {
            var word: UInt64 = 0
            for index in (part * 16)..<(part * 16 + 16) {
                let byte = bytes[index]
                let value: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
                default: return nil
                }
                word = word << 4 | UInt64(value)
            }
            switch part {
            case 0: words.0 = word
            case 1: words.1 = word
            case 2: words.2 = word
            default: words.3 = word
            }
        }
        self.init(a: words.0, b: words.1, c: words.2, d: words.3)
    }

    package init?(hex bytes: [UInt8]) {
        guard let digest = bytes.withUnsafeBufferPointer({ ContentDigest(hex: $0) }) else { return nil }
        self = digest
    }

    package init?(hex text: Substring) {
        var text = text
        guard let digest = text.withUTF8({ ContentDigest(hex: $0) }) else { return nil }
        self = digest
    }
}
