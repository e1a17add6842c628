import Foundation

/// An image's size in CSS pixels, read from the first bytes of the file (PNG, GIF, JPEG, WebP, SVG),
/// so pages give every `<img>` its `width` and `height` and the text does not jump as images load.
public struct ImageSize: Sendable, Hashable {
    public let width: Int
    public let height: Int

    public init?(width: Int, height: Int) {
        guard width > 0, height > 0, width <= 1_000_000, height <= 1_000_000 else { return nil }
        self.width = width
        self.height = height
    }

    /// How much of a file is read: JPEG's size marker can sit behind an embedded thumbnail.
    static let prefixLength = 256 * 1024

    /// The sizes of the images among `files`, by their path in Content/; files whose header cannot
    /// be read are left out (the page then simply has no `width`/`height` for them).
    public static func table(for files: [SourceFile]) -> [String: ImageSize] {
        let images = files.filter { kind(ofPath: $0.contentPath) != nil }
        var table: [String: ImageSize] = [:]
        for (file, size) in zip(images, images.parallelMap { read($0) }) { table[file.contentPath] = size }
        return table
    }

    public static func read(_ file: SourceFile) -> ImageSize? {
        guard let kind = kind(ofPath: file.contentPath),
              let handle = FileHandle(forReadingAtPath: file.absolutePath) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: prefixLength) else { return nil }
        return parse(Array(data), kind: kind)
    }

    public enum Kind: Sendable { case png, gif, jpeg, webp, svg }

    public static func kind(ofPath path: String) -> Kind? {
        guard let dot = path.lastIndex(of: ".") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "png": return .png
        case "gif": return .gif
        case "jpg", "jpeg": return .jpeg
        case "webp": return .webp
        case "svg": return .svg
        default: return nil
        }
    }

    public static func parse(_ bytes: [UInt8], kind: Kind) -> ImageSize? {
        switch kind {
        case .png: return png(bytes)
        case .gif: return gif(bytes)
        case .jpeg: return jpeg(bytes)
        case .webp: return webp(bytes)
        case .svg: return svg(bytes)
        }
    }

    private static func bigEndian(_ bytes: [UInt8], _ at: Int, _ count: Int) -> Int? {
        guard at >= 0, at + count <= bytes.count else { return nil }
        return bytes[at..<(at + count)].reduce(0) { $0 << 8 | Int($1) }
    }

    private static func littleEndian(_ bytes: [UInt8], _ at: Int, _ count: Int) -> Int? {
        guard at >= 0, at + count <= bytes.count else { return nil }
        return bytes[at..<(at + count)].reversed().reduce(0) { $0 << 8 | Int($1) }
    }

    private static func png(_ bytes: [UInt8]) -> ImageSize? {
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), bytes.count >= 24,
              bytes[12..<16].elementsEqual("IHDR".utf8),
              let width = bigEndian(bytes, 16, 4), let height = bigEndian(bytes, 20, 4) else { return nil }
        return ImageSize(width: width, height: height)
    }

    private static func gif(_ bytes: [UInt8]) -> ImageSize? {
        guard bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)),
              let width = littleEndian(bytes, 6, 2), let height = littleEndian(bytes, 8, 2) else { return nil }
        return ImageSize(width: width, height: height)
    }

    /// Walks the markers to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC).
    private static func jpeg(_ bytes: [UInt8]) -> ImageSize? {
        guard bytes.starts(with: [0xFF, 0xD8]) else { return nil }
        var at = 2
        while at + 4 <= bytes.count {
            guard bytes[at] == 0xFF else { return nil }
            let marker = bytes[at + 1]
            if marker == 0xFF { at += 1; continue }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { at += 2; continue }
            guard let length = bigEndian(bytes, at + 2, 2), length >= 2 else { return nil }
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard let height = bigEndian(bytes, at + 5, 2), let width = bigEndian(bytes, at + 7, 2) else { return nil }
                return ImageSize(width: width, height: height)
            }
            if marker == 0xD9 || marker == 0xDA { return nil }
            at += 2 + length
        }
        return nil
    }

    private static func webp(_ bytes: [UInt8]) -> ImageSize? {
        guard bytes.count >= 30, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WEBP".utf8) else { return nil }
        let chunk = String(decoding: bytes[12..<16], as: UTF8.self)
        switch chunk {
        case "VP8 ":
            guard bytes[23..<26].elementsEqual([0x9D, 0x01, 0x2A]),
                  let width = littleEndian(bytes, 26, 2), let height = littleEndian(bytes, 28, 2) else { return nil }
            return ImageSize(width: width & 0x3FFF, height: height & 0x3FFF)
        case "VP8L":
            guard bytes[20] == 0x2F, let bits = littleEndian(bytes, 21, 4) else { return nil }
            return ImageSize(width: (bits & 0x3FFF) + 1, height: ((bits >> 14) & 0x3FFF) + 1)
        case "VP8X":
            guard let width = littleEndian(bytes, 24, 3), let height = littleEndian(bytes, 27, 3) else { return nil }
            return ImageSize(width: width + 1, height: height + 1)
        default:
            return nil
        }
    }

    /// The root element's `width` and `height` when they are plain numbers (or px), else its `viewBox`.
    private static func svg(_ bytes: [UInt8]) -> ImageSize? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let open = text.range(of: "<svg"), let close = text[open.upperBound...].firstIndex(of: ">") else { return nil }
        let tag = String(text[open.upperBound..<close])
        func attribute(_ name: String) -> String? {
            for quote in ["\"", "'"] {
                for space in [" ", "\n", "\t", "\r"] {
                    if let start = tag.range(of: space + name + "=" + quote),
                       let end = tag[start.upperBound...].firstIndex(of: Character(quote)) {
                        return String(tag[start.upperBound..<end]).trimmingCharacters(in: .whitespaces)
                    }
                }
            }
            return nil
        }
        func pixels(_ value: String?) -> Int? {
            guard var value else { return nil }
            if value.hasSuffix("px") { value.removeLast(2) }
            guard let number = Double(value), number.isFinite else { return nil }
            return Int(number.rounded())
        }
        if let width = pixels(attribute("width")), let height = pixels(attribute("height")) {
            return ImageSize(width: width, height: height)
        }
        let box = attribute("viewBox")?.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
        guard let box, box.count == 4, box[2].isFinite, box[3].isFinite else { return nil }
        return ImageSize(width: Int(box[2].rounded()), height: Int(box[3].rounded()))
    }
}
