/// How a failure to write Output/ is reported: against Output/ or the page in it, the names an
/// editor knows, never medsite's own working files (`.medsite-updating`, `.medsite-tmp-…`, the
/// `.Output.staging-…` folder), with what to do about the usual causes.
enum OutputFailure {
    static func diagnostic(_ error: OutputError, options: BuildOptions, fix: String) -> Diagnostic {
        let output = options.resolvedOutputDirectory
        let shown = displayName(ofOutput: options)
        var file = shown + "/"
        let name = error.path.split(separator: "/").last.map(String.init) ?? error.path
        let isWorkingFile = name == OutputWriter.journalName || name == OutputWriter.markerName
            || name.hasPrefix(".medsite-tmp-")
            || name.hasPrefix(".") && (name.contains(".staging-") || name.contains(".tmp-") || name.hasSuffix(".lock"))
        if !isWorkingFile, error.path != output {
            if error.path.hasPrefix(output + "/") {
                file = shown + "/" + error.path.dropFirst(output.count + 1)
            } else if !error.path.hasPrefix("/"), !error.path.hasPrefix(".") {
                file = shown + "/" + error.path // a path inside Output/, as OutputFile names them
            }
        }
        return Diagnostic(file: file, position: .start, rule: .outputFailed,
                          message: "the site could not be written: \(error.reason)",
                          fix: cause(of: error.reason, output: shown).map { $0 + "; " + fix } ?? fix)
    }

    /// `Output`, or `--output` as given (relative to the site when it is inside it).
    static func displayName(ofOutput options: BuildOptions) -> String {
        guard let given = options.outputDirectory else { return "Output" }
        let site = options.siteDirectory.hasSuffix("/") ? String(options.siteDirectory.dropLast()) : options.siteDirectory
        let trimmed = given.count > 1 && given.hasSuffix("/") ? String(given.dropLast()) : given
        if site != ".", trimmed.hasPrefix(site + "/") { return String(trimmed.dropFirst(site.count + 1)) }
        return trimmed
    }

    static func cause(of reason: String, output: String) -> String? {
        if reason.contains("No space left") { return "the disk that holds \(output)/ is full: free some space" }
        if reason.contains("Read-only file system") { return "the disk that holds \(output)/ is read-only: build to a folder you can write to (--output)" }
        if reason.contains("Permission denied") || reason.contains("Operation not permitted") {
            return "medsite may not write to \(output)/: check the permissions of \(output)/ and of the folder that holds it"
        }
        return nil
    }
}
