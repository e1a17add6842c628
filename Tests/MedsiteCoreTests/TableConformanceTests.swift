import Foundation
import Testing
@testable import MedsiteParse

/// The GFM spec's table examples, rendered with the spec's plain markup (`TableMarkup.spec`, raw HTML
/// kept, as the spec's reference renderer does). The site's accessible markup is tested in `TableTests`.
@Suite struct TableConformanceTests {
    struct Example: CustomTestStringConvertible {
        let file: String
        let line: Int
        let markdown: String
        let html: String
        var testDescription: String { "\(file):\(line)" }
    }

    static let conformance: String? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.deletingLastPathComponent().appendingPathComponent("shared/conformance").path
        return FileManager.default.fileExists(atPath: folder) ? folder : nil
    }()

    /// The examples of one section: between `start` and `end` (headings of the file).
    static func examples(file: String, from start: String, to end: String) -> [Example] {
        guard let folder = conformance,
              let text = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8) else { return [] }
        let lines = text.components(separatedBy: "\n")
        guard let first = lines.firstIndex(of: start) else { return [] }
        let last = lines[first...].firstIndex(of: end) ?? lines.count
        var result: [Example] = []
        var index = first
        let fence = String(repeating: "`", count: 32)
        while index < last {
            if lines[index].hasPrefix(fence + " example") {
                let begin = index + 1
                let dot = lines[begin...].firstIndex(of: ".")!
                let close = lines[dot...].firstIndex(of: fence)!
                let markdown = lines[begin..<dot].joined(separator: "\n").replacingOccurrences(of: "→", with: "\t") + "\n"
                let html = lines[(dot + 1)..<close].joined(separator: "\n").replacingOccurrences(of: "→", with: "\t")
                result.append(Example(file: file, line: index + 1, markdown: markdown, html: html))
                index = close
            }
            index += 1
        }
        return result
    }

    static let all = examples(file: "gfm-spec-0.29.txt", from: "## Tables (extension)", to: "# Container blocks")
        + examples(file: "gfm-extensions-tests.txt", from: "## Tables", to: "## Strikethroughs")

    /// Whitespace between and around tags does not matter; text does.
    static func normalized(_ html: String) -> String {
        var text = html.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
        text = text.replacingOccurrences(of: "> ", with: ">").replacingOccurrences(of: " <", with: "<")
        return text
    }

    @Test(.enabled(if: conformance != nil, "../shared/conformance is absent: the GFM table examples are skipped"))
    func theConformanceFilesAreThere() throws {
        #expect(Self.all.count == 24, "8 spec examples and 16 extension tests")
    }

    @Test(.enabled(if: conformance != nil, "../shared/conformance is absent"), arguments: all)
    func rendersAsTheSpecSays(_ example: Example) {
        let document = MarkdownDocument(markdown: example.markdown, tables: .spec)
        #expect(Self.normalized(document.renderSpecHTML()) == Self.normalized(example.html), "\(example.markdown)")
    }
}
