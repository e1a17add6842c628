/// The phrase lists content rules search for, in one place. medsite.yml adds to them:
///
///     phrases:
///       promotional: ["book your scan today"]
///       unsupported_claims: ["reverses ageing"]
public enum PhraseLists {
    /// Selling, not informing (HONcode: advertising kept apart from content).
    public static let promotional: [String] = [
        "buy now", "order now", "order today", "shop now", "add to cart", "add to basket",
        "purchase this report", "purchasing this report", "buy this report", "get a sample pdf",
        "download a sample", "discount code", "promo code", "coupon code",
        "limited time offer", "limited-time offer", "special offer", "exclusive offer", "money-back guarantee",
        "money back guarantee", "free shipping", "free trial", "lowest price", "best price", "subscribe now",
        "sign up now", "click here to buy", "while stocks last",
    ]

    /// Claims no evidence supports (PIF TICK, HONcode: justifiable, balanced claims). A claim that is
    /// denied ("there is no miracle cure", "nothing is 100% safe") is not reported.
    public static let unsupportedClaims: [String] = [
        "miracle cure", "miracle treatment", "cure-all", "guaranteed cure", "guaranteed to cure", "guaranteed results",
        "guaranteed to work", "100% effective", "100% safe", "100% natural", "100% cure", "100% success",
        "no side effects", "without any side effects", "secret ingredient", "secret cure",
        "they don't want you to know", "doctors don't want you to know", "doctors hate", "one weird trick",
        "cure cancer naturally", "instant cure", "detox your body", "big pharma doesn't want",
        "scientifically proven to cure",
    ]

    /// The built-in list plus medsite.yml's `phrases:` additions, normalised for matching.
    static func phrases(_ builtIn: [String], extra key: String, settings: SiteSettings) -> [String] {
        var seen = Set<String>()
        return (builtIn + (settings.extraPhrases[key] ?? [])).map(PhraseMatcher.normalize).filter {
            !$0.isEmpty && seen.insert($0).inserted
        }
    }
}

/// Finds whole-word, case-insensitive occurrences of phrases in text.
///
/// Works on UTF-8 bytes (ASCII case folding, curly apostrophes as straight ones, whitespace runs as
/// one space) so that checking thousands of pages stays cheap; every normalised byte remembers its
/// offset in the original text, so findings point at the exact column.
struct PhraseMatcher {
    let phrases: [[UInt8]]
    /// Phrase indices by their first byte, so the text is scanned once whatever the number of phrases.
    let phrasesByFirstByte: [[Int]]

    init(_ phrases: [String]) {
        self.phrases = phrases.map { Array(Self.normalize($0).utf8) }.filter { !$0.isEmpty }
        var index = [[Int]](repeating: [], count: 256)
        for (number, phrase) in self.phrases.enumerated() { index[Int(phrase[0])].append(number) }
        phrasesByFirstByte = index
    }

    /// The normalised form of a phrase as written in a list or in medsite.yml.
    static func normalize(_ text: String) -> String {
        let (bytes, _) = normalizedBytes(text.lowercased())
        var trimmed = bytes[...]
        while trimmed.first == 32 { trimmed.removeFirst() }
        while trimmed.last == 32 { trimmed.removeLast() }
        return String(decoding: trimmed, as: UTF8.self)
    }

    static func normalizedBytes(_ text: String) -> (bytes: [UInt8], origins: [Int]) {
        var bytes: [UInt8] = []
        var origins: [Int] = []
        bytes.reserveCapacity(text.utf8.count)
        origins.reserveCapacity(text.utf8.count)
        let input = Array(text.utf8)
        var index = 0
        var lastWasSpace = false
        while index < input.count {
            let byte = input[index]
            // U+2018 / U+2019 (E2 80 98 / 99): curly apostrophes.
            if byte == 0xE2, index + 2 < input.count, input[index + 1] == 0x80, input[index + 2] == 0x98 || input[index + 2] == 0x99 {
                bytes.append(UInt8(ascii: "'")); origins.append(index)
                lastWasSpace = false
                index += 3
                continue
            }
            if byte == 32 || byte == 9 || byte == 10 || byte == 13 {
                if !lastWasSpace { bytes.append(32); origins.append(index) }
                lastWasSpace = true
                index += 1
                continue
            }
            lastWasSpace = false
            bytes.append((65...90).contains(byte) ? byte + 32 : byte)
            origins.append(index)
            index += 1
        }
        return (bytes, origins)
    }

    /// Each phrase found in `text` (its first occurrence), with the UTF-8 offset where it starts.
    func matches(in text: String) -> [(phrase: String, offset: Int)] {
        let (haystack, origins) = Self.normalizedBytes(text)
        var found: [(phrase: String, offset: Int)] = []
        var seen = Set<Int>()
        haystack.withUnsafeBufferPointer { hay in
            for start in 0..<hay.count {
                let candidates = phrasesByFirstByte[Int(hay[start])]
                guard !candidates.isEmpty else { continue }
                for number in candidates where !seen.contains(number) {
                    let needle = phrases[number]
                    guard start + needle.count <= hay.count else { continue }
                    var matched = true
                    for k in 1..<needle.count where hay[start + k] != needle[k] {
                        matched = false
                        break
                    }
                    if matched, Self.isBoundary(hay, at: start - 1, edge: needle[0]),
                       Self.isBoundary(hay, at: start + needle.count, edge: needle[needle.count - 1]) {
                        seen.insert(number)
                        found.append((String(decoding: needle, as: UTF8.self), origins[start]))
                    }
                }
            }
        }
        return found.sorted { ($0.offset, $0.phrase) < ($1.offset, $1.phrase) }
    }

    /// A phrase that starts or ends with a letter or digit must not be part of a longer word ("rebuy now").
    static func isBoundary(_ text: UnsafeBufferPointer<UInt8>, at index: Int, edge: UInt8) -> Bool {
        guard index >= 0, index < text.count, isWordByte(edge) else { return true }
        return !isWordByte(text[index])
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (97...122).contains(byte) || (65...90).contains(byte) || byte >= 0x80
    }
}
