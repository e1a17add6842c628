import MedsiteBase

/// A source's `date:` as schema.org wants it (ISO 8601: `2021`, `2021-03` or `2021-03-07`), from
/// what editors write: those three forms, or the month written out in English ("March 2021",
/// "7 March 2021", "March 7, 2021", "Sept 2019"). Pages show the date as written; the JSON-LD
/// `datePublished` gets the ISO form. Anything else is refused (`invalid-date`), so no page says
/// `"datePublished": "Spring 2021"`.
enum SourceDate {
    static func iso(from text: String) -> String? {
        let trimmed = text.trimmingWhitespace
        let digits = trimmed.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || $0 == "-" }
        if digits { return isoForm(trimmed) }
        var words: [String] = []
        for word in trimmed.lowercased().split(whereSeparator: { $0 == " " || $0 == "," || $0 == "." }) {
            words.append(String(word))
        }
        var year: Int?, month: Int?, day: Int?
        for word in words {
            if let number = Int(word), word.count == 4 {
                guard year == nil else { return nil }
                year = number
            } else if let number = Int(ordinal(word)), (1...31).contains(number), word.count <= 4 {
                guard day == nil else { return nil }
                day = number
            } else if let index = monthNames.firstIndex(where: { $0 == word || $0.prefix(3) == word || word == "sept" && $0 == "september" }) {
                guard month == nil else { return nil }
                month = index + 1
            } else {
                return nil
            }
        }
        guard let year, (1000...9999).contains(year), let month else { return nil }
        guard let day else { return pad(year, 4) + "-" + pad(month, 2) }
        return CalendarDate(year: year, month: month, day: day).map(\.iso)
    }

    /// `2021`, `2021-03` or a real day `2021-03-07`.
    private static func isoForm(_ text: String) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]), year >= 1000 else { return nil }
        if parts.count == 1 { return text }
        guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return nil }
        if parts.count == 2 { return text }
        return CalendarDate(iso: text) != nil ? text : nil
    }

    /// "7th" → "7".
    private static func ordinal(_ word: String) -> String {
        for suffix in ["st", "nd", "rd", "th"] where word.hasSuffix(suffix) { return String(word.dropLast(2)) }
        return word
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                             "october", "november", "december"]
}
