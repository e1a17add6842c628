import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where Output/ is, and the names medsite uses beside it: `.Output.staging-…` folders,
/// `.Output.tmp-…` files and the build lock `.Output.lock`, all in Output/'s parent folder, so every
/// rename and swap stays on one file system.
struct OutputLocation {
    /// The output folder without a trailing slash (`o`, `x/`, `.` and `/srv/www/` all work).
    let path: String
    let parent: String
    /// `.Output.`: what every name beside Output/ starts with.
    let siblingPrefix: String

    init(_ output: String) {
        var trimmed = output
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        // `.`, `..` and `x/.` name a folder by a link; give it its real name so it has a parent.
        if trimmed.isEmpty || trimmed == "/" || [".", ".."].contains(Self.split(trimmed).name) {
            trimmed = OutputLocation.absolute(trimmed.isEmpty ? "." : trimmed)
        }
        path = trimmed
        let (parent, name) = Self.split(trimmed)
        self.parent = parent
        siblingPrefix = ".\(name)."
    }

    static func split(_ path: String) -> (parent: String, name: String) { FileSystem.splitPath(path) }

    var lockPath: String { FileSystem.join(parent, siblingPrefix + "lock") }

    /// A name beside Output/ that no other build uses: the time and 64 random bits, not the pid
    /// (two builds in two containers are each pid 1).
    func uniqueSibling(_ kind: String) -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let random = UInt64.random(in: 0...UInt64.max)
        return FileSystem.join(parent, siblingPrefix + kind + "-\(now.tv_sec)-\(String(random, radix: 16))")
    }

    /// `path` made absolute and free of `.`, `..` and symbolic links, as far as it exists; the part
    /// that does not exist yet is appended as written.
    static func absolute(_ path: String) -> String {
        let base = path.hasPrefix("/") ? "/" : FileManager.default.currentDirectoryPath
        var components = path.split(separator: "/").map(String.init)
        var result = FileSystem.realPath(base) ?? base
        while !components.isEmpty {
            let component = components.removeFirst()
            if component == "." || component.isEmpty { continue }
            if component == ".." {
                result = split(result).parent
                continue
            }
            let candidate = FileSystem.join(result, component)
            if let real = FileSystem.realPath(candidate) { result = real } else { result = candidate }
        }
        return result
    }

    /// Why this output folder cannot be used with this site, if it cannot: it is the site folder
    /// or holds it (replacing it would delete the site), or it is inside Content/ (each build would
    /// publish the last one again, inside itself), or Content/ is inside it.
    static func problem(output: String, site: String) -> String? {
        switch FileSystem.kind(ofLinkAt: OutputLocation(output).path) {
        case .missing, .directory: break
        default: return "\(output) exists and is not a folder"
        }
        let output = absolute(output), site = absolute(site)
        let content = absolute(FileSystem.join(site, ContentScanner.folderName))
        func isInside(_ inner: String, _ outer: String) -> Bool {
            inner == outer || inner.hasPrefix(outer == "/" ? "/" : outer + "/")
        }
        if isInside(site, output) {
            return output == site ? "the output folder is the site folder itself; replacing it would delete the site"
                : "the output folder \(output) holds the site folder; replacing it would delete the site"
        }
        if isInside(output, content) {
            return "the output folder \(output) is inside \(ContentScanner.folderName)/, so every build would publish the previous one again inside itself"
        }
        if isInside(content, output) {
            return "\(ContentScanner.folderName)/ is inside the output folder \(output), which every build replaces"
        }
        return nil
    }
}
