import Mustache
import MedsiteBase
import MedsiteParse
import MedsiteValidate

/// swift-mustache escaping through medsite's one HTML escaper (`HTML.escape`, on UTF-8 bytes). The
/// library's own walks the text Character by Character with a dictionary lookup each; this one
/// replaces the same five characters with the same entities, so pages are byte-identical (except
/// that a quote followed by a combining mark is escaped too, which the library missed). Templates
/// rendered by swift-mustache (the oracle in tests, themes the compiled renderer does not handle)
/// escape through it, so both renderers escape alike.
struct FastHTMLContentType: MustacheContentType {
    static let name = "MEDSITE_HTML"
    /// Put in front of every template so `{{value}}` escapes through this type. On a line of its own
    /// (a standalone tag, removed with its newline), so the template's first line keeps its
    /// standalone-tag whitespace rules; error lines are shifted back by `pragmaLines`.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}\n"
    static let pragmaLines = 1

    /// Registers the type once, before any template is parsed (the registry is a global).
    static let registered: Void = { MustacheContentTypes.register(FastHTMLContentType(), named: name) }()

    func escapeText(_ text: String) -> String { HTML.escape(text) }
}
