import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

@Suite struct FrontMatterSplitterTests {
    func split(_ bytes: [UInt8]) -> Result<SplitArticle, Diagnostic> {
        switch FrontMatterSplitter.decodeText(bytes, file: "Content/a.md") {
        case .failure(let diagnostic): return .failure(diagnostic)
        case .success(let text): return FrontMatterSplitter.split(text, file: "Content/a.md")
        }
    }

    @Test func splitsYAMLAndBodyWithLineOffsets() throws {
        let result = try split(Array("---\ntitle: A\nslug: a\n---\n# Body\n".utf8)).get()
        #expect(result.yaml == "title: A\nslug: a\n")
        #expect(result.yamlLineOffset == 1)
        #expect(result.body == "# Body\n")
        #expect(result.bodyLineOffset == 4)
    }

    @Test func acceptsCRLFLineEndings() throws {
        let result = try split(Array("---\r\ntitle: A\r\n---\r\nBody\r\n".utf8)).get()
        #expect(result.yaml == "title: A\n")
        #expect(result.body == "Body\n")
    }

    @Test func acceptsUTF8ByteOrderMark() throws {
        let result = try split([0xEF, 0xBB, 0xBF] + Array("---\ntitle: A\n---\nBody".utf8)).get()
        #expect(result.yaml == "title: A\n")
    }

    @Test func reportsFrontMatterThatIsNeverClosed() {
        guard case .failure(let diagnostic) = split(Array("---\ntitle: A\nBody\n".utf8)) else {
            Issue.record("expected a failure"); return
        }
        #expect(diagnostic.rule.id == "frontmatter-syntax")
        #expect(diagnostic.message.contains("never closed"))
    }

    @Test func reportsMissingFrontMatter() {
        guard case .failure(let diagnostic) = split(Array("# Just Markdown\n".utf8)) else {
            Issue.record("expected a failure"); return
        }
        #expect(diagnostic.rule.id == "frontmatter-missing")
        #expect(diagnostic.position == .start)
    }

    @Test func reportsEmptyFileAsMissingFrontMatter() {
        guard case .failure(let diagnostic) = split([]) else { Issue.record("expected a failure"); return }
        #expect(diagnostic.rule.id == "frontmatter-missing")
    }

    @Test func rejectsInvalidUTF8WithItsLine() {
        guard case .failure(let diagnostic) = split(Array("---\ntitle: caf".utf8) + [0xE9] + Array("\n---\n".utf8)) else {
            Issue.record("expected a failure"); return
        }
        #expect(diagnostic.rule.id == "invalid-encoding")
        #expect(diagnostic.position.line == 2)
    }

    @Test func rejectsNULBytes() {
        guard case .failure(let diagnostic) = split(Array("---\n---\nab".utf8) + [0] + Array("c".utf8)) else {
            Issue.record("expected a failure"); return
        }
        #expect(diagnostic.rule.id == "invalid-encoding")
        #expect(diagnostic.position.line == 3)
    }

    @Test func delimiterMayHaveTrailingSpacesButNotMoreDashes() throws {
        #expect((try? split(Array("---  \ntitle: A\n--- \nBody".utf8)).get()) != nil)
        guard case .failure = split(Array("----\ntitle: A\n---\n".utf8)) else { Issue.record("---- is not a delimiter"); return }
    }
}
