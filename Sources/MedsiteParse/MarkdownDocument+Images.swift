/// Image markup cmark cannot write itself.
extension MarkdownDocument {
    /// `loading="lazy"` on every image but the first: the first is usually near the top of the page,
    /// where lazy loading would only delay it; the rest load as the reader scrolls to them. In safe
    /// mode every `<img` in cmark's output is an image (text is escaped, raw HTML left out).
    static func lazyLoadingImages(_ html: String) -> String {
        let marker = "<img "
        var parts = html.components(separatedBy: marker)
        guard parts.count > 2 else { return html }
        for index in 2..<parts.count { parts[index] = "loading=\"lazy\" " + parts[index] }
        return parts.joined(separator: marker)
    }
}
