import CMedsiteSystem
import Foundation
import Synchronization
import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// A site being published: files are written into a staging folder beside Output/ as soon as they
/// are rendered (so a build never holds every page in memory), then `commit` swaps it in with one
/// `renameat2(RENAME_EXCHANGE)`. A failed or killed build leaves the previous Output/ untouched.
public final class StagedSite: Sendable {
    let output: String
    let staging: String
    /// The current site, whose files are hard-linked when a new file has the same bytes (they keep
    /// their mtime, so rsync and CDN uploads stay small).
    let previous: String?
    /// Every path written, so the build cache can stamp them without listing the folders, and so
    /// no path is ever written twice (a Content/ file can never replace a generated page).
    private let written = Mutex<Set<String>>([])

    /// The paths written so far, sorted.
    var writtenPaths: [String] { written.withLock { $0.sorted() } }

    public init(output: String) throws(OutputError) {
        let location = OutputLocation(output)
        try OutputWriter.checkReplaceable(location.path)
        try OutputWriter.checkNothingUnknown(in: location.path)
        self.output = location.path
        // Unique to this build (not the pid: two containers' builds are each pid 1).
        staging = location.uniqueSibling("staging")
        guard mkdir(staging, 0o755) == 0 else { throw OutputError(path: staging, reason: OutputWriter.errnoText()) }
        previous = FileSystem.kind(ofLinkAt: location.path) == .directory ? location.path : nil
    }

    /// Writes one file; safe to call from many threads for different paths.
    public func write(_ file: OutputFile) -> OutputError? {
        guard written.withLock({ $0.insert(file.path).inserted }) else {
            return OutputError(path: file.path, reason: "two files would be published at this same address")
        }
        if let failure = OutputWriter.makeParents(of: file.path, in: staging) { return failure }
        let target = FileSystem.join(staging, file.path)
        let old = previous.map { FileSystem.join($0, file.path) }
        switch file.content {
        case .text(let text):
            var text = text
            return text.withUTF8 { OutputWriter.writeOrLink(target, UnsafeRawBufferPointer($0), previous: old, display: file.path) }
        case .bytes(let bytes):
            return bytes.withUnsafeBytes { OutputWriter.writeOrLink(target, $0, previous: old, display: file.path) }
        case .copy(let source):
            switch FileSystem.read(source) {
            case .success(let bytes): return bytes.withUnsafeBytes { OutputWriter.writeOrLink(target, $0, previous: old, display: file.path) }
            case .failure(let error): return OutputError(path: file.path, reason: "could not read \(source): \(error.reason)")
            }
        }
    }

    /// Adds medsite's marker, listing every file of the site (so the next build can tell a file
    /// someone put in Output/ from its own), and makes the staged site Output/. After the swap the
    /// staging path holds the previous site, which is removed, and so is the one an update kept
    /// (`PreviousSite`): it is two sites old now.
    public func commit() throws(OutputError) {
        let listed = (writtenPaths + [OutputWriter.markerName]).sorted()
        if let failure = write(OutputFile(path: OutputWriter.markerName,
                                          content: .text(OutputWriter.markerHeading + listed.joined(separator: "\n") + "\n"))) {
            throw failure
        }
        try OutputWriter.swap(staging, into: output)
        discard()
        PreviousSite(OutputLocation(output)).remove()
    }

    /// Removes the staging folder (a failed build's, or the previous site after a swap).
    public func discard() {
        OutputWriter.removeTree(staging)
    }
}
