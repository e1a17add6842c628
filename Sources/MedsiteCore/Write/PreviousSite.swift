import Foundation
import MedsiteBase
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The site as it was before the last update of several files, kept beside Output/ as
/// `.Output.previous`: the next such update brings it forward by the files that changed since
/// (a handful) and swaps it in, instead of linking every file of the site into a new tree. Unchanged
/// files are hard links shared with Output/, so it costs little disk.
///
/// `.Output.previous.state` says which Output/ it belongs to (the device and inode of both folders)
/// and which paths may differ between them. Without a state that matches both folders, the
/// folder is never used: an update removes it and links a whole new tree, as before. The state is
/// removed before the folder is touched and written again only after the swap, so a kill or a
/// failure in between leaves an Output/ that is whole and a previous site that is never reused.
struct PreviousSite {
    let location: OutputLocation

    init(_ location: OutputLocation) { self.location = location }

    var path: String { FileSystem.join(location.parent, location.siblingPrefix + "previous") }
    var statePath: String { path + ".state" }
    static let stateHeading = "medsite previous site 1"

    /// The paths where the previous site may differ from Output/; nil when there is no previous
    /// site this update may use.
    func pendingPaths() -> [String]? {
        guard let text = FileSystem.readText(statePath) else { return nil }
        let output = Self.identity(location.path), previous = Self.identity(path)
        guard output != "none", previous != "none" else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 3, lines[0] == Self.stateHeading, lines.last == "",
              lines[1] == "output " + output, lines[2] == "previous " + previous else { return nil }
        lines.removeLast()
        let paths = Array(lines.dropFirst(3))
        // Written by medsite, but it names files to replace: nothing outside the folder.
        guard paths.allSatisfy(Self.isInside) else { return nil }
        return paths
    }

    /// Records that the previous site is Output/'s previous generation, differing at `pending`.
    func record(pending: some Sequence<String>) -> Bool {
        let state = ([Self.stateHeading, "output " + Self.identity(location.path), "previous " + Self.identity(path)]
                     + Set(pending).sorted()).joined(separator: "\n") + "\n"
        let temporary = location.uniqueSibling("tmp")
        let failed = Array(state.utf8).withUnsafeBytes { OutputWriter.writeFile(temporary, $0, display: temporary) } != nil
        if failed || rename(temporary, statePath) != 0 {
            unlink(temporary)
            return false
        }
        return true
    }

    /// Makes sure no later update uses the previous site; false only when a state is left behind.
    func forget() -> Bool { unlink(statePath) == 0 || errno == ENOENT }

    func remove() {
        _ = forget()
        if FileSystem.kind(ofLinkAt: path) != .missing { OutputWriter.removeTree(path) }
    }

    /// Device and inode: a folder swapped, renamed or made again by anyone has another.
    static func identity(_ folder: String) -> String {
        var info = stat()
        guard lstat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return "none" }
        return "\(info.st_dev) \(info.st_ino)"
    }

    static func isInside(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }
}
