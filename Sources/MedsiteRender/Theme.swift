import Mustache
import MedsiteBase
import MedsiteParse
import MedsiteValidate

/// The templates and assets a site renders with: the built-in theme, with any file of the same
/// name in the site's `Templates/` taking its place (as Hugo themes are overridden).
public struct Theme: Sendable {
    public static let folderName = "Templates"
    static let templateExtension = ".mustache"

    let library: MustacheLibrary
    /// The same templates compiled (`CompiledTheme`), which pages render through; nil when a template
    /// uses what only swift-mustache renders (transforms such as `{{count(x)}}`), and `library` renders.
    let compiled: CompiledTheme?
    /// Whether the built-in templates (`builtInTemplates`) render through their compiled form too.
    let compilesBuiltIn: Bool
    /// Files copied to Output/ as they are (CSS, images, scripts of the theme), by output path.
    public let assets: [(path: String, bytes: [UInt8])]
    /// Where each template came from, for diagnostics: `Templates/article.mustache` or `(built-in) article.mustache`.
    public let origins: [String: String]

    /// Loads the theme. Syntax errors are reported with the template's path and line (rule `template-syntax`).
    public static func load(siteDirectory: String) -> (Theme?, [Diagnostic]) {
        var sources: [String: (text: String, origin: String)] = [:]
        var assetFiles: [String: [UInt8]] = [:]
        for (path, text) in DefaultTheme.files {
            if path.hasSuffix(templateExtension) {
                sources[String(path.dropLast(templateExtension.count))] = (text, "(built-in theme) \(path)")
            } else {
                assetFiles[path] = Array(text.utf8)
            }
        }
        var diagnostics: [Diagnostic] = []
        let folder = FileSystem.join(siteDirectory, folderName)
        if FileSystem.isDirectory(folder) {
            for path in files(under: folder) {
                let display = "\(folderName)/\(path)"
                switch FileSystem.read(FileSystem.join(folder, path)) {
                case .failure(let error):
                    diagnostics.append(Diagnostic(file: display, position: .start, rule: .unreadableFile,
                                                  message: "the template could not be read: \(error.reason)"))
                case .success(let bytes):
                    if path.hasSuffix(templateExtension) {
                        guard let text = String(validating: bytes, as: UTF8.self) else {
                            diagnostics.append(Diagnostic(file: display, position: .start, rule: .invalidEncoding,
                                                          message: "the template is not UTF-8 text", fix: "save it as UTF-8"))
                            continue
                        }
                        sources[String(path.dropLast(templateExtension.count))] = (text, display)
                    } else {
                        assetFiles[path] = bytes
                    }
                }
            }
        }
        FastHTMLContentType.registered
        let pragma = FastHTMLContentType.pragma
        var library = MustacheLibrary()
        var origins: [String: String] = [:]
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                library.register(try MustacheTemplate(string: pragma + source.text), named: name)
                origins[name] = source.origin
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(Diagnostic(
                    file: source.origin, position: SourcePosition(
                        line: max(1, error.context.lineNumber - FastHTMLContentType.pragmaLines),
                        column: error.context.columnNumber),
                    rule: .templateSyntax, message: "Mustache syntax error: \(describe(error.error)) in “\(error.context.line.trimmingWhitespace)”",
                    fix: "close every {{#section}} with {{/section}} and check the tag's braces"))
            } catch {
                diagnostics.append(Diagnostic(file: source.origin, position: .start, rule: .templateSyntax,
                                              message: "Mustache error: \(error)"))
            }
        }
        for required in ["article", "home", "layout"] where library.getTemplate(named: required) == nil && origins[required] == nil {
            if !diagnostics.contains(where: { $0.rule == .templateSyntax }) {
                diagnostics.append(Diagnostic(file: folderName, position: .start, rule: .templateSyntax,
                                              message: "the theme has no '\(required)\(templateExtension)' template"))
            }
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }
        let assets = assetFiles.sorted { $0.key < $1.key }.map { (path: $0.key, bytes: $0.value) }
        let compiled = try? CompiledTheme(sources: sources.mapValues { pragma + $0.text })
        return (Theme(library: library, compiled: compiled, compilesBuiltIn: true, assets: assets, origins: origins), diagnostics)
    }

    /// The built-in templates, kept apart so medsite can insert its own safety blocks whatever the
    /// site's templates do. Parsed once a process, when a page first needs one (a site template
    /// that leaves a safety block out): the default theme has them all, and parsing these twice
    /// more cost every build 38 M instructions.
    static let builtInTemplates: (library: MustacheLibrary, compiled: CompiledTheme?) = {
        FastHTMLContentType.registered
        let pragma = FastHTMLContentType.pragma
        var library = MustacheLibrary()
        var sources: [String: String] = [:]
        for (path, text) in DefaultTheme.files where path.hasSuffix(templateExtension) {
            let name = String(path.dropLast(templateExtension.count))
            try? library.register(pragma + text, named: name)
            sources[name] = pragma + text
        }
        return (library, try? CompiledTheme(sources: sources))
    }()

    public func hasTemplate(_ name: String) -> Bool { library.getTemplate(named: name) != nil }

    func render(_ name: String, _ context: TemplateValues) -> [UInt8] {
        Self.render(name, context, compiled: compiled, library: library)
    }

    func renderBuiltIn(_ name: String, _ context: TemplateValues) -> String {
        let builtIn = Self.builtInTemplates
        return String(decoding: Self.render(name, context, compiled: compilesBuiltIn ? builtIn.compiled : nil, library: builtIn.library),
                      as: UTF8.self)
    }

    /// Debug builds (every test) render each page through swift-mustache too and stop on the first
    /// byte that differs: the whole test suite is a differential test of the compiled renderer.
    private static func render(_ name: String, _ context: TemplateValues, compiled: CompiledTheme?, library: MustacheLibrary) -> [UInt8] {
        guard let compiled else { return Array((library.render(context, withTemplate: name) ?? "").utf8) }
        let html = compiled.renderBytes(name, root: .object(context)) ?? []
        #if DEBUG
        let oracle = library.render(context, withTemplate: name) ?? ""
        precondition(html.elementsEqual(oracle.utf8),
                     "the compiled renderer and swift-mustache differ on '\(name)': \(Self.firstDifference(String(decoding: html, as: UTF8.self), oracle))")
        #endif
        return html
    }

    /// Where two renderings part, with some text of each, for the message above.
    static func firstDifference(_ compiled: String, _ oracle: String) -> String {
        let left = Array(compiled.utf8), right = Array(oracle.utf8)
        var index = 0
        while index < left.count, index < right.count, left[index] == right[index] { index += 1 }
        func excerpt(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[max(0, index - 40)..<min(bytes.count, index + 40)], as: UTF8.self).debugDescription
        }
        return "byte \(index): compiled \(excerpt(left)) vs swift-mustache \(excerpt(right))"
    }

    private static func files(under folder: String) -> [String] {
        var result: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let directory = relative.isEmpty ? folder : FileSystem.join(folder, relative)
            for name in FileSystem.listDirectory(directory) ?? [] where !ContentScanner.isIgnored(name) {
                let path = relative.isEmpty ? name : relative + "/" + name
                switch FileSystem.kind(ofLinkAt: FileSystem.join(directory, name)) {
                case .directory: pending.append(path)
                case .regular: result.append(path)
                default: continue // links and devices in a theme are not followed
                }
            }
        }
        return result.sorted()
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: return "a section is closed with the wrong name"
        case MustacheTemplate.Error.unfinishedName: return "a tag is not finished (missing '}}')"
        case MustacheTemplate.Error.expectedSectionEnd: return "a section is never closed"
        case MustacheTemplate.Error.invalidSetDelimiter: return "a set-delimiter tag is malformed"
        case MustacheTemplate.Error.textInsideInheritSection, MustacheTemplate.Error.illegalTokenInsideInheritSection:
            return "only {{$block}} sections may appear inside a {{<layout}}"
        default: return "\(error)"
        }
    }
}

extension Theme {
    /// The same theme rendered only by swift-mustache (the differential tests' oracle).
    var renderedBySwiftMustache: Theme {
        Theme(library: library, compiled: nil, compilesBuiltIn: false, assets: assets, origins: origins)
    }
}
