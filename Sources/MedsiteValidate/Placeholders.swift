/// The stand-in values medsite's scaffolds write (`medsite init`, `medsite new`), and the markers
/// editors leave for themselves. `placeholder-value` refuses to publish any of them; the scaffolds
/// write from these same lists, so the rule and the scaffolds cannot drift apart.
public enum Placeholders {
    /// The invented reviewer of the example article, and the shape `medsite new` shows.
    public static let reviewerName = "Dr Alex Example"
    public static let reviewerCredentials = "MBBS MRCGP"
    public static var reviewer: String { reviewerName + ", " + reviewerCredentials }
    /// The invented author of the example article.
    public static let author = "Example Editor"
    /// What the example article's title starts with, so nobody mistakes it for a real page.
    public static let examplePrefix = "Example page: "

    /// Names no real reviewer or author has: the scaffolds' own, and the words of their comments
    /// ("Name, credentials"). Compared whole, ignoring case.
    static let names: [String] = [reviewerName, author, "Name", "Your name", "Reviewer", "Author"]

    /// Markers that are a placeholder wherever they appear as a whole word, written in capitals.
    /// "TODO" only on English sites: elsewhere it is a word ("Lea TODO el prospecto").
    static let capitalMarkers: [String] = ["FIXME"]
    static let englishCapitalMarkers: [String] = ["TODO"]
    /// Markers that are a placeholder when they are the whole value, or written as `TBC:` or `[TBC]`
    /// (capitals "TBC" alone also abbreviates tuberculosis in some languages). Not "XXX": 47,XXX is a karyotype.
    static let wholeValueMarkers: [String] = ["TODO", "TBC", "TBD", "TBA", "?", "...", "…"]
    /// Filler text, in any case, anywhere.
    static let fillerPhrases: [String] = ["lorem ipsum"]

    /// Domains reserved for examples and tests (RFC 2606, RFC 6761): a source there is not evidence.
    static let reservedDomains: [String] = ["example.com", "example.net", "example.org", "localhost"]
    static let reservedTopLevelDomains: [String] = ["example", "test", "invalid", "localhost"]

    /// The paragraph the example article of `medsite init` opens with.
    public static let exampleNotice = "This is an example page written by medsite init. Its reviewer is invented. Before you publish it, have a clinician review it, write their name and the review date in the front matter, and delete this paragraph."

    /// The guidance paragraphs of `medsite new`'s body, each replaced by the editor's own words.
    public static let shortAnswerGuidance = [
        "Answer the question in the first two or three sentences, in plain words.",
        "Explain what the reader can do. Keep sentences short.",
        "Say when to see a doctor, and when to call an ambulance.",
    ]
    public static let articleGuidance = [
        "Start with what matters most to the reader, in two or three plain sentences.",
        "Explain the condition or treatment in plain words. Keep sentences short.",
        "Describe what the reader can do, and what their healthcare team may suggest.",
        "Say when to see a doctor, and when to call an ambulance.",
    ]

    /// Every paragraph a scaffold writes for the editor to replace.
    static let scaffoldParagraphs: Set<String> = Set([exampleNotice] + shortAnswerGuidance + articleGuidance)
    static let scaffoldParagraphLengths: Set<Int> = Set(scaffoldParagraphs.map(\.utf8.count))
}
