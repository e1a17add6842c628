// The catalogue entry of `ContentFilePolicy` (Load/): which files under Content/ are published as they are.
extension RuleID {
    package static let unsafeFile: RuleID = "unsafe-file"
    package static let unsupportedFile: RuleID = "unsupported-file"
    package static let addressTaken: RuleID = "address-taken"
}

extension RuleCatalogue {
    static let contentFileRules: [Rule] = [
        Rule(.unsafeFile, .error, "A file in Content/ could run code in a patient's browser.",
             "Only Markdown articles become pages: they get the disclaimer, the review dates and every check. An HTML page, a script, or an SVG image holding a script, an event handler (`onload=`), a `javascript:` address or embedded HTML (`foreignObject`) would be published exactly as it is, with none of that, and could run code on the site. Fix: write the page as a Markdown article (`medsite new`); for an SVG, export it again without scripts, or save it as PNG.", mandatory: true),
        Rule(.unsupportedFile, .error, "A file in Content/ is of a type medsite does not publish.",
             "Besides Markdown articles, medsite copies only the file types a patient site needs: images (PNG, JPEG, GIF, WebP, AVIF, ICO, and SVG without scripts), PDF, plain text, CSV, video and audio (MP4, WebM, MP3) with WebVTT captions, plus `CNAME` and `.well-known/` at the top of Content/. Other files (a Word document, a spreadsheet, a ZIP) are not published, and never silently: the build stops so a link to the file cannot break unnoticed. Fix: save the document as PDF, or move the file out of Content/.", mandatory: true),
        Rule(.addressTaken, .error, "A file in Content/ would take the address of something medsite generates.",
             "medsite generates the home page, article, condition, topic, search and 404 pages, robots.txt, sitemap.xml, feed.xml and the theme's files under /assets/. A file in Content/ at one of those addresses (or in a folder of the same name as one of those files) would replace or shadow what medsite publishes. Fix: rename the file, or move it into another folder such as `Content/images/`.", mandatory: true),
    ]
}
