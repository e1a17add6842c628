import Testing
import Yams
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

/// medsite composes plain YAML documents itself and leaves everything else to Yams; on the plain
/// ones both must give the same tree: strings, styles, resolved types and positions.
@Suite struct YAMLTreeTests {
    /// Every node as one line: kind, position, and for scalars the text, style and resolved type.
    static func describe(_ node: YAMLNode?) -> [String] {
        guard let node else { return ["nothing"] }
        let at = "\(node.mark.line):\(node.mark.column)"
        switch node {
        case .scalar(let scalar, _):
            return ["scalar \(at) \(scalar.style) \(scalar.tag.rawValue) \(String(reflecting: scalar.string))"
                    + " bool=\(String(describing: node.bool)) int=\(String(describing: node.int))"
                    + " float=\(String(describing: node.float)) null=\(node.null != nil)"]
        case .sequence(let items, _):
            return ["sequence \(at) \(items.count)"] + items.flatMap(describe)
        case .mapping(let pairs, _):
            return ["mapping \(at) \(pairs.count)"] + pairs.flatMap { describe($0.key) + describe($0.value) }
        }
    }

    static let plainDocuments = [
        "title: Type 2 diabetes\nslug: type-2-diabetes\n",
        "title: \"Quoted: with colon\"\ndescription: 'single ''quoted'''\nnote: plain text with # no comment\n",
        "draft: true\nother: yes\nno_value:\ncount: 12\nratio: 1.5\nhex: 0x1F\nnull_word: null\ntilde: ~\nquoted_true: \"true\"\n",
        "last_reviewed: 2026-04-07\nnext_review: '2027-04-07'\ntime: 1:30\ninf: .inf\n",
        "reviewed_by:\n  - Dr Jane Smith, MD\n  - name: Dr Ali Khan\n    credentials: FRCP\ntags: [diabetes, diet, \"food & drink\"]\n",
        "sources:\n  - title: NICE NG28\n    url: https://www.nice.org.uk/guidance/ng28\n    publisher: NICE\n    date: 2022\n",
        "description: >\n  Folded text\n  over two lines\nbody: |\n  Literal\n    indented\n",
        "title: \"Escapes \\t tab \\u00e9 and \\0 nul\"\nemoji: \"🩺 café\"\ncombining: e\u{301}\n",
        "condition: {name: Asthma, icd10: J45}\nempty_list: []\nempty_map: {}\n",
        "# a comment first\n\n  title:   spaced   \n",
        "nested:\n  deeper:\n    deepest:\n      - [a, [b, [c]]]\n",
    ]

    @Test func plainDocumentsComposeAsYamsComposesThem() throws {
        for yaml in Self.plainDocuments {
            for resolver in [Resolver.basic, Resolver.default] {
                let plain = YAMLTree.composePlain(yaml, resolver: resolver)
                #expect(plain != nil, "\(yaml)")
                let yams = try YAMLTree.composeWithYams(yaml, resolver: resolver)
                #expect(Self.describe(plain) == Self.describe(yams), "\(yaml)")
            }
        }
    }

    /// What the plain composer leaves to Yams, so Yams' own errors and rules still apply.
    static let unusualDocuments = [
        "",                                        // no document
        "# only a comment\n",
        "a: 1\n---\nb: 2\n",                      // two documents
        "a: !!int \"5\"\n",                        // explicit tags
        "a: !custom x\n",
        "a: &anchor 1\n",                          // anchors
        "title: one\ntitle: two\n",                // a key given twice
        "1: int\n\"1\": text\n",                   // the same text as different types
        "? [complex, key]\n: value\n",             // a key that is not text
        "title: \"unclosed\n",                     // syntax errors
        "a: b: c\n",
        "\tindented: with a tab\n",
    ]

    @Test func unusualDocumentsAreLeftToYams() {
        for yaml in Self.unusualDocuments {
            #expect(YAMLTree.composePlain(yaml, resolver: .default) == nil, "\(yaml)")
        }
    }

    @Test func errorsAreYamsOwn() {
        for yaml in ["title: one\ntitle: two\n", "title: \"unclosed\n", "a: b: c\n", "a: 1\n---\nb: 2\n"] {
            var ours = "", theirs = ""
            do { _ = try YAMLTree.compose(yaml: yaml) } catch { ours = "\(error)" }
            do { _ = try Yams.compose(yaml: yaml) } catch { theirs = "\(error)" }
            #expect(!ours.isEmpty && ours == theirs, "\(yaml)")
        }
    }
}
