import Testing
@testable import MedsiteCore
@testable import MedsiteValidate
@testable import MedsiteRender

/// The phrase scan that looks candidates up by their first two bytes finds exactly what the scan by
/// first byte finds (kept for matchers with a one-byte phrase), on text made of the phrases' own pieces.
@Suite struct PhraseMatcherScanTests {
    @Test func pairScanFindsWhatTheFirstByteScanFinds() {
        let lists = [PhraseLists.promotional, PhraseLists.unsupportedClaims, PhraseLists.emergencySymptoms, ["lorem ipsum"]]
        let matcher = PhraseMatcher(lists: lists)
        let pieces = lists.flatMap { $0 }.flatMap { $0.split(separator: " ").map(String.init) }
            + ["the", "a", "not", "Chest", "PAIN", "’", "'", ",", ".", "-", "100%", "é", "  ", "\n", "s", "xbuy", "nowx"]
        var random = SeededGenerator(seed: 7)
        func below(_ count: Int) -> Int { Int.random(in: 0..<count, using: &random) }
        var found = 0
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<(1 + below(30)) {
                text += pieces[below(pieces.count)]
                text += [" ", " ", " ", "", ", ", ". "][below(6)]
            }
            let haystack = PhraseMatcher.Haystack(text)
            let byPair = matcher.matchesByList(in: haystack), byFirstByte = matcher.matchesByFirstByte(in: haystack)
            #expect(byPair.map { $0.map(\.phrase) } == byFirstByte.map { $0.map(\.phrase) }, "\(text)")
            #expect(byPair.map { $0.map(\.offset) } == byFirstByte.map { $0.map(\.offset) }, "\(text)")
            found += byPair.joined().count
        }
        #expect(found > 1000)
    }

    @Test func stopWordTableAgreesWithTheList() {
        let table = SearchText.PackedWordSet(SearchText.stopWords.map { word in word.utf8.reduce(UInt64(0)) { $0 << 8 | UInt64($1) } })
        func packed(_ word: String) -> UInt64 { word.utf8.reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
        for word in SearchText.stopWords { #expect(table.contains(packed(word)), "\(word)") }
        for word in ["ab", "cat", "diabetes", "them2", "thee", "yours", "wh", "abouts", "x"] {
            #expect(table.contains(packed(word)) == SearchText.stopWords.contains(word), "\(word)")
        }
    }
}
