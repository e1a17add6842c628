import MedsiteBase

/// A theme's templates compiled once (`MustacheCompiler`) and rendered over `TemplateValues` by
/// walking the node tree into one byte buffer: no dynamic casts, no reflection, no string
/// concatenation per tag. It writes what swift-mustache writes for the same templates and values
/// (the differential tests hold the two to identical bytes); a theme it cannot compile renders
/// through swift-mustache instead (`Theme`).
struct CompiledTheme: Sendable {
    let templates: [String: [MustacheNode]]

    /// Compiles every template; throws `MustacheCompiler.Unsupported` (or a parse failure) for the first
    /// one it cannot compile.
    init(sources: [String: String]) throws {
        var templates: [String: [MustacheNode]] = [:]
        for (name, text) in sources { templates[name] = try MustacheCompiler.compile(text) }
        self.templates = templates
    }

    /// nil when there is no template of that name (swift-mustache's library answers nil too).
    func render(_ name: String, _ context: TemplateValues) -> String? {
        render(name, root: .object(context))
    }

    /// Any value as the root (the spec renders text and lists at the top too).
    func render(_ name: String, root: TemplateValue) -> String? {
        renderBytes(name, root: root).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The page as UTF-8 bytes: every piece written is valid UTF-8 (literals and values are Strings).
    func renderBytes(_ name: String, root: TemplateValue) -> [UInt8]? {
        guard let nodes = templates[name] else { return nil }
        var renderer = MustacheRenderer(templates: templates, root: root)
        renderer.render(nodes, MustacheRenderer.Frame(indentation: nil, overrides: nil, escaping: .html))
        return renderer.output
    }
}
