import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// `medsite init`: a new site that builds at once and explains itself.
///
/// The settings file lists every setting with its default, so editors discover them where they
/// work. The example article is a model page, but a draft with an invented reviewer: the preview
/// shows it, a build does not publish it, and `placeholder-value` refuses it until its
/// placeholders are replaced, so an invented review never reaches a public site.
public enum SiteScaffold {
    public struct Options: Sendable {
        public var title: String
        public var baseURL: String
        /// The example article's review date: the day the site was created (`--now` when given).
        public var today: CalendarDate
        /// Copy the built-in theme into Templates/ so designers can edit it.
        public var includeTemplates: Bool

        public init(title: String = "Health information", baseURL: String = "https://example.org/",
                    today: CalendarDate, includeTemplates: Bool = true) {
            self.title = title
            self.baseURL = baseURL
            self.today = today
            self.includeTemplates = includeTemplates
        }
    }

    public static let exampleArticlePath = "Content/washing-your-hands.md"

    /// Every file `medsite init` writes, in a stable order.
    public static func files(_ options: Options) -> [ScaffoldFile] {
        var files = [
            ScaffoldFile(path: SiteSettings.fileName, text: settings(title: options.title, baseURL: options.baseURL)),
            ScaffoldFile(path: exampleArticlePath, text: exampleArticle(reviewed: options.today)),
            // An existing .gitignore (init in a repository) is kept: it is a convenience, not the site.
            ScaffoldFile(path: ".gitignore", text: gitignore, keepsExisting: true),
        ]
        if options.includeTemplates {
            files += DefaultTheme.files.sorted { $0.key < $1.key }.map {
                ScaffoldFile(path: Theme.folderName + "/" + $0.key, text: $0.value)
            }
        }
        return files
    }

    /// Writes the site into `directory` (created when missing) and returns the files written.
    /// Nothing is written when any file of the site exists.
    @discardableResult
    public static func create(in directory: String, _ options: Options) throws(ScaffoldError) -> [ScaffoldFile] {
        try ScaffoldWriter.createAll(files(options), in: directory)
    }

    static let gitignore = """
    # Written by medsite build; CI publishes it, so it is not committed.
    Output/
    # The lock that keeps two builds of the site from running at once, and the site before the
    # last rebuild, which the next one brings forward.
    .Output.lock
    .Output.previous*
    # The build cache: CI keeps it between runs (see docs/github-actions.yml in medsite).
    .medsite-cache/

    """

    /// medsite.yml with every setting, its default, and why it matters.
    static func settings(title: String, baseURL: String) -> String {
        let base = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        let defaults = SiteSettings()
        return """
        # medsite settings. Every setting is listed with its default value.
        # `medsite explain` describes each rule; `medsite --help` lists the commands.

        # The site's name, shown in every page's header and <title>. Required.
        title: \(YAMLText.quoted(title))

        # The public address of the site, used for canonical links and the sitemap. Required.
        # Change it to your own address before you publish.
        base_url: \(YAMLText.quoted(base))

        # The language of the pages, as a BCP 47 tag (en, en-GB, fr, es-MX). Default: \(defaults.language)
        language: \(defaults.language)

        # Every page shows one of these medical disclaimers, chosen by key with the
        # article's `disclaimer:` field. At least one is required.
        disclaimers:
          general: "This information is for general education only. It does not replace advice from your doctor or another qualified health professional."
          treatment: "This information does not replace professional medical advice, diagnosis or treatment. Always talk to your own healthcare team before you start, stop or change any treatment."

        # The disclaimer of articles that do not choose one. Default: \(defaults.defaultDisclaimer)
        # (or the first disclaimer above when there is no `general`).
        default_disclaimer: \(defaults.defaultDisclaimer)

        review:
          # How long a review stays valid: next_review = last_reviewed + this many months,
          # unless an article sets next_review itself. Default: \(defaults.reviewIntervalMonths) (the NHS's 3 years).
          interval_months: \(defaults.reviewIntervalMonths)
          # What happens once next_review has passed:
          #   warning   - build, and report the page (default)
          #   error     - stop the build until the page is reviewed
          #   unpublish - build the site without that page, and report it
          overdue: \(defaults.overduePolicy.rawValue)
          # Pages due for review within this many days are listed as notes. Default: \(defaults.dueSoonDays)
          due_soon_days: \(defaults.dueSoonDays)

        # Change a rule's severity (error, warning, note) or turn it off. Default: {} (every
        # rule at its default severity). Rules that keep patients safe (required fields, review
        # dates, disclaimers) cannot be lowered. Replace {} with lines such as:
        #   long-sentence: off
        #   readability: error
        rules: {}

        # Phrases added to medsite's built-in lists (matched without regard to case).
        phrases:
          # Advertising that has no place on a health page. Default: [] (built-in list only)
          promotional: []
          # Claims no honest health page makes. Default: [] (built-in list only)
          unsupported_claims: []

        readability:
          # The highest Flesch-Kincaid grade a page may have before medsite warns. Default: \(formatGrade(defaults.maxReadabilityGrade))
          # Grade 8 reads easily for most adults; patient-information guidance asks for it.
          max_grade: \(formatGrade(defaults.maxReadabilityGrade))

        # What pages tell patients about getting care. Default: {} (everything from `language`).
        #   emergency_number: the number the footer and the 404 page tell patients to call.
        #     Default: from the region of `language`: en-GB 999, en-US and en-CA 911, en-AU 000,
        #     en-NZ 111, en-IE and EU countries (de-DE, fr-FR...) 112; with no region (en), pages
        #     say "call your local emergency number". Replace {} with a line such as:
        #   emergency_number: "999"
        #   emergency_heading, urgent_heading, non_urgent_heading, warning_heading, do_heading,
        #   dont_heading: the heading of each care card (`> [!EMERGENCY]`...) that has none of
        #     its own; {number} stands for the emergency number. Default: the NHS wording with 999
        #     ("Call 999 or go to A&E now if:"), plain words with other numbers. For example:
        #   urgent_heading: "Ask for an urgent GP appointment or call NHS 111 if:"
        care: {}

        search:
          # Groups of words and phrases readers use for the same thing; search finds each by the
          # others. Default: [] (the built-in English list only: heart attack and myocardial
          # infarction, fits and seizure, sugar and diabetes, water tablets and diuretics...).
          # Add a group with a line such as:  - [tummy, abdomen, stomach]
          synonyms: []

        # The theme's fixed texts ("Page last reviewed:", "On this page", "Sources", month names...)
        # in the site's language. Default: {} (English). docs/designers.md lists every key with its
        # English text; a site in another language sets them all, for example:
        #   on_this_page: "En esta página"
        #   months: [enero, febrero, marzo, abril, mayo, junio, julio, agosto, septiembre, octubre, noviembre, diciembre]
        texts: {}

        # The languages pages are translated into. Default: {} (none). A translation is a file
        # named after the page it translates, with the language's code: asthma.es.md beside
        # asthma.md, published at /es/asthma/ (or /es/its-own-slug/). Each language needs its
        # disclaimers and the theme's texts (docs/editors.md, "Translating a page"), for example:
        #   es:
        #     language: es-ES                     # lang and hreflang; default: the code
        #     title: "Respuestas Claras de Salud" # default: the title above
        #     disclaimers:
        #       general: "Esta información es solo educativa..."
        #     care:
        #       emergency_heading: "Llame al {number} o vaya a urgencias ahora si:"
        #     texts:
        #       on_this_page: "En esta página"
        languages: {}

        # Addresses the site published once and has given up for good, with nothing to replace
        # them. `medsite build` records every address it publishes in published-addresses.txt and
        # stops when one disappears; list it here to let it go (readers then get the "page not
        # found" page). When another page replaces it, add it to that page's `aliases:` instead.
        # Default: []. For example:
        #   - /old-leaflet/
        retired: []

        # Sources that were withdrawn or replaced. Every page that cites one (at that address or
        # below it) and was last reviewed before `date` is due for review from `date`, and each
        # build names the source (rule source-superseded). Default: [] (none). Add entries such as:
        #   - url: https://www.nice.org.uk/guidance/ng80
        #     replaced_by: https://www.nice.org.uk/guidance/ng245
        #     date: 2024-11-27
        #     note: "NICE, BTS and SIGN replaced it with one joint asthma guideline"
        superseded_sources: []

        """
    }

    static func formatGrade(_ grade: Double) -> String {
        grade == grade.rounded() ? String(Int(grade)) : String(grade)
    }

    /// A short, sourced patient article, a model for editors to copy: a draft whose only problems
    /// are its placeholders.
    static func exampleArticle(reviewed: CalendarDate) -> String {
        """
        ---
        # An example article written by `medsite init`: copy its shape for your own pages
        # (`medsite new "Title"` starts one, with every field explained). It is a draft, so
        # `medsite serve` shows it and `medsite build` does not publish it. Its reviewer is
        # invented: medsite refuses to publish it until the placeholders are replaced
        # (`medsite explain placeholder-value`).
        title: "\(Placeholders.examplePrefix)Washing your hands to stop colds spreading"
        # The short answer, in one or two plain sentences: shown under the title and in search results.
        description: "Washing your hands with soap and water for at least 20 seconds is one of the best ways to stop colds and other germs spreading."
        # article (a general page) or short-answer (one patient question, which then needs `question:`).
        type: article
        condition:
          name: Common cold
          icd10: J00
        audience: patient
        # The day a clinician reviewed this page. `medsite init` wrote the day the site was
        # created: have a clinician review the page, then write the real date here.
        last_reviewed: \(reviewed.iso)
        # An invented reviewer: replace it with the clinician who reviewed the page, as
        # "Name, credentials".
        reviewed_by: "\(Placeholders.reviewer)"
        authors: ["\(Placeholders.author)"]
        sources:
          - title: "How to wash your hands"
            url: "https://www.nhs.uk/live-well/best-way-to-wash-your-hands/"
            publisher: "NHS"
          - title: "About handwashing"
            url: "https://www.cdc.gov/clean-hands/about/index.html"
            publisher: "Centers for Disease Control and Prevention"
          - title: "Common cold"
            url: "https://www.nhs.uk/conditions/common-cold/"
            publisher: "NHS"
        disclaimer: general
        tags: [colds, hygiene]
        # Delete this line to publish the page, once the placeholders above are replaced.
        draft: true
        ---

        \(Placeholders.exampleNotice)

        Washing your hands is one of the best ways to stop colds and other germs from spreading. It takes about 20 seconds. Soap and water work better than hand gel when your hands look dirty.

        ## When to wash your hands

        Wash your hands:

        - after you cough, sneeze or blow your nose
        - before you eat or cook
        - after you use the toilet or change a nappy
        - after you touch animals or their food
        - when you get home from work, school or the shops

        ## How to wash your hands

        1. Wet your hands with clean running water.
        2. Put on enough soap to cover your hands.
        3. Rub your palms, the backs of your hands, between your fingers and under your nails.
        4. Keep rubbing for at least 20 seconds. That is about as long as singing "Happy Birthday" twice.
        5. Rinse your hands under running water.
        6. Dry them on a clean towel, or let them dry in the air.

        ## If you have no soap and water

        Use a hand gel that has at least 60% alcohol in it. Rub it over all of your hands until they feel dry. Gel does not work as well when your hands are greasy or dirty. Wash them with soap and water as soon as you can.

        ## When to get help

        Most colds get better on their own in 7 to 10 days. Ask a pharmacist or a doctor for advice if you feel very unwell, or if you still feel ill after 3 weeks.

        """
    }
}
