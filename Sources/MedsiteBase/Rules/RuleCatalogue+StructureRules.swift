// The catalogue entries of `StructureRules` (MedsiteValidate): the ids and explanations live here, below
// parsing, because parse errors and `medsite.yml` rule settings need every rule id.
extension RuleID {
    package static let rawHTML: RuleID = "raw-html"
    package static let danglingListIntro: RuleID = "dangling-list-intro"
    package static let duplicateParagraph: RuleID = "duplicate-paragraph"
    package static let headingStructure: RuleID = "heading-structure"
    package static let imageAlt: RuleID = "image-alt"
}

extension RuleCatalogue {
    static let structureRules: [Rule] = [
        Rule(.rawHTML, .error, "The body contains HTML, or a comment that hides words: neither is published.",
             "medsite publishes Markdown only: HTML written in an article (`<p>`, `<div>`, `<script>`, `<iframe>`, `<a href>`) is left out of the page, with the words inside it. HTML comments (`<!-- note -->`) are allowed when they hide only themselves. A line or block that starts with a comment is left out whole, so medsite also reports the words a browser would show but the page loses: words after `-->` on the same line, a comment a browser ends at once (`<!-->`, `<!--->`) or early (`--!>`), and a comment never closed with `-->`, which hides everything after it. Fix: write the same thing in Markdown (`**bold**`, `## Heading`, `[text](https://…)`, lists with `-`); put a note in a complete comment on a line of its own, with the words after a blank line."),
        Rule(.danglingListIntro, .warning, "A paragraph ends with a colon but no list follows.",
             "A sentence such as \"Treatment may include:\" promises a list. When text is copied from another system the list is often lost, and patients are left with a sentence that goes nowhere. Fix: add the list right after the paragraph (`- item` lines), or finish the sentence without a colon."),
        Rule(.duplicateParagraph, .warning, "The same paragraph appears twice in one article.",
             "Repeated paragraphs are almost always a copy-and-paste or export mistake, and they make a page look careless. Paragraphs count as the same when their words match, ignoring case, spacing and punctuation; short paragraphs (under 8 words) are not compared. Fix: delete the second copy, or reword it if the repetition is deliberate."),
        Rule(.headingStructure, .warning, "Headings skip a level, use `#` in the body, or head an empty section.",
             "The page title is the page's only level-1 heading, so sections start at `##`; levels go down one at a time (`##` then `###`), because screen readers and the table of contents rely on the outline; and a heading followed directly by a heading of the same or a higher level heads an empty section. Fix: use `##` for sections and `###` for sub-sections, and add text under every heading or remove it."),
        Rule(.imageAlt, .error, "An image has no alternative text.",
             "People who use screen readers, and everyone whose images fail to load, depend on the alternative text (WCAG 1.1.1). In Markdown it goes between the square brackets: `![A peak flow meter showing 400](peak-flow.png)`. Fix: describe what the image shows and why it matters, in a short sentence."),
    ]
}
