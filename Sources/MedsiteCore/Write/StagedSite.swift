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
    /// The paths written with new bytes (the rest are links to the current site's files).
    private let fresh = Mutex<Set<String>>([])
    private let folders: FolderMaker

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
        folders = FolderMaker(root: staging)
        previous = FileSystem.kind(ofLinkAt: location.path) == .directory ? location.path : nil
    }

    /// Writes one file; safe to call from many threads for different paths.
    public func write(_ file: OutputFile) -> OutputError? {
        guard written.withLock({ $0.insert(file.path).inserted }) else {
            return OutputError(path: file.path, reason: "two files would be published at this same address")
        }
        if let failure = folders.makeParents(of: file.path) { return failure }
        let target = FileSystem.join(staging, file.path)
        let old = previous.map { FileSystem.join($0, file.path) }
        let result: (failure: OutputError?, linked: Bool)
        switch file.content {
        case .text(let text):
            var text = text
            result = text.withUTF8 { OutputWriter.writeOrLink(target, UnsafeRawBufferPointer($0), previous: old, display: file.path) }
        case .bytes(let bytes):
            result = bytes.withUnsafeBytes { OutputWriter.writeOrLink(target, $0, previous: old, display: file.path) }
        case .copy(let source):
            switch FileSystem.read(source) {
            case .success(let bytes): result = bytes.withUnsafeBytes { OutputWriter.writeOrLink(target, $0, previous: old, display: file.path) }
            case .failure(let error): return OutputError(path: file.path, reason: "could not read \(source): \(error.reason)")
            }
        }
        // Only a site replacing another can be kept as the previous site (`commit`).
        if previous != nil, result.failure == nil, !result.linked { fresh.withLock { _ = $0.insert(file.path) } }
        return result.failure
    }

    /// Adds medsite's marker, listing every file of the site (so the next build can tell a file
    /// someone put in Output/ from its own), and makes the staged site Output/. After the swap the
    /// staging path holds the site it replaced. The one an update kept (`PreviousSite`) is two
    /// sites old now and is removed; the one just replaced takes its place when it differs from the
    /// new site in few files (so the next one-edit rebuild brings it forward by those), and is
    /// removed otherwise (keeping a whole second site would double the disk Output/ takes).
    public func commit() throws(OutputError) {
        let listed = (writtenPaths + [OutputWriter.markerName]).sorted()
        if let failure = write(OutputFile(path: OutputWriter.markerName,
                                          content: .text(OutputWriter.markerHeading + listed.joined(separator: "\n") + "\n"))) {
            throw failure
        }
        try OutputWriter.swap(staging, into: output)
        let kept = PreviousSite(OutputLocation(output))
        kept.remove()
        guard previous != nil else { return discard() }
        // Where the replaced site differs: files written with new bytes, and files it alone has.
        let limit = max(Self.keptDifferenceLimit, listed.count / 10)
        var differing = fresh.withLock { $0 }
        if differing.count <= limit {
            let all = Set(listed)
            for path in BuildCache.files(under: staging, includeLinks: true) where !all.contains(path) { differing.insert(path) }
        }
        guard differing.count <= limit, rename(staging, kept.path) == 0, kept.record(pending: differing) else {
            kept.remove()
            return discard()
        }
    }

    /// Up to this many differing files (or a tenth of the site) the replaced site is kept.
    static let keptDifferenceLimit = 256

    /// Removes the staging folder (a failed build's, or the previous site after a swap).
    public func discard() {
        OutputWriter.removeTree(staging)
    }
}
