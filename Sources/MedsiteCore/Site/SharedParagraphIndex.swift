import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MedsiteBase
import MedsiteValidate

/// Every article's long paragraphs (their hashes, `SharedParagraphs`), kept beside the build cache
/// so a one-edit rebuild can tell whether the edit shares a paragraph with another page, or stops
/// sharing one, without reading the other pages. Binary and flat (8 bytes a paragraph), since a
/// one-edit rebuild reads all of it; it belongs to one stored build, whose key and article digests
/// it carries, and is ignored (the rebuild runs in full) when they do not match.
///
///     medsite-paragraphs 1\n  key\n  count of articles, then for each article its count of hashes
///     (little-endian UInt32s), then every hash (UInt64s) in article order; the identity of the
///     articles (a digest of their digests) first.
struct SharedParagraphIndex: Equatable {
    static let fileName = "paragraphs.bin"
    static let magic = Array("medsite-paragraphs 1\n".utf8)

    var key: String
    /// `SharedParagraphIndex.identity` of the stored build's article digests.
    var identity: ContentDigest
    /// Article `i`'s hashes are `hashes[offsets[i]..<offsets[i + 1]]`.
    var offsets: [Int]
    var hashes: [UInt64]

    init(key: String, identity: ContentDigest, paragraphs: [[ParagraphKey]]) {
        self.key = key
        self.identity = identity
        offsets = [0]
        hashes = []
        for keys in paragraphs {
            hashes += keys.map(\.hash)
            offsets.append(hashes.count)
        }
    }

    var articleCount: Int { offsets.count - 1 }

    func hashes(of article: Int) -> ArraySlice<UInt64> { hashes[offsets[article]..<offsets[article + 1]] }

    /// Article `article`'s hashes replaced.
    mutating func replace(_ article: Int, with new: [UInt64]) {
        let range = offsets[article]..<offsets[article + 1]
        let shift = new.count - range.count
        hashes.replaceSubrange(range, with: new)
        if shift != 0 { for index in (article + 1)..<offsets.count { offsets[index] += shift } }
    }

    /// Which of these articles (positions) hold each of `wanted`, skipping `except`.
    func holders(of wanted: Set<UInt64>, except: Set<Int>) -> [UInt64: Set<Int>] {
        var result: [UInt64: Set<Int>] = [:]
        guard !wanted.isEmpty else { return result }
        // One bit per wanted hash's low six bits: most of the site's hashes fail this test and
        // skip the set look-up (a one-edit rebuild at 10,000 articles scans 140,000 of them).
        let mask = wanted.reduce(UInt64(0)) { $0 | 1 << ($1 & 63) }
        var article = 0
        for (position, hash) in hashes.enumerated() where mask & (1 << (hash & 63)) != 0 && wanted.contains(hash) {
            while offsets[article + 1] <= position { article += 1 }
            if !except.contains(article) { result[hash, default: []].insert(article) }
        }
        return result
    }

    /// The articles a stored build describes, in order, as one digest.
    static func identity(of digests: [ContentDigest]) -> ContentDigest {
        var hash = ContentHash()
        hash.add(UInt64(digests.count))
        for digest in digests { hash.add(digest) }
        return hash.value
    }

    func encoded() -> [UInt8] {
        var bytes = Self.magic + Array(key.utf8) + [10]
        bytes.reserveCapacity(bytes.count + 40 + offsets.count * 4 + hashes.count * 8)
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        append(identity.a); append(identity.b); append(identity.c); append(identity.d)
        append(UInt32(articleCount))
        for article in 0..<articleCount { append(UInt32(offsets[article + 1] - offsets[article])) }
        #if _endian(little)
        hashes.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        for hash in hashes { append(hash) }
        #endif
        return bytes
    }

    static func decode(_ bytes: [UInt8]) -> SharedParagraphIndex? {
        guard bytes.starts(with: magic), let newline = bytes[magic.count...].firstIndex(of: 10) else { return nil }
        let key = String(decoding: bytes[magic.count..<newline], as: UTF8.self)
        var position = newline + 1
        func read<T: FixedWidthInteger>(_: T.Type) -> T? {
            guard position + MemoryLayout<T>.size <= bytes.count else { return nil }
            var value: T = 0
            withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes[position..<position + MemoryLayout<T>.size]) }
            position += MemoryLayout<T>.size
            return T(littleEndian: value)
        }
        guard let a = read(UInt64.self), let b = read(UInt64.self), let c = read(UInt64.self), let d = read(UInt64.self),
              let count = read(UInt32.self) else { return nil }
        var offsets = [0]
        offsets.reserveCapacity(Int(count) + 1)
        for _ in 0..<count {
            guard let length = read(UInt32.self) else { return nil }
            offsets.append(offsets.last! + Int(length))
        }
        guard bytes.count - position == offsets.last! * 8 else { return nil }
        var hashes = [UInt64](repeating: 0, count: offsets.last!)
        hashes.withUnsafeMutableBytes { $0.copyBytes(from: bytes[position...]) }
        var index = SharedParagraphIndex(key: key, identity: ContentDigest(a: a, b: b, c: c, d: d), paragraphs: [])
        index.offsets = offsets
        #if _endian(little)
        index.hashes = hashes
        #else
        index.hashes = hashes.map { UInt64(littleEndian: $0) }
        #endif
        return index
    }

    /// The index stored beside `cacheFile` (the build cache's `build.bin`), if it is the one of `stored`.
    static func read(besides cacheFile: String, for stored: StoredBuild) -> SharedParagraphIndex? {
        let path = FileSystem.join(OutputLocation.split(cacheFile).parent, fileName)
        guard case .success(let bytes) = FileSystem.read(path), let index = decode(bytes), index.key == stored.key,
              index.articleCount == stored.articles.count, index.identity == identity(of: stored.articles.map(\.digest)) else { return nil }
        return index
    }

    /// Written before the build cache that it belongs to; a failure only costs the next one-edit
    /// rebuild its shortcut.
    func write(besides cacheFile: String) {
        let directory = OutputLocation.split(cacheFile).parent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = FileSystem.join(directory, Self.fileName)
        let temporary = path + ".tmp-\(getpid())"
        let data = encoded()
        guard data.withUnsafeBytes({ OutputWriter.writeFile(temporary, $0, display: temporary) }) == nil else { return }
        if rename(temporary, path) != 0 { unlink(temporary) }
    }
}
