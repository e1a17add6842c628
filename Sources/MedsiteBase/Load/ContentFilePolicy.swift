import Foundation

/// Which non-Markdown files under Content/ are copied to Output/ as they are (docs/editors.md).
///
/// An allowlist, not a blocklist: a copied file skips every check and the disclaimer, so only types
/// a browser shows as media or documents (never as a page that runs script) are copied.
package enum ContentFilePolicy {
    /// Copied as they are (lower-case extensions).
    static let copiedExtensions: Set<String> = [
        "png", "jpg", "jpeg", "gif", "webp", "avif", "ico",
        "pdf", "txt", "csv",
        "mp4", "webm", "mp3", "vtt",
    ]
    /// Types a browser runs, or renders as a page that can run script: refused as `unsafe-file`.
    static let executableExtensions: Set<String> = [
        "html", "htm", "xhtml", "xht", "shtml", "xml", "xsl", "xslt", "svgz", "mht", "mhtml",
        "js", "mjs", "cjs", "wasm", "swf", "hta", "php", "phtml", "asp", "aspx", "jsp", "cgi", "pl", "py", "sh",
    ]
    /// Files hosts read from the top of the site: GitHub Pages' custom domain.
    static let rootFiles: Set<String> = ["CNAME"]
    /// `.well-known/` (security.txt, app links) keeps its files; only data types, never pages.
    package static let wellKnownFolder = ".well-known"
    static let wellKnownExtensions: Set<String> = ["", "txt", "json"]
    /// Operating-system clutter that is neither content nor worth an error.
    static let ignoredNames: Set<String> = ["Thumbs.db", "desktop.ini"]

    /// nil when the file may be copied; otherwise the error to report at its path.
    static func refusal(_ file: SourceFile) -> Diagnostic? {
        let name = FileSystem.splitPath(file.contentPath).name
        // Not NSString's pathExtension: Foundation's path methods crash on one-character names.
        let type = name.dropFirst().lastIndex(of: ".").map { String(name[name.index(after: $0)...]).lowercased() } ?? ""
        let inWellKnown = file.contentPath.hasPrefix(wellKnownFolder + "/")
        if executableExtensions.contains(type) {
            return Diagnostic(file: file.relativePath, position: .start, rule: .unsafeFile,
                              message: "a .\(type) file would be published as it is, without the disclaimer, the review dates or any check, and could run code in a patient's browser",
                              fix: type.hasPrefix("htm") || type == "xhtml" || type == "shtml"
                                  ? "write it as a Markdown article (medsite new), or remove it from Content/"
                                  : "remove it from Content/ (the theme's own scripts belong in Templates/assets/)")
        }
        if type == "svg" {
            switch FileSystem.read(file.absolutePath) {
            case .failure(let error):
                return Diagnostic(file: file.relativePath, position: .start, rule: .unreadableFile,
                                  message: "the file could not be read: \(error.reason)", fix: "check that you may read it")
            case .success(let bytes):
                guard let (line, what) = SVGInspection.activeContent(bytes) else { return nil }
                return Diagnostic(file: file.relativePath, position: SourcePosition(line: line), rule: .unsafeFile,
                                  message: "this SVG image holds \(what), which would run in a patient's browser",
                                  fix: "export the image again without scripts or interactivity, or save it as PNG")
            }
        }
        if inWellKnown ? wellKnownExtensions.contains(type) : copiedExtensions.contains(type) { return nil }
        if !file.contentPath.contains("/"), rootFiles.contains(name) { return nil }
        return Diagnostic(file: file.relativePath, position: .start, rule: .unsupportedFile,
                          message: type.isEmpty ? "a file without a type (no extension) is not published"
                              : "a .\(type) file is not one of the types medsite publishes (images, PDF, text, CSV, video, audio, captions)",
                          fix: "save documents as PDF and images as PNG or JPEG, or move the file out of Content/")
    }
}

/// Finds what makes an SVG more than a picture. Deliberately strict: a false alarm costs an
/// editor a re-export; a miss runs script on a patient site.
enum SVGInspection {
    /// The first line holding active content, and what it is; nil for a plain picture.
    static func activeContent(_ bytes: [UInt8]) -> (line: Int, what: String)? {
        // A UTF-16 (or other non-UTF-8) file would hide `<script>` from the checks below, while an
        // XML parser reads it happily: only UTF-8 without NUL bytes is inspected, and so accepted.
        guard !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else {
            return (1, "text that is not UTF-8, so it cannot be checked for scripts")
        }
        let lowered = text.lowercased()
        // Elements, with or without a namespace prefix (`<svg:script>`).
        let elements: [(String, String)] = [
            ("script", "a script"), ("foreignobject", "embedded HTML (foreignObject)"), ("iframe", "an embedded page"),
            ("embed", "an embedded object"), ("object", "an embedded object"), ("handler", "an event handler"),
            ("listener", "an event handler"), ("!entity", "an XML entity declaration"),
            ("?xml-stylesheet", "a style sheet instruction (XSLT can run script)"),
        ]
        for (name, what) in elements {
            if let offset = firstElement(named: name, in: lowered) { return (line(at: offset, in: lowered), what) }
        }
        // Event handler attributes: `onload=`, `<svg/onload=`, `onclick =`.
        if let range = lowered.range(of: #"[\s/"'](on[a-z]+)\s*="#, options: .regularExpression) {
            return (line(at: lowered.distance(from: lowered.startIndex, to: range.lowerBound), in: lowered), "an event handler attribute")
        }
        // Addresses that run or render script, after undoing entities and the whitespace browsers skip.
        let (decoded, origins) = decodedForSchemes(lowered)
        for scheme in ["javascript:", "vbscript:", "data:text/html", "data:application/", "data:image/svg"] {
            if let range = decoded.range(of: scheme) {
                let offset = origins[decoded.distance(from: decoded.startIndex, to: range.lowerBound)]
                return (line(at: offset, in: lowered), "a '\(scheme.hasPrefix("data:") ? "data:" : scheme)' address")
            }
        }
        return nil
    }

    private static func firstElement(named name: String, in text: String) -> Int? {
        let pattern = "<\\s*([a-z0-9_.-]+:)?" + NSRegularExpression.escapedPattern(for: name) + (name.hasPrefix("!") || name.hasPrefix("?") ? "" : "[\\s/>]")
        guard let range = text.range(of: pattern, options: .regularExpression) else { return nil }
        return text.distance(from: text.startIndex, to: range.lowerBound)
    }

    /// Character references decoded (`&#106;` `&#x6A;` `&colon;` `&Tab;`…), ASCII whitespace and
    /// control characters dropped; each kept character's offset in the original.
    private static func decodedForSchemes(_ text: String) -> (String, [Int]) {
        let characters = Array(text)
        var result: [Character] = []
        var origins: [Int] = []
        var index = 0
        let named: [String: Character] = ["colon": ":", "tab": "\t", "newline": "\n", "sol": "/", "lpar": "(", "rpar": ")",
                                          "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "period": "."]
        while index < characters.count {
            let start = index
            var character = characters[index]
            if character == "&", let semicolon = characters[index...].prefix(12).firstIndex(of: ";") {
                let body = String(characters[(index + 1)..<semicolon])
                var value: Character?
                if body.hasPrefix("#x"), let code = UInt32(body.dropFirst(2), radix: 16) { value = Unicode.Scalar(code).map(Character.init) }
                else if body.hasPrefix("#"), let code = UInt32(body.dropFirst()) { value = Unicode.Scalar(code).map(Character.init) }
                else { value = named[body] }
                if let value {
                    character = Character(value.lowercased())
                    index = semicolon
                }
            }
            index += 1
            if character.unicodeScalars.allSatisfy({ $0.value <= 0x20 }) { continue }
            result.append(character)
            origins.append(start)
        }
        return (String(result), origins)
    }

    private static func line(at offset: Int, in text: String) -> Int {
        1 + text.prefix(offset).filter { $0 == "\n" }.count
    }
}
