import Foundation
import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

/// medsite's Flesch-Kincaid grade against PyPI's textstat on the same text (`make test` installs it).
@Suite struct ReadabilityCrossCheckTests {
    static func textstatGrades(_ texts: [String]) throws -> [Double] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestSite.repositoryRoot + "/scripts/textstat-grade.py"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(texts.joined(separator: "\u{0}").utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let grades = String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { Double($0) }
        guard process.terminationStatus == 0, grades.count == texts.count else {
            throw CrossCheckError(message: "textstat failed (`make python-test-deps` installs it): \(problem)")
        }
        return grades
    }

    struct CrossCheckError: Error, CustomStringConvertible { let message: String; var description: String { message } }

    static var articles: [String] {
        let roots = [TestSite.repositoryRoot + "/Content", TestSite.fixture("promotional") + "/Content",
                     TestSite.fixture("seeds-as-extracted") + "/Content"]
        return roots.flatMap { root in
            (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".md") }.sorted().map { root + "/" + $0 }
        }
    }

    /// One textstat run for every article (loading its dictionary takes seconds).
    @Test func gradesAreWithinOneOfTextstat() throws {
        var ours: [Double] = [], texts: [String] = []
        for path in Self.articles {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let body = try #require(text.components(separatedBy: "\n---\n").dropFirst().first)
            let document = MarkdownDocument(markdown: body)
            ours.append(try #require(ReadabilityMeasure.measure(document).grade))
            texts.append(ReadabilityMeasure.readerText(document))
        }
        let theirs = try Self.textstatGrades(texts)
        try #require(theirs.count == ours.count)
        for (index, path) in Self.articles.enumerated() {
            let name = URL(fileURLWithPath: path).lastPathComponent
            // Patient texts (the sample site) must agree within one grade. In the seed fixtures two
            // known textstat shortcuts move it further: words outside the CMU dictionary get pyphen's
            // hyphenation count ("leukoencephalopathy": 3 syllables, medsite 7, spoken 8), and
            // sentences of two words or fewer are dropped, where medsite counts every list item
            // ("- Canada") as the issue asks. There they must agree within two.
            let tolerance = path.hasPrefix(TestSite.repositoryRoot + "/Content") ? 1.0 : 2.0
            #expect(abs(ours[index] - theirs[index]) <= tolerance, "\(name): medsite \(ours[index]), textstat \(theirs[index])")
            print("readability \(name): medsite \(String(format1: ours[index])), textstat \(theirs[index])")
        }
    }

    @Test func syllableCountsOfCommonWords() {
        let expected = ["cat": 1, "people": 2, "table": 2, "likely": 2, "wanted": 2, "changes": 2, "immune": 2,
                        "being": 2, "PML": 1, "medicine": 3, "inflammation": 4, "management": 3, "reliever": 3]
        for (word, count) in expected {
            #expect(Syllables.count(Array(word.utf8)[...]) == count, "\(word)")
        }
    }
}
