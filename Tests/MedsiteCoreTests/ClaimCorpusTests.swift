import Foundation
import Testing
@testable import MedsiteCore

/// `unsupported-claim` measured on a labelled corpus (Fixtures/claims/sentences.tsv): sentences in
/// the manner of patient information and of promotional pages. docs/validation.md reports the numbers.
@Suite struct ClaimCorpusTests {
    struct Sentence {
        let isClaim: Bool
        let text: String
    }

    static func corpus() throws -> [Sentence] {
        let text = try String(contentsOfFile: TestSite.fixture("claims/sentences.tsv"), encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.map { line in
            let parts = line.split(separator: "\t", maxSplits: 1)
            try #require(parts.count == 2 && (parts[0] == "claim" || parts[0] == "fine"), "\(line)")
            return Sentence(isClaim: parts[0] == "claim", text: String(parts[1]))
        }
    }

    @Test func precisionAndRecallOnTheCorpus() throws {
        let sentences = try Self.corpus()
        #expect(sentences.count >= 60)
        #expect(sentences.filter(\.isClaim).count >= 25 && sentences.filter { !$0.isClaim }.count >= 25)
        // One site, one article per sentence (as its whole body): the real build's findings.
        var files: [String: String] = [:]
        for (index, sentence) in sentences.enumerated() {
            files["Content/c\(index).md"] = TestSite.article(slug: "c\(index)", body: sentence.text + "\n")
        }
        let report = try TestSite(files: files).check()
        var (truePositives, falsePositives, falseNegatives, trueNegatives) = (0, 0, 0, 0)
        var mistakes: [String] = []
        for (index, sentence) in sentences.enumerated() {
            let reported = report.has("unsupported-claim", file: "Content/c\(index).md")
            switch (sentence.isClaim, reported) {
            case (true, true): truePositives += 1
            case (false, false): trueNegatives += 1
            case (false, true):
                falsePositives += 1
                mistakes.append("reported, but fine: \(sentence.text)")
            case (true, false):
                falseNegatives += 1
                mistakes.append("missed claim: \(sentence.text)")
            }
        }
        let precision = Double(truePositives) / Double(max(1, truePositives + falsePositives))
        let recall = Double(truePositives) / Double(max(1, truePositives + falseNegatives))
        print("unsupported-claim on \(sentences.count) sentences: precision \(String(format: "%.3f", precision)), recall \(String(format: "%.3f", recall)) (TP \(truePositives), FP \(falsePositives), FN \(falseNegatives), TN \(trueNegatives))")
        for mistake in mistakes { print("  " + mistake) }
        #expect(precision >= 0.95, "\(mistakes)")
        #expect(recall >= 0.95, "\(mistakes)")
    }

    /// The sentence of issue 18 is ordinary patient information.
    @Test func aSoreArmSentenceDoesNotBlockPublishing() throws {
        let site = try TestSite(files: ["Content/flu.md": TestSite.article(body: "Most people have no side effects, or only a sore arm.\n")])
        let report = site.build()
        #expect(!report.has("unsupported-claim"), "\(report.diagnostics.map(\.formatted))")
        #expect(report.exitStatus == 0)
    }
}
