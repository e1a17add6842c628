import Yams
import MedsiteBase

extension StringProtocol {
    package var trimmingWhitespace: String {
        // Fast path on UTF-8: exact when the first and last bytes that are not ASCII spaces are ASCII
        // (a Character is whitespace when its first scalar is; only a non-ASCII byte there could be a
        // Unicode space, or a mark joined to an ASCII space). Anything else takes the Character path.
        let fast: String?? = utf8.withContiguousStorageIfAvailable { bytes -> String? in
            func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte &- 9 < 5 } // \t \n \v \f \r and space
            var start = 0, end = bytes.count
            while start < end, isSpace(bytes[start]) { start += 1 }
            while end > start, isSpace(bytes[end - 1]) { end -= 1 }
            guard start < end else { return "" }
            guard bytes[start] < 0x80, bytes[end - 1] < 0x80 else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        if let fast, let fast { return fast }
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
