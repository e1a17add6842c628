import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

@Suite struct FrontMatterSplitterTests {
    func split(_ bytes: [UInt8]) -> (SplitArticle?, [Diagnostic]) {
        let (text, problems) = FrontMatterSplitter.decodeText(bytes, file: "Content/a.md")
        guard let text else { return (nil, problems) }
        return FrontMatterSplitter.split(text, file: "Content/a.md")
    }

    /// The one diagnostic of a split that stopped.
    func problem(_ bytes: [UInt8]) -> Diagnostic? {
        let (value, problems) = split(bytes)
        return value == nil && problems.count == 1 ? problems[0] : nil
    }

    @Test func splitsYAMLAndBodyWithLineOffsets() throws {
        let result = try #require(split(Array("---\ntitle: A\nslug: a\n---\n# Body\n".utf8)).0)
        #expect(result.yaml == "title: A\nslug: a\n")
        #expect(result.yamlLineOffset == 1)
        #expect(result.body == "# Body\n")
        #expect(result.bodyLineOffset == 4)
    }

    @Test func acceptsCRLFLineEndings() throws {
        let result = try #require(split(Array("---\r\ntitle: A\r\n---\r\nBody\r\n".utf8)).0)
        #expect(result.yaml == "title: A\n")
        #expect(result.body == "Body\n")
    }

    @Test func acceptsUTF8ByteOrderMark() throws {
        let result = try #require(split([0xEF, 0xBB, 0xBF] + Array("---\ntitle: A\n---\nBody".utf8)).0)
        #expect(result.yaml == "title: A\n")
    }

    @Test func reportsFrontMatterThatIsNeverClosed() {
        guard let diagnostic = problem(Array("---\ntitle: A\nBody\n".utf8)) else {
            Issue.record("expected a failure"); return
        }
        #expect(diagnostic.rule.id == "frontmatter-syntax")
        #expect(diagnostic.message.contains("never closed"))
    }

    @Test func reportsMissingFrontMatter() {
        guard let diagnostic = problem(Array("# Just Markdown\n".utf8)) else {
            Issue.record("expected a failure"); return
        }
        #expect(diagnostic.rule.id == "frontmatter-missing")
        #expect(diagnostic.position == .start)
    }

    @Test func reportsEmptyFileAsMissingFrontMatter() {
        guard let diagnostic = problem([]) else { Issue.record("expected a failure"); return }
        #expect(diagnostic.rule.id == "frontmatter-missing")
    }

    @Test func rejectsInvalidUTF8WithItsLine() {
        guard let diagnostic = problem(Array("---\ntitle: caf".utf8) + [0xE9] + Array("\n---\n".utf8)) else {
            Issue.record("expected a failure"); return
        }
        #expect(diagnostic.rule.id == "invalid-encoding")
        #expect(diagnostic.position.line == 2)
    }

    @Test func rejectsNULBytes() {
        guard let diagnostic = problem(Array("---\n---\nab".utf8) + [0] + Array("c".utf8)) else {
            Issue.record("expected a failure"); return
        }
        #expect(diagnostic.rule.id == "invalid-encoding")
        #expect(diagnostic.position.line == 3)
    }

    @Test func delimiterMayHaveTrailingSpacesButNotMoreDashes() throws {
        #expect(split(Array("---  \ntitle: A\n--- \nBody".utf8)).0 != nil)
        guard problem(Array("----\ntitle: A\n---\n".utf8)) != nil else { Issue.record("---- is not a delimiter"); return }
    }
}
