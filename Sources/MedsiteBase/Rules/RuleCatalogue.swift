
extension RuleID {
    package static let frontmatterMissing: RuleID = "frontmatter-missing"
    package static let frontmatterSyntax: RuleID = "frontmatter-syntax"
    package static let requiredField: RuleID = "required-field"
    package static let unknownField: RuleID = "unknown-field"
    package static let invalidField: RuleID = "invalid-field"
    package static let invalidDate: RuleID = "invalid-date"
    package static let reviewInFuture: RuleID = "review-in-future"
    package static let unknownDisclaimer: RuleID = "unknown-disclaimer"
    package static let invalidSlug: RuleID = "invalid-slug"
    package static let duplicateSlug: RuleID = "duplicate-slug"
    package static let invalidEncoding: RuleID = "invalid-encoding"
    package static let unreadableFile: RuleID = "unreadable-file"
    package static let invalidSettings: RuleID = "invalid-settings"
    package static let templateSyntax: RuleID = "template-syntax"
    package static let templateMissingSafetyBlock: RuleID = "template-missing-safety-block"
    package static let outputFailed: RuleID = "output-failed"
}

/// Every rule medsite knows, in one place: `medsite explain` and the README are generated from it.
public enum RuleCatalogue {
    public static let all: [Rule] = core
        + reviewScheduleRules + linkRules + languageRules + structureRules + readabilityRules
        + inputLimitRules + contentFileRules + placeholderRules + addressRules
        + careCardRules
        + tableRules
        + reviewIntegrityRules
        + translationRules
        + changeLogRules
        + snippetRules
        + externalLinkRules

    public static let byID: [RuleID: Rule] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    static let core: [Rule] = [
        Rule(.frontmatterMissing, .error, "The file has no front matter.",
             "Every article starts with YAML front matter between two lines of three dashes (`---`), holding its title, description, review date, reviewer and sources. Without it medsite cannot show a review date or disclaimer, so the page is not published. Fix: put `---` on the first line, the fields below it, and `---` again to close; `medsite new` writes a template.", mandatory: true),
        Rule(.frontmatterSyntax, .error, "The front matter is not valid YAML.",
             "The text between the `---` lines must be valid YAML. medsite recognises the common mistakes and points at each, showing the line: a `: ` in a value that is not in quotes, a tab used for indentation, a quote or bracket never closed, no space after a colon, a line not lined up with the lines above, a field given twice, a value starting with a character YAML keeps for itself (`@`, `%`, `` ` ``, `*`, `&`, `|`, `[`), or a tag such as `!!binary`. docs/editors.md lists them all. Fix: do what the message says; putting the value in double quotes fixes most of them.", mandatory: true),
        Rule(.requiredField, .error, "A required front-matter field is missing or empty.",
             "Patients must be able to see what a page says (`title`, `description`), when it was last reviewed (`last_reviewed`), by whom (`reviewed_by`), and on what evidence (`sources`, at least one). Short-answer pages also need their `question`. A page without them is not published. Fix: add the field to the front matter.", mandatory: true),
        Rule(.unknownField, .error, "The front matter has a field medsite does not know.",
             "Unknown fields are almost always misspellings, and a misspelt `last_reviewed` silently loses the review date. medsite therefore rejects them and suggests the closest known field. Fix: correct the spelling, or remove the field.", mandatory: true),
        Rule(.invalidField, .error, "A front-matter field has the wrong type or value.",
             "Each field has a type: text, a date, a list, or one of a fixed set of values. A title that is a number, a list where text is expected, or an audience outside `patient`, `caregiver`, `clinician` is rejected. Fix: give the field a value of the type named in the message; quote text that YAML would read as a number or a date.", mandatory: true),
        Rule(.invalidDate, .error, "A date is not a real calendar date in YYYY-MM-DD form.",
             "Review dates must be written as YYYY-MM-DD and must exist (2026-02-30 does not). Fix: write the date as four-digit year, two-digit month and two-digit day, for example `2026-04-07`.", mandatory: true),
        Rule(.reviewInFuture, .error, "`last_reviewed`, or the date of a change in `changes:`, is later than today.",
             "A review date in the future claims a review that has not happened yet, which misleads patients about how current the page is; a change dated in the future claims a change that has not been made. Fix: set `last_reviewed` to the day the clinical review actually took place, and each change's `date` to the day the page changed. Builds take `--now` or SOURCE_DATE_EPOCH when today must be fixed.", mandatory: true),
        Rule(.unknownDisclaimer, .error, "`disclaimer` names a disclaimer that medsite.yml does not define.",
             "Every page shows a medical disclaimer chosen by key from `disclaimers` in medsite.yml (or `default_disclaimer`). A key that does not exist would leave the page without one. Fix: use one of the keys listed in the message, or add the text to medsite.yml.", mandatory: true),
        Rule(.invalidSlug, .error, "The slug cannot be used as a URL path.",
             "A slug becomes the page's address (`/slug/`), so it must be lowercase letters and digits separated by single hyphens (`[a-z0-9]+(-[a-z0-9]+)*`), and must not be a name medsite uses itself (`assets`, `search`, `conditions`, `tags`, `404`). Fix: set `slug:` to a value like `pml-treatment`, or rename the file.", mandatory: true),
        Rule(.duplicateSlug, .error, "Two articles would be published at the same address.",
             "Two files resolve to the same slug, so one page would overwrite the other. Both files are named. Fix: give one of them a different `slug:`.", mandatory: true),
        Rule(.invalidEncoding, .error, "The file is not UTF-8 text.",
             "medsite reads articles as UTF-8. A file saved in another encoding (Windows-1252, UTF-16) or containing NUL bytes would show garbled characters to patients. Fix: save the file as UTF-8 in your editor.", mandatory: true),
        Rule(.unreadableFile, .error, "A file could not be read.",
             "The file exists but medsite could not read it (permissions, a vanished file, a link that points outside the site). Nothing is published until every article can be read, so no page is silently skipped. Fix: check the file's permissions, or remove it.", mandatory: true),
        Rule(.invalidSettings, .error, "medsite.yml has an error.",
             "The site settings must be valid YAML with known keys: `title`, `base_url`, `language`, `disclaimers`, `default_disclaimer`, `review`, and the rule settings. Fix: correct the key or value named in the message.", configuration: true),
        Rule(.templateSyntax, .error, "A template has a Mustache syntax error.",
             "Templates in Templates/ are Mustache. An unclosed section or a malformed tag stops the build, with the template file and line. Fix: close the section named in the message (`{{#x}}…{{/x}}`) or correct the tag.", configuration: true),
        Rule(.templateMissingSafetyBlock, .warning, "A template left out the disclaimer, the review block or the due-for-review notice, so medsite inserted it.",
             "The disclaimer, the review dates and, on a page past its next review, the notice that it is due for review are guaranteed by medsite, not by the template: when a page rendered from a template lacks one, medsite inserts its own before `</main>` (or `</body>`) and warns. Fix: include `{{> partials/disclaimer}}`, `{{> partials/review}}` and `{{> partials/overdue}}` in the article template where they belong (a theme copied by an older `medsite init` may lack the last)."),
        Rule(.outputFailed, .error, "Output/ could not be written.",
         "medsite writes the whole site into a staging folder and swaps it in at once, so a failure leaves the previous Output/ exactly as it was. It also refuses to replace a folder it did not create. Fix: check disk space and permissions, or point --output at an empty folder or a previous medsite output.", configuration: true),
    ]
}
