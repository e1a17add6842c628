import MedsiteBase

/// Image markup cmark cannot write itself.
extension MarkdownDocument {
    /// `width` and `height` from the file (`sizes`, in document order), so text does not jump as
    /// images load, and `loading="lazy"` on every image but the first: the first is usually near the
    /// top of the page, where lazy loading would only delay it; the rest load as the reader scrolls
    /// to them. In safe mode every `<img` in cmark's output is an image (text is escaped, raw HTML
    /// left out), in document order.
    static func imageAttributes(_ html: String, sizes: [ImageSize?]) -> String {
        let marker = "<img "
        var parts = html.components(separatedBy: marker)
        guard parts.count > 1 else { return html }
        for index in 1..<parts.count {
            var added = ""
            if index - 1 < sizes.count, let size = sizes[index - 1] { added += "width=\"\(size.width)\" height=\"\(size.height)\" " }
            if index > 1 { added += "loading=\"lazy\" " }
            parts[index] = added + parts[index]
        }
        return parts.joined(separator: marker)
    }

    /// The images cmark writes as `<img>`, in document order: an image inside another image's
    /// description becomes part of its `alt` text, not an element.
    public func imagesInOrder(_ body: (MarkdownNode) -> Void) {
        walk { node, entering in
            guard entering, node.kind == .image else { return }
            var ancestor = node.parent
            while let current = ancestor {
                if current.kind == .image { return }
                ancestor = current.parent
            }
            body(node)
        }
    }
}
