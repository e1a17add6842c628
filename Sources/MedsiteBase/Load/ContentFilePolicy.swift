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
