import Foundation
import Testing
import Yams
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse

/// The byte reader must give exactly the tree Yams composes (strings, styles, resolved types,
/// positions) for every document it reads, and leave everything else to libyaml and Yams.
@Suite struct YAMLByteReaderTests {
    /// The tree, or Yams' error, as lines.
    static func yams(_ yaml: String, resolver: Resolver) -> [String] {
        do { return YAMLTreeTests.describe(try YAMLTree.composeWithYams(yaml, resolver: resolver)) } catch { return ["error \(error)"] }
    }

    /// Front matter as editors and `medsite new` write it, and the sample site's own.
    static let everyday = [
        """
        title: "Asthma and diet: part 0"
        description: "Plain facts about asthma and diet. Read what to expect and when to ask for help."
        slug: article-000000
        type: article
        condition:
          name: Asthma
          icd10: J45
        audience: patient
        last_reviewed: 2026-01-01
        reviewed_by: "Dr Lena Fischer, MD PhD"
        authors: ["Sam Okafor"]
        sources:
          - title: "Asthma guide 0-0"
            url: "https://www.nhs.uk/guides/asthma/0/0"
            publisher: "NICE"
            date: "2018"
          - title: Asthma guide 0-1
            url: https://www.nhs.uk/guides/asthma/0/1
            publisher: Cochrane
            date: 2024
        disclaimer: treatment
        tags: [asthma, first aid]

        """,
        "title: Type 2 diabetes\nreviewed_by:\n- name: Dr Ali Khan\n  credentials: FRCP\n- Dr Jane Smith, MD\ntags:\n  - diet\n  - 'food & drink'\n",
        "# a comment\ntitle: Migraine   # what it is\n\nwaive:\n  reading-level: \"the drug names are long\"\ndraft: false\n",
    ]

    @Test func everydayFrontMatterIsReadAsYamsReadsIt() throws {
        let site = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var documents = Self.everyday + YAMLTreeTests.plainDocuments
        for folder in ["Content", "Tests/MedsiteCoreTests/Fixtures/promotional/Content",
                       "Tests/MedsiteCoreTests/Fixtures/seeds-as-extracted/Content"] {
            let directory = site.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".md") {
                let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                if let split = FrontMatterSplitter.split(text, file: name).0 { documents.append(split.yaml) }
            }
        }
        #expect(documents.count > 20)
        var read = 0
        for yaml in documents {
            for resolver in [Resolver.basic, Resolver.default] {
                guard let tree = YAMLByteReader.compose(yaml, resolver: resolver) else { continue }
                read += 1
                #expect(YAMLTreeTests.describe(tree) == Self.yams(yaml, resolver: resolver), "\(yaml)")
            }
        }
        // Front matter as medsite's users write it is the plain kind this reader is for.
        for yaml in Self.everyday { #expect(YAMLByteReader.compose(yaml, resolver: .basic) != nil, "\(yaml)") }
        #expect(read >= documents.count)
    }

    @Test func unusualDocumentsAreLeftToLibyaml() {
        for yaml in YAMLTreeTests.unusualDocuments + ["title: \"line \\n break\"\n", "title: first\n  second line\n",
                                                      "tags: [a, ]\n", "tags: [a,\n  b]\n", "a: {b: c}\n", "a: |\n  x\n",
                                                      "a: x\r\n", "a: \u{85}x\n", "a: x\u{2028}y\n", "- a\n- b\n", "--- \na: b\n",
                                                      "a: b #c\n  d\n", "a:\n- b\n -c\n"] {
            #expect(YAMLByteReader.compose(yaml, resolver: .basic) == nil, "\(yaml)")
        }
    }

    /// Generated front matter: the shapes above, values of every kind the reader reads and many it
    /// leaves to libyaml, stray indentation, comments, blank lines and continuation lines.
    @Test func generatedFrontMatterIsReadAsYamsReadsIt() {
        var generator = FrontMatterGenerator(seed: 19)
        var read = 0, total = 0
        for _ in 0..<1500 {
            let yaml = generator.document()
            for resolver in [Resolver.basic, Resolver.default] {
                total += 1
                guard let tree = YAMLByteReader.compose(yaml, resolver: resolver) else { continue }
                read += 1
                #expect(YAMLTreeTests.describe(tree) == Self.yams(yaml, resolver: resolver), "\(yaml)")
            }
        }
        // Most documents are in the plain subset, so the comparison covers it well.
        #expect(read > total / 3)
        #expect(read < total)
    }
}

/// Random YAML documents shaped like front matter (a seeded generator: the same documents every run).
struct FrontMatterGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ count: Int) -> Int { Int(next() % UInt64(count)) }
    private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    private mutating func pick(_ options: [String]) -> String { options[below(options.count)] }

    static let keys = ["title", "slug", "type", "tags", "sources", "reviewed_by", "url", "name", "date", "a", "x-y", "k1",
                       "1", "true", "null", "icd10", "last_reviewed", "_under", "Key", "a b", "-dash", "k:", "\"quoted\"", "é"]
    static let scalars = [
        "Asthma", "Type 2 diabetes", "https://www.nhs.uk/a:b", "a: b", "12", "01", "1.5", "-5", "0x1F", "0o17", "1_000",
        "2026-04-07", "2026-4-7", "1:30", ".inf", "-.inf", ".nan", "true", "True", "no", "off", "y", "~", "null", "Null",
        "text # comment", "text #hash", "a#b", "C#", "it's", "say \"hi\"", "x [1]", "a, b", "{a}", "café", "🩺 care", "e\u{301}",
        "tab\there", "value:", "a:b", ":x", "?x", "? x", "!x", "&a x", "*a", "| x", "> x", "%x", "@x", "`x`", "a  b   c",
        "trailing   ", "back\\slash", "100%", "a - b", "- b", "a -b", "a ~ b", "#x", "x\u{A0}y", "x\u{1F}y", "x\u{7F}y",
        "x\u{FEFF}y", "'a' b", "\"a\" b", "---", "...", "a ... b", "Ünïcödé", "日本語",
        "\"Quoted: with colon\"", "\"esc \\\" q\"", "\"back \\\\ slash\"", "\"\\/\"", "\"\\t tab\"", "\"\\n\"", "\"\"",
        "\"unclosed", "\"a\"#c", "\"a\" # c", "\"é \\u00e9\"", "\"  spaced  \"", "\"it's\"", "\"a'b\"", "\"x\\\"", "\"#not\"",
        "'single ''quoted'''", "''", "'a\\b'", "'unclosed", "'x' # c", "'it''s'", "'a\"b'", "'  pad '", "'''", "''''",
        "[]", "[ ]", "[a, b]", "[asthma, first aid]", "[\"Sam Okafor\"]", "['x', \"y\", z]", "[a,b]", "[a, ]", "[a, [b]]",
        "[a: b]", "[a, b] # c", "[a, b]x", "[ a , b ]", "[a #c]", "[é, ü]", "[a b  c]", "[-a]", "[?a]", "[a:b]", "[http://x]",
        "[a]]", "[,a]", "[a,,b]", "[\"a\" , 'b' ]", "[\"a\"b]", "[a#b]", "[true, 1, ~, 2026-01-01]", "[{a: b}]", "[a, b",
    ]

    /// Values of the kinds front matter holds, all in the reader's plain subset.
    static let everydayScalars = [
        "Asthma", "Type 2 diabetes", "https://www.nhs.uk/a:b", "12", "1.5", "2026-04-07", "true", "no", "~", "null",
        "text # comment", "a#b", "it's", "say \"hi\"", "a, b", "café", "🩺 care", "a  b   c", "Dr Lena Fischer, MD PhD",
        "\"Quoted: with colon\"", "\"esc \\\" q\"", "\"\"", "\"it's\"", "'single ''quoted'''", "''", "'a\"b'",
        "[]", "[a, b]", "[asthma, first aid]", "[\"Sam Okafor\"]", "['x', \"y\", z]", "[ a , b ]", "[true, 1, ~, 2026-01-01]",
    ]
    /// Whether this document keeps to the reader's subset (most do), or mixes in anything.
    private var everyday = false

    mutating func document() -> String {
        everyday = chance(60)
        var lines: [String] = []
        if chance(10) { lines.append("# " + pick(["comment", "a: b", "- x"])) }
        mapping(indent: 0, depth: 0, into: &lines, first: nil)
        if !everyday, chance(3) { lines.append(pick(["---", "...", "stray", "  - x", "\tx: y"])) }
        return lines.joined(separator: "\n") + (chance(90) ? "\n" : "")
    }

    /// A block mapping at `indent`; `first` is the prefix of its first line (`- ` when it is a list item).
    private mutating func mapping(indent: Int, depth: Int, into lines: inout [String], first: String?) {
        let count = 1 + below(depth == 0 ? 6 : 3)
        var used: Set<String> = []
        for index in 0..<count {
            let prefix = index == 0 && first != nil ? first! : String(repeating: " ", count: indent)
            var key = chance(92) || everyday ? pick(Array(Self.keys.prefix(12))) : pick(Self.keys)
            // Everyday front matter names each field once (a key given twice is Yams' to report).
            while everyday, used.contains(key) { key = pick(Array(Self.keys.prefix(12))) }
            used.insert(key)
            extras(indent: indent, into: &lines)
            let shape = depth >= 3 ? 0 : everyday ? below(95) : below(100)
            switch shape {
            case 0..<70:
                lines.append(prefix + key + ":" + pick(everyday ? [" ", "  "] : [" ", " ", " ", "  ", ""])
                             + pick(everyday ? Self.everydayScalars : Self.scalars) + (chance(5) ? " # note" : "") + (chance(3) ? "   " : ""))
                if !everyday, chance(2) { lines.append(String(repeating: " ", count: indent + below(4)) + "continued") }
            case 70..<78:
                lines.append(prefix + key + ":" + (chance(10) ? " # c" : ""))
                mapping(indent: indent + [2, 2, 4, 1][below(4)], depth: depth + 1, into: &lines, first: nil)
            case 78..<90:
                lines.append(prefix + key + ":" + (chance(10) ? " # c" : ""))
                sequence(indent: indent + (chance(30) ? 0 : 2), depth: depth + 1, into: &lines)
            case 90..<95:
                lines.append(prefix + key + ":" + (chance(20) ? "   " : ""))
            default:
                lines.append(prefix + key + ": " + pick(Self.scalars))
                lines.append(String(repeating: " ", count: indent + below(3)) + pick(Self.scalars))
            }
        }
    }

    private mutating func sequence(indent: Int, depth: Int, into lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        for _ in 0..<(1 + below(3)) {
            extras(indent: indent, into: &lines)
            if chance(25) {
                mapping(indent: indent + 2, depth: depth + 1, into: &lines, first: pad + "- ")
            } else if !everyday, chance(3) {
                lines.append(pad + pick(["-", "-  ", "- - x", "-x"]))
            } else {
                lines.append(pad + "- " + pick(everyday ? Self.everydayScalars : Self.scalars))
            }
        }
    }

    /// Blank lines, comments at any indentation, now and then.
    private mutating func extras(indent: Int, into lines: inout [String]) {
        if chance(5) { lines.append(pick(["", "  ", "    "])) }
        if chance(4) { lines.append(String(repeating: " ", count: below(indent + 3)) + "# comment") }
    }
}
