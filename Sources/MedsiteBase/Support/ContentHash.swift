import Crypto

/// SHA-256 over a sequence of values, each framed by its length so no two sequences feed the same
/// bytes. `digest` hashes one file's bytes.
package struct ContentHash {
    private var hasher = SHA256()

    package init() {}

    package mutating func add(_ word: UInt64) {
        var word = word.littleEndian
        withUnsafeBytes(of: &word) { hasher.update(bufferPointer: $0) }
    }

    package mutating func add(_ text: String) {
        var text = text
        add(UInt64(text.utf8.count))
        text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }

    /// Bytes as they are (callers add their length first when it matters).
    package mutating func addBytes(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
    }

    /// The four words little-endian in one update, the bytes four `add(UInt64)` would feed.
    package mutating func add(_ digest: ContentDigest) {
        var words = (digest.a.littleEndian, digest.b.littleEndian, digest.c.littleEndian, digest.d.littleEndian)
        withUnsafeBytes(of: &words) { hasher.update(bufferPointer: $0) }
    }

    package static func digest(_ text: String) -> ContentDigest {
        var text = text
        return text.withUTF8 { digest(UnsafeRawBufferPointer($0)) }
    }

    package var value: ContentDigest { ContentDigest(hasher.finalize()) }

    package static func digest(_ bytes: UnsafeRawBufferPointer) -> ContentDigest {
        var hasher = SHA256()
        hasher.update(bufferPointer: bytes)
        return ContentDigest(hasher.finalize())
    }
}
