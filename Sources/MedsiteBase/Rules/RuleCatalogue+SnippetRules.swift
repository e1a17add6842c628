// The catalogue entries of snippets: shared, separately reviewed text in `Snippets/`, included in
// articles with a `> [!SNIPPET] name` line (MedsiteParse `SnippetLibrary`, `MarkdownDocument+Snippets`).
extension RuleID {
    package static let snippetUnknown: RuleID = "snippet-unknown"
    package static let snippetNested: RuleID = "snippet-nested"
    package static let snippetInvalid: RuleID = "snippet-invalid"
}

extension RuleCatalogue {
    static let snippetRules: [Rule] = [
        Rule(.snippetUnknown, .error, "A `> [!SNIPPET]` line names no snippet in `Snippets/`.",
             "A line `> [!SNIPPET] call-999` puts the text of `Snippets/call-999.md` in the page at that place. A name with no such file (a typo, a renamed snippet) would leave the page without the advice it was meant to carry, so the build stops. Fix: use the name the message suggests (the file's name without `.md`), or create the snippet.",
             mandatory: true),
        Rule(.snippetNested, .error, "A snippet includes another snippet.",
             "Snippets are included in articles only, never in each other: each snippet is reviewed on its own, and a chain of snippets (or a snippet that ends up including itself) would hide from its reviewer part of what patients read under that review. Fix: copy the words into this snippet, or include the two snippets one after the other in the article.",
             mandatory: true),
        Rule(.snippetInvalid, .error, "A snippet, or a line that includes one, cannot be used as written.",
             "A snippet is a Markdown file directly in `Snippets/`, named in lowercase letters, digits and hyphens (its name is what articles write after `[!SNIPPET]`), with front matter giving its `title`, `last_reviewed` and `reviewed_by` (and optionally `next_review`, `sources` and `waive`). It is text placed inside a section of a page, so it holds no `#` headings (the page's outline and contents list would not know them) and no tables. The include is a quote of one line, `> [!SNIPPET] name`, with nothing else in that quote. Fix: do what the message says.",
             mandatory: true),
    ]
}
