import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteRender

/// The split search index (issue 17): what it holds, how it ranks, and that a one-edit rebuild
/// leaves it as a full build would write it.
@Suite struct SearchIndexTests {
    @Test func textBecomesTheTermsSearchJSAlsoMakes() {
        #expect(SearchText.terms("Ménière's disease: the FITS & seizures") == ["meniere", "disease", "fit", "seizure"])
        #expect(SearchText.terms("ICD-10 code E11.9, D64.9") == ["icd", "10", "code", "e119", "d649"])
        #expect(SearchText.terms("glass virus psoriasis gas") == ["glass", "virus", "psoriasis", "gas"])
        #expect(SearchText.terms("Straße œdema") == ["strasse", "oedema"])
    }

    /// `SearchText` folds bytes (ASCII in place, other scalars through their lowercase mapping);
    /// it must give exactly what lowering the whole text and folding it scalar by scalar gave, which
    /// search.js mirrors. Random text over ASCII, accents, Greek (final sigma), Turkish dotted I,
    /// ligatures, combining marks, emoji and CJK.
    @Test func byteFoldingIsTheStringFolding() {
        func referenceFold(_ text: String) -> String {
            var accents: [Unicode.Scalar: String] = [:]
            for (letters, plain) in SearchText.accentTable { for scalar in letters.unicodeScalars { accents[scalar] = plain } }
            var result = ""
            for scalar in text.lowercased().unicodeScalars {
                if scalar.isASCII { result.unicodeScalars.append(scalar) } else if let plain = accents[scalar] {
                    result += plain
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
            return result
        }
        func referenceWords(_ text: String) -> [String] {
            var words: [String] = []
            var word: [UInt8] = []
            let bytes = Array(referenceFold(text).utf8)
            func isDigit(_ byte: UInt8) -> Bool { (48...57).contains(byte) }
            for (index, byte) in bytes.enumerated() {
                if (97...122).contains(byte) || isDigit(byte) {
                    word.append(byte)
                } else if byte == UInt8(ascii: "."), let last = word.last, isDigit(last), index + 1 < bytes.count, isDigit(bytes[index + 1]) {
                    continue
                } else if !word.isEmpty {
                    words.append(String(decoding: word, as: UTF8.self))
                    word.removeAll()
                }
            }
            if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
            return words
        }
        func referenceTerms(_ text: String) -> [String] {
            referenceWords(text).filter { !SearchText.isIgnored($0) }.map(SearchText.stem)
        }
        let pieces = ["a", "The", "THESE", "is", "us", "gas", "glass", "VIRUS", "fits", "E11.9", "64.", ".9", " ", "  ", ".", ",",
                      "-", "'", "\n", "\r\n", "Ménière", "ÀÉÎÕÜ", "Straße", "ẞ", "Œdema", "æ", "ΟΔΟΣ", "σας", "İstanbul", "ı",
                      "ǅ", "ﬁ", "e\u{301}", "\u{301}", "n\u{303}", "😀", "中文", "Å", "Ω", "K", "\u{0}", "about", "wheres", "ss", "s"]
        var generator = SystemRandomNumberGenerator()
        var texts = pieces
        for _ in 0..<3000 {
            texts.append((0..<Int.random(in: 1...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            #expect(SearchText.fold(text) == referenceFold(text), "\(text.debugDescription)")
            #expect(Array(SearchText.fold(text).utf8) == Array(referenceFold(text).utf8), "\(text.debugDescription)")
            #expect(SearchText.words(text) == referenceWords(text), "\(text.debugDescription)")
            #expect(SearchText.terms(text) == referenceTerms(text), "\(text.debugDescription)")
        }
    }

    /// Terms are read back on bytes when they are ASCII: the same pairs as splitting the text.
    @Test func termsParseAsTheSplitTextDid() {
        func reference(_ terms: String) -> [(String, Int)] {
            let parts = terms.split(separator: " ")
            return stride(from: 0, to: parts.count - 1, by: 2).compactMap { index in
                Int(parts[index + 1]).map { (String(parts[index]), $0) }
            }
        }
        let pieces = ["diabetes", "12", " ", "  ", "+3", "-4", "x", "99999999999999999999", "007", "é", "1 2", "\u{301}", "a1", ""]
        var generator = SystemRandomNumberGenerator()
        var texts = ["", " ", "a 1 b 2", "a 1 b", "a x b 2"]
        for _ in 0..<2000 {
            texts.append((0..<Int.random(in: 1...10, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined(separator: " "))
        }
        for text in texts {
            let parsed = SearchIndex.parseTerms(text), expected = reference(text)
            #expect(parsed.map(\.0) == expected.map(\.0) && parsed.map(\.1) == expected.map(\.1), "\(text.debugDescription)")
        }
    }

    @Test func synonymGroupsAreIndexTermsAndTheSitesAreAdded() {
        let groups = SearchSynonyms.groups(language: "en-GB", site: [["tummy bug", "gastroenteritis"], ["fits", "fit"]])
        #expect(groups.contains([["heart", "attack"], ["myocardial", "infarction"]]))
        #expect(groups.contains([["tummy", "bug"], ["gastroenteriti"]]) == false) // "-is" keeps its s
        #expect(groups.contains([["tummy", "bug"], ["gastroenteritis"]]))
        // "fits" and "fit" are one term: a group of one phrase finds nothing new and is dropped.
        #expect(!groups.contains([["fit"]]))
        #expect(SearchSynonyms.groups(language: "fr-FR", site: []).isEmpty)
    }

    static func article(title: String, alsoCalled: String = "", heading: String = "About it", body: String) -> String {
        TestSite.article(title: title, slug: nil, extra: alsoCalled.isEmpty ? "" : "also_called: [\(alsoCalled)]",
                         body: "\(body)\n\n## \(heading)\n\nMore words.\n")
    }

    @Test func rankingIsTitleThenOtherNamesThenHeadingsThenText() throws {
        let site = try TestSite(files: [
            "Content/a.md": Self.article(title: "Epilepsy", body: "Some text."),
            "Content/b.md": Self.article(title: "Living well", alsoCalled: "epilepsy care", body: "Some text."),
            "Content/c.md": Self.article(title: "Driving", heading: "Epilepsy and cars", body: "Some text."),
            "Content/d.md": Self.article(title: "Sleep", body: "Epilepsy can affect sleep. Epilepsy again."),
        ])
        #expect(site.build().exitStatus == 0)
        let shard = try #require(site.read("Output/search/index/ep.json"))
        // Page ids are inventory positions; pages are listed best first.
        #expect(shard.contains(#""epilepsy":[4,0,100,1,70,2,30,3,4]"#), "\(shard)")
        let result = try #require(site.read("Output/search/doc/1.json"))
        #expect(result.contains(#""a":"epilepsy care""#) && result.contains(#""x":"Some text. More words.""#))
    }

    @Test func aTermOnManyPagesKeepsTheBestInItsShardAndTheRestAside() {
        var index = SearchIndex()
        for id in 0..<(SearchIndex.postingsShown + 5) { index.add(id: id, terms: "asthma \(id % 7 + 1)") }
        let files = index.shardFiles()
        #expect(files.map(\.path) == ["search/index/as.json", "search/more/as.json"])
        let shard = SearchIndex.parseShard(files[0].text)!
        #expect(shard[0].0 == "asthma" && shard[0].1.first == SearchIndex.postingsShown + 5)
        #expect(shard[0].1.count == 1 + 2 * SearchIndex.postingsShown)
        #expect(Array(shard[0].1[1...2]) == [6, 7]) // the best score, lowest id first
        let more = SearchIndex.parseShard(files[1].text)!
        #expect(more[0].1.count == 10)
        #expect(SearchIndex.parseShard("{\"x\":[1,2") == nil && SearchIndex.parseShard("not json") == nil)
    }

    @Test func updatingAnIndexInPlaceGivesWhatAFreshIndexWrites() throws {
        let before = (0..<60).map { (id: $0, terms: "asthma \($0 % 5 + 1) inhaler 3") }
        var files: [String: String] = [:]
        for file in SearchIndex(entries: before).shardFiles() { files[file.path] = file.text }
        let article = try #require(ArticleParser.parse(
            SourceFile(relativePath: "Content/x.md", contentPath: "x.md", absolutePath: "/nonexistent/x.md"),
            bytes: Array(TestSite.article(title: "Asthma", body: "Wheeze and cough.").utf8), settings: SiteSettings()).0)
        let entry = SearchEntry(article: article)
        let updated = try #require(SearchIndex.update([SearchIndex.Change(id: 7, old: before[7].terms, new: entry)],
                                                      read: { files[$0] }))
        for file in updated { files[file.path] = file.text }
        var after = before
        after[7] = (7, entry.terms)
        for file in SearchIndex(entries: after).shardFiles() { #expect(files[file.path] == file.text, "\(file.path)") }
        #expect(updated.contains { $0.path == SearchIndex.documentPath(7) && $0.text == entry.document })
        #expect(updated.contains { $0.path == "search/index/wh.json" }, "a new prefix's shard is a new file")
    }

    /// Issue 19: an update writes only the terms the changed pages use and copies the rest of their
    /// shards; over many random indexes and edits (shared prefixes, terms past `postingsShown`,
    /// pages added and taken out), every file is what a fresh index writes.
    @Test func updatingOnlyTheTermsAnEditUsesGivesWhatAFreshIndexWrites() throws {
        var random = SeededGenerator(seed: 19)
        func number(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
        // Few letters, so terms share prefixes and many terms are on more pages than a shard shows.
        func word() -> String { String((0..<number(2...3)).map { _ in "abc".randomElement(using: &random)! }) }
        func terms() -> String {
            let words = Set((0..<number(1...12)).map { _ in word() })
            return words.sorted().map { "\($0) \(number(1...40))" }.joined(separator: " ")
        }
        var checked = 0, fullBuilds = 0, overflowing = 0
        for _ in 0..<80 {
            var pages: [Int: String] = [:]
            for id in 0..<number(1...200) * number(1...2) { pages[id] = terms() }
            var files: [String: String] = [:]
            for file in SearchIndex(entries: pages.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }).shardFiles() {
                files[file.path] = file.text
            }
            var changes: [SearchIndex.Change] = []
            /// A body edit: most terms kept with their scores, a few scored anew, one perhaps added.
            func edited(_ terms: String) -> String {
                var pairs = Dictionary(uniqueKeysWithValues: SearchIndex.parseTerms(terms))
                for term in pairs.keys.sorted() where number(0...3) == 0 { pairs[term] = number(1...40) }
                if number(0...1) == 0 { pairs[word()] = number(1...40) }
                return pairs.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: " ")
            }
            for id in Set((0..<number(1...4)).map { _ in number(0...410) }) {
                let old = pages[id]
                let new = number(0...5) == 0 ? nil : old.map { number(0...1) == 0 ? edited($0) : terms() } ?? terms()
                pages[id] = new
                changes.append(.init(id: id, old: old, new: new.map { SearchEntry(terms: $0, document: "{}") }))
            }
            guard let updated = SearchIndex.update(changes, read: { files[$0] }) else {
                fullBuilds += 1 // a shard would vanish: the build runs in full
                continue
            }
            overflowing += files.keys.contains { $0.hasPrefix("search/more/") } ? 1 : 0
            for file in updated where !file.path.hasPrefix("search/doc/") { files[file.path] = file.text }
            let fresh = SearchIndex(entries: pages.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }).shardFiles()
            #expect(Dictionary(uniqueKeysWithValues: fresh.map { ($0.path, $0.text) }) == files)
            checked += 1
        }
        #expect(checked >= 40 && overflowing >= 20, "updates checked: \(checked), with overflow files: \(overflowing), full builds: \(fullBuilds)")
        print("SearchIndexTests: \(checked) updates checked, \(overflowing) with overflow files, \(fullBuilds) full builds")
    }

    @Test func aBodyEditUpdatesTheIndexAsAFullBuildWould() throws {
        let site = try IncrementalBuildTests.site()
        #expect(site.build().published)
        try site.write("Content/topic-3.md", TestSite.article(
            title: "Topic 3 & <care>", slug: "topic-3", extra: "condition:\n  name: Condition 0",
            body: "Intro for topic 3, now about metformin.\n\n## Part 3\n\nSee [the next one](topic-4.md#part-4).\n"))
        #expect(site.build().published)
        #expect(site.read("Output/search/index/me.json")?.contains(#""metformin":[1,"#) == true)
        var clean = site.options()
        clean.outputDirectory = site.root + "/Clean"
        clean.useCache = false
        #expect(SiteBuilder.build(clean).published)
        #expect(IncrementalBuildTests.tree(site.output) == IncrementalBuildTests.tree(site.root + "/Clean"))
        // The cache it left knows the new shard: the next build is a no-op.
        let folder = IncrementalBuildTests.inode(site.output)
        #expect(site.build().published)
        #expect(IncrementalBuildTests.inode(site.output) == folder)
    }

    /// The output marker after a one-edit rebuild adds shards: merged on bytes into the sorted list
    /// medsite wrote, it must be the text the general path (every line a String, a set, a sort) writes,
    /// for markers as written and for markers that are not (unsorted, repeated, CRLF, non-ASCII).
    @Test func markerMergedOnBytesIsTheMarkerTheGeneralPathWrites() {
        let paths = ["a/index.html", "b/index.html", "search/ab.json", "search/zz.json", "é/index.html", "z", "Z", "search/doc/1.json",
                     "a", "a/b"]
        var random = SeededGenerator(seed: 3)
        func below(_ count: Int) -> Int { Int.random(in: 0..<count, using: &random) }
        var fast = 0
        for round in 0..<400 {
            var lines = (0..<below(8)).map { _ in paths[below(paths.count)] }
            if round % 2 == 0 { lines = Array(Set(lines)).sorted() } // as medsite writes it
            let separator = round % 13 == 0 ? "\r\n" : "\n"
            let marker = OutputWriter.markerHeading + lines.joined(separator: separator) + (lines.isEmpty ? "" : "\n")
            let added = (0..<(1 + below(3))).map { _ in paths[below(paths.count)] }
            let general = SiteSearch.merged(marker, adding: added)
            if let onBytes = SiteSearch.mergedAsWritten(marker, adding: added) {
                fast += 1
                #expect(onBytes == general, "\(marker.debugDescription) + \(added)")
            }
        }
        #expect(fast > 50)
    }
}
