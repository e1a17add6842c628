import MedsiteBase
import MedsiteParse

/// Values the scaffolds write for an editor to replace, and markers editors leave themselves: none
/// may reach a public page.
enum PlaceholderRules: ArticleRule {
    static func check(_ article: Article, context: ValidationContext, sink: inout DiagnosticSink) {
        check(article, blocks: ProseText.blocks(of: article.document, phrases: ProsePhrases.matcher(for: context.settings)), context: context, sink: &sink)
    }

    /// `check` with the article's prose blocks, when the caller has them already.
    static func check(_ article: Article, blocks: [ProseBlock], context: ValidationContext, sink: inout DiagnosticSink) {
        let frontMatter = article.frontMatter
        let capitalMarkers = Placeholders.capitalMarkers
            + (context.settings.language.lowercased().hasPrefix("en") ? Placeholders.englishCapitalMarkers : [])
        func marker(in text: String, filler: [(phrase: String, offset: Int)]? = nil) -> String? {
            PlaceholderRules.marker(in: text, filler: filler, capitalMarkers: capitalMarkers)
        }
        for (index, reviewer) in frontMatter.reviewers.enumerated() {
            let name = FrontMatterField.reviewedBy.name
            let field = frontMatter.reviewers.count > 1 ? "\(name)[\(index + 1)]" : name
            if isPlaceholderName(reviewer.name) || marker(in: reviewer.name) != nil {
                sink.report(.placeholderValue, at: reviewer.position, "'\(field)' is the placeholder '\(reviewer.name)'",
                            fix: "replace '\(reviewer.name)' with the name and credentials of the clinician who reviewed this page, and set last_reviewed to the day of that review")
            }
        }
        for author in frontMatter.authors where isPlaceholderName(author) || marker(in: author) != nil {
            sink.report(.placeholderValue, at: frontMatter.position(of: .authors), "'authors' has the placeholder '\(author)'",
                        fix: "replace '\(author)' with the name of the person who wrote the page, or remove it")
        }
        var texts: [(field: FrontMatterField, value: String?)] = [(.title, frontMatter.title), (.description, frontMatter.description),
                                                                  (.question, frontMatter.question), (.condition, frontMatter.condition?.name)]
        texts += frontMatter.tags.map { (.tags, $0) }
        for (field, value) in texts {
            guard let value else { continue }
            if field == .title, value.lowercased().hasPrefix(Placeholders.examplePrefix.lowercased()) {
                sink.report(.placeholderValue, at: frontMatter.position(of: field), "the title says this is an example page",
                            fix: "remove '\(Placeholders.examplePrefix.trimmingWhitespace)' from the title once the page is really yours and reviewed")
            } else if let found = marker(in: value) {
                sink.report(.placeholderValue, at: frontMatter.position(of: field), "'\(field.name)' still holds the placeholder '\(found)'",
                            fix: "write the real \(field.name) in place of '\(found)'")
            }
        }
        for (index, source) in frontMatter.sources.enumerated() {
            let field = "sources[\(index + 1)]"
            if let host = LinkAddress(source.url)?.host, let domain = reservedDomain(host) {
                sink.report(.placeholderValue, at: source.urlPosition,
                            "\(field).url '\(LinkAddress.shortened(source.url))' is an example address: \(domain) is reserved for examples, so readers cannot check this source",
                            fix: "replace it with the https:// address of the source this page rests on")
            }
            for (part, value) in [("title", source.title), ("publisher", source.publisher)] {
                guard let value, let found = marker(in: value) else { continue }
                sink.report(.placeholderValue, at: source.position, "'\(field).\(part)' still holds the placeholder '\(found)'",
                            fix: "write the source's real \(part) in place of '\(found)'")
            }
        }
        for block in blocks {
            // A paragraph's text has no surrounding spaces (cmark strips them): compared as it is.
            let text = block.text
            if Placeholders.scaffoldParagraphLengths.contains(text.utf8.count), Placeholders.scaffoldParagraphs.contains(text) {
                if text == Placeholders.exampleNotice {
                    sink.report(.placeholderValue, at: block.position, "this paragraph says the page is an example with an invented reviewer",
                                fix: "have a clinician review the page, write their name and the review date in the front matter, then delete this paragraph")
                } else {
                    sink.report(.placeholderValue, at: block.position, "this paragraph is guidance written by medsite new: '\(text)'",
                                fix: "replace it with your own words for the reader")
                }
            } else if let found = marker(in: block.text, filler: block.phrases[ProsePhrases.filler]) {
                sink.report(.placeholderValue, at: block.position, "the text still holds the placeholder '\(found)'",
                            fix: "write the real text in place of '\(found)'")
            }
        }
    }

    /// Compared without case, full stops or extra spaces: "dr. alex  example" is the placeholder too.
    static func isPlaceholderName(_ name: String) -> Bool {
        placeholderNameKeys.contains(nameKey(name))
    }

    private static func nameKey(_ text: String) -> String {
        text.lowercased().split { $0 == " " || $0 == "." || $0 == "\t" }.joined(separator: " ")
    }

    /// The placeholder names' keys, made once (every reviewer and author of every page is compared).
    private static let placeholderNameKeys = Set(Placeholders.names.map(nameKey))

    /// "lorem ipsum" in any case, in texts that are not prose blocks (those were searched for it when read).
    static let fillerMatcher = PhraseMatcher(Placeholders.fillerPhrases)

    /// The first placeholder marker in `text`, as written there. `filler` is what `ProsePhrases` found
    /// in a prose block's text. `capitalMarkers` are some of `Placeholders.capitalMarkers` and
    /// `englishCapitalMarkers` (`mayHoldMarker` knows those).
    static func marker(in text: String, filler: [(phrase: String, offset: Int)]? = nil, capitalMarkers: [String]) -> String? {
        if text.utf8.count <= 12 {
            let trimmed = text.trimmingWhitespace
            if Placeholders.wholeValueMarkers.contains(trimmed.uppercased()) { return trimmed }
        }
        if let filler = (filler ?? fillerMatcher.matches(in: PhraseMatcher.Haystack(text))).first { return filler.phrase.capitalisedFirst }
        assert(capitalMarkers.allSatisfy((Placeholders.capitalMarkers + Placeholders.englishCapitalMarkers).contains))
        guard mayHoldMarker(text) else { return nil }
        // Whole words in capitals only: "TODO" and "TODO:", not "TODOS" or "todo".
        for marker in capitalMarkers where text.containsBytes(marker) {
            let words = text.split { !($0.isLetter || $0.isNumber) }
            if words.contains(where: { $0 == marker }) { return marker }
        }
        for (word, needle) in writtenMarkers where text.containsBytes(needle) { return word }
        return nil
    }

    /// Whether `text` has a place where one of the markers `marker(in:)` searches for could start (its
    /// first two bytes): one pass over the bytes instead of a search per marker, as most text has none.
    static func mayHoldMarker(_ text: String) -> Bool {
        guard let starts = markerStarts else { return true }
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count > 1 else { return false }
            for index in 0..<(bytes.count - 1) where starts.first[Int(bytes[index])] {
                if starts.pairs.contains(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])) { return true }
            }
            return false
        }
    }

    /// The first bytes and first two bytes of every capital and written marker; nil if one is shorter
    /// than two bytes (then every text is searched).
    private static let markerStarts: (first: [Bool], pairs: Set<UInt16>)? = {
        let needles = Placeholders.capitalMarkers + Placeholders.englishCapitalMarkers + writtenMarkers.map(\.needle)
        var first = [Bool](repeating: false, count: 256), pairs = Set<UInt16>()
        for needle in needles {
            let bytes = Array(needle.utf8)
            guard bytes.count > 1 else { return nil }
            first[Int(bytes[0])] = true
            pairs.insert(UInt16(bytes[0]) << 8 | UInt16(bytes[1]))
        }
        return (first, pairs)
    }()

    /// "TBC:" and "[TBC]" for each word marker: the forms that mark a gap in running text.
    static let writtenMarkers: [(word: String, needle: String)] = Placeholders.wholeValueMarkers
        .filter { $0.allSatisfy(\.isLetter) }.flatMap { [($0, $0 + ":"), ($0, "[" + $0 + "]")] }

    /// The reserved domain `host` is on, if any: example.org, docs.example.com, clinic.test.
    static func reservedDomain(_ host: String) -> String? {
        let host = host.hasSuffix(".") ? String(host.dropLast()) : host
        for domain in Placeholders.reservedDomains where host == domain || host.hasSuffix("." + domain) { return domain }
        if let last = host.split(separator: ".").last, host.contains("."), Placeholders.reservedTopLevelDomains.contains(String(last)) {
            return "." + last
        }
        return nil
    }
}

extension String {
    fileprivate var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
