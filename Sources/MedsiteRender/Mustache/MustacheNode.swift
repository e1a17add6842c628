/// One piece of a compiled template: text to copy, or a tag to evaluate over `TemplateValue`s.
/// The tree mirrors swift-mustache's tokens one for one, so both render the same bytes.
indirect enum MustacheNode: Sendable {
    case text([UInt8])
    case variable(MustacheName, escaped: Bool)
    case section(MustacheName, [MustacheNode])
    case invertedSection(MustacheName, [MustacheNode])
    /// `{{$name}}…{{/name}}` outside a parent: the parent's override, else its own content.
    case block(name: String, content: [MustacheNode], indentation: [UInt8])
    /// `{{$name}}…{{/name}}` directly inside `{{<parent}}`: an override (collected into `partial`).
    case blockDefinition(name: String, content: [MustacheNode])
    /// `{{>name}}`, `{{<name}}…{{/name}}` (with `overrides`); `dynamic`: `{{>*key}}`, the name is a value.
    case partial(name: String, dynamic: Bool, indentation: [UInt8]?, overrides: [String: [MustacheNode]]?)
    case escaping(MustacheEscaping)
}

/// How `{{value}}` is escaped, chosen by `{{% CONTENT_TYPE: … }}`.
enum MustacheEscaping: Sendable {
    /// medsite's HTML escaping (`HTML.escape`), the type every theme template starts with.
    case html
    /// `TEXT`: written as it is.
    case none
}

/// A tag's name as swift-mustache resolves it: `.` and `` (the current object), `a.b.c` (the first
/// part searched up the stack, the rest inside it), `.a` (only the current object).
struct MustacheName: Sendable {
    let components: [String]
    /// Only the innermost object is searched (`.` and names starting with a dot).
    let anchored: Bool

    init(_ name: String) {
        anchored = name.first == "."
        components = name == "." ? [] : name.split(separator: ".").map(String.init)
    }
}
