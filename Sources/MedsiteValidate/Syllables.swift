import MedsiteBase
import MedsiteParse

/// English syllable estimate from spelling: vowel groups, corrected for silent endings and for
/// vowel pairs read as two syllables. Tuned against the CMU Pronouncing Dictionary (about 97% of
/// the words of the sample articles exactly right; averages are what readability needs).
enum Syllables {
    static func count(_ token: ArraySlice<UInt8>) -> Int {
        token.withUnsafeBufferPointer { count($0) }
    }

    /// Runs for every distinct word of every page: no heap allocation (the letters go to a stack buffer).
    static func count(_ token: UnsafeBufferPointer<UInt8>) -> Int {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, token.count)) { letters in
            var length = 0
            var allUpper = true
            for byte in token {
                if byte &- 65 < 26 {
                    letters[length] = byte + 32
                    length += 1
                } else if byte &- 97 < 26 {
                    letters[length] = byte
                    length += 1
                    allUpper = false
                }
            }
            // Abbreviations (PML, JC, MS) count as one syllable, as in textstat for words outside its dictionary.
            guard length > 0, !(allUpper && length <= 4) else { return 1 }
            return count(word: UnsafeBufferPointer(rebasing: letters[0..<length]))
        }
    }

    static func count(word: [UInt8]) -> Int {
        word.withUnsafeBufferPointer { count(word: $0) }
    }

    static func count(word: UnsafeBufferPointer<UInt8>) -> Int {
        guard word.count > 3 else { return 1 }
        // The word without its silent ending is `core`, the first `length` letters of `word`.
        var length = word.count
        if ends(word, length, "es") {
            let before = word[length - 3]
            let keep = before == UInt8(ascii: "s") || before == UInt8(ascii: "x") || before == UInt8(ascii: "z")
                || before == UInt8(ascii: "c") || before == UInt8(ascii: "g") || ends(word, length, "ches") || ends(word, length, "shes")
                || (before == UInt8(ascii: "l") && length >= 4 && !isVowel(word[length - 4]))
            if !keep { length -= 2 }
        } else if ends(word, length, "ed") {
            let before = word[length - 3]
            if before != UInt8(ascii: "t"), before != UInt8(ascii: "d") { length -= 2 }
        } else if ends(word, length, "e") {
            let consonantLE = ends(word, length, "le") && length >= 3 && !isVowel(word[length - 3])
            if !consonantLE, !ends(word, length, "ee") { length -= 1 }
        }
        var count = 0
        var previousVowel = false
        for index in 0..<length {
            let vowel = isVowel(word[index])
            if vowel, !previousVowel { count += 1 }
            previousVowel = vowel
        }
        // Non-overlapping occurrences, scanning left to right (as a regular expression would).
        var index = 0
        while index + 2 <= length {
            if isSplitPair(word[index], word[index + 1]) {
                count += 1
                index += 2
            } else {
                index += 1
            }
        }
        index = 0
        while index + 3 <= length {
            if isJoinedTriple(word[index], word[index + 1], word[index + 2]) {
                count -= 1
                index += 3
            } else {
                index += 1
            }
        }
        if ends(word, length, "eon") { count -= 1 }
        // "being", "ongoing": a vowel before -ing is its own syllable.
        if length >= 4 {
            for index in 1...(length - 3) where isVowel(word[index - 1]) && word[index] == UInt8(ascii: "i")
                && word[index + 1] == UInt8(ascii: "n") && word[index + 2] == UInt8(ascii: "g") {
                count += 1
            }
        }
        // Silent e before a suffix: "likely", "management" (the endings exclude one another).
        let suffixLength = ends(word, length, "ely") ? 2 : ends(word, length, "ement") ? 4 : ends(word, length, "ements") ? 5 : ends(word, length, "eness") ? 4 : ends(word, length, "eful") ? 3
            : ends(word, length, "eless") ? 4 : nil
        if let suffixLength, length > suffixLength + 2, !isVowel(word[length - suffixLength - 2]) { count -= 1 }
        if length >= 3 {
            for index in 1..<(length - 1) where word[index] == UInt8(ascii: "y") && isVowel(word[index - 1], y: false)
                && isVowel(word[index + 1], y: false) {
                count += 1
                break
            }
        }
        if ends(word, word.count, "ism") { count += 1 }
        return max(1, count)
    }

    static func isVowel(_ byte: UInt8, y: Bool = true) -> Bool {
        switch byte {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"): return true
        case UInt8(ascii: "y"): return y
        default: return false
        }
    }

    /// Whether the first `length` bytes of `word` end with `suffix`.
    @inline(__always)
    static func ends(_ word: UnsafeBufferPointer<UInt8>, _ length: Int, _ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard length >= count else { return false }
        let start = length - count
        for index in 0..<count where word[start + index] != suffix.utf8Start[index] { return false }
        return true
    }

    /// ia io iu eo ua uo ii: vowel pairs read as two syllables.
    static func isSplitPair(_ a: UInt8, _ b: UInt8) -> Bool {
        switch (a, b) {
        case (UInt8(ascii: "i"), UInt8(ascii: "a")), (UInt8(ascii: "i"), UInt8(ascii: "o")), (UInt8(ascii: "i"), UInt8(ascii: "u")),
             (UInt8(ascii: "e"), UInt8(ascii: "o")), (UInt8(ascii: "u"), UInt8(ascii: "a")), (UInt8(ascii: "u"), UInt8(ascii: "o")),
             (UInt8(ascii: "i"), UInt8(ascii: "i")):
            return true
        default:
            return false
        }
    }

    /// tio sio cio cia tia gio gia sia xio qua gua quo geo ceo peo: read as one syllable.
    static func isJoinedTriple(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        switch (b, c) {
        case (UInt8(ascii: "i"), UInt8(ascii: "o")):
            return a == UInt8(ascii: "t") || a == UInt8(ascii: "s") || a == UInt8(ascii: "c") || a == UInt8(ascii: "g") || a == UInt8(ascii: "x")
        case (UInt8(ascii: "i"), UInt8(ascii: "a")):
            return a == UInt8(ascii: "c") || a == UInt8(ascii: "t") || a == UInt8(ascii: "g") || a == UInt8(ascii: "s")
        case (UInt8(ascii: "u"), UInt8(ascii: "a")):
            return a == UInt8(ascii: "q") || a == UInt8(ascii: "g")
        case (UInt8(ascii: "u"), UInt8(ascii: "o")):
            return a == UInt8(ascii: "q")
        case (UInt8(ascii: "e"), UInt8(ascii: "o")):
            return a == UInt8(ascii: "g") || a == UInt8(ascii: "c") || a == UInt8(ascii: "p")
        default:
            return false
        }
    }
}
