import CMedsiteSystem
import Foundation
import Synchronization
import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// Publishes a site atomically: everything is written into a staging folder beside Output/, which
/// then takes Output/'s place in one `renameat2(RENAME_EXCHANGE)`. A failed or killed build leaves
/// the previous Output/ complete and untouched; there is never a moment with half a site.
public enum OutputWriter {
    /// Marks a folder as medsite's, so medsite never replaces a folder it did not write.
    public static let markerName = ".medsite-output"
    /// Left in Output/ by older medsite versions while an incremental update ran: a build that finds
    /// it republishes the whole site. Updates no longer need it (every update is one rename or swap).
    public static let journalName = ".medsite-updating"

    public static func publish(_ files: [OutputFile], to output: String) throws(OutputError) {
        let site = try StagedSite(output: output)
        do throws(OutputError) {
            if let failure = files.parallelMap({ site.write($0) }).lazy.compactMap({ $0 }).first { throw failure }
            try site.commit()
        } catch {
            site.discard()
            throw error
        }
    }

    /// Replaces a few files of a published site so that Output/ is one whole site at every instant,
    /// old or new. Files whose bytes did not change are left alone. When one file changed, it is
    /// written beside Output/ and renamed over its page (one rename is atomic for the whole site).
    /// When several did, the previous site kept beside Output/ (`PreviousSite`) is brought forward
    /// by the files that differ and swapped in with one `renameat2(RENAME_EXCHANGE)`; without a
    /// usable one, a new tree is made of hard links to every other file of Output/ plus the new
    /// files (docs/performance.md). Either way the site swapped out is kept for the next update.
    /// A failure or a kill before the rename or swap leaves Output/ as it was, and nothing of this
    /// build inside it. Returns the paths rewritten, and the paths whose inode or ctime changed
    /// (nil: every file's, after a whole new tree), which the caller stamps again.
    public static func update(_ files: [OutputFile], in output: String) throws(OutputError) -> (written: [String], touched: [String]?) {
        let location = OutputLocation(output)
        let contents = files.parallelMap { file -> Result<[UInt8]?, OutputError> in
            let bytes: [UInt8]
            switch file.content {
            case .text(let text): bytes = Array(text.utf8)
            case .bytes(let value): bytes = value
            case .copy(let source):
                switch FileSystem.read(source) {
                case .success(let value): bytes = value
                case .failure(let error): return .failure(OutputError(path: file.path, reason: "could not read \(source): \(error.reason)"))
                }
            }
            let unchanged = bytes.withUnsafeBytes { FileSystem.hasContent(FileSystem.join(output, file.path), equalTo: $0) }
            return .success(unchanged ? nil : bytes)
        }
        var changed: [(path: String, bytes: [UInt8])] = []
        for (file, result) in zip(files, contents) {
            switch result {
            case .success(let bytes): if let bytes { changed.append((file.path, bytes)) }
            case .failure(let error): throw error
            }
        }
        guard let only = changed.first else { return ([], []) }
        let previous = PreviousSite(location)
        let pending = previous.pendingPaths()
        if changed.count == 1 {
            let target = FileSystem.join(output, only.path)
            let directory = OutputLocation.split(target).parent
            guard FileSystem.isDirectory(directory) else { throw OutputError(path: only.path, reason: "its folder is missing from Output/") }
            // Beside Output/, not inside it: a kill leaves nothing in the site (the next build removes it).
            let temporary = location.uniqueSibling("tmp")
            if let failure = only.bytes.withUnsafeBytes({ writeFile(temporary, $0, display: temporary) }) {
                unlink(temporary)
                throw failure
            }
            // Before the page changes, the previous site must know that it differs there.
            if let pending, !pending.contains(only.path), !previous.record(pending: pending + [only.path]), !previous.forget() {
                unlink(temporary)
                throw OutputError(path: only.path, reason: "could not update \(previous.statePath): \(errnoText())")
            }
            guard rename(temporary, target) == 0 else {
                let failure = OutputError(path: only.path, reason: errnoText())
                unlink(temporary)
                throw failure
            }
            return ([only.path], [only.path])
        }
        PhaseClock.mark("update: \(changed.count) pages changed")
        if let pending { return try bringForward(previous, pending: pending, changed: changed, output: output) }
        // Several pages and no previous site to bring forward: a whole new tree, swapped in at once.
        previous.remove()
        let staging = location.uniqueSibling("staging")
        guard mkdir(staging, 0o755) == 0 else { throw OutputError(path: staging, reason: errnoText()) }
        let newFiles = Dictionary(changed.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        let existing = BuildCache.files(under: output, includeLinks: true)
        let jobs = existing.filter { newFiles[$0] == nil } + changed.map(\.path)
        PhaseClock.mark("update: Output/ listed (\(existing.count) files)")
        let folders = FolderMaker(root: staging)
        let failures = jobs.parallelMap { path -> OutputError? in
            if let failure = folders.makeParents(of: path) { return failure }
            let target = FileSystem.join(staging, path)
            if let bytes = newFiles[path] { return bytes.withUnsafeBytes { writeFile(target, $0, display: path) } }
            return link(FileSystem.join(output, path), target) == 0 ? nil : OutputError(path: path, reason: "could not link it into the new site: \(errnoText())")
        }
        do throws(OutputError) {
            if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
            PhaseClock.mark("update: new tree linked")
            try swap(staging, into: output)
        } catch {
            removeTree(staging)
            throw error
        }
        // The staging path now holds the previous site: kept for the next update.
        PhaseClock.mark("update: swapped")
        if rename(staging, previous.path) != 0 || !previous.record(pending: changed.map(\.path)) {
            previous.remove()
            removeTree(staging)
        }
        PhaseClock.mark("update: previous site kept")
        return (changed.map(\.path).sorted(), nil)
    }

    /// Replaces, in the previous site, the files this update changes and those the last ones
    /// changed (`pending`), then swaps it in. Its other files are hard links to Output/'s, so none
    /// is ever written in place: each replaced file is unlinked first.
    static func bringForward(_ previous: PreviousSite, pending: [String], changed: [(path: String, bytes: [UInt8])],
                             output: String) throws(OutputError) -> (written: [String], touched: [String]?) {
        // From here until the swap it is neither Output/'s previous site nor the next one.
        guard previous.forget() else { throw OutputError(path: previous.statePath, reason: errnoText()) }
        let newFiles = Dictionary(changed.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        let unchanged = pending.filter { newFiles[$0] == nil }
        // A path Output/ no longer has (a full build dropped it) is removed from the previous site.
        let gone = Set(unchanged.filter { FileSystem.kind(ofLinkAt: FileSystem.join(output, $0)) == .missing })
        let relinked = unchanged.filter { !gone.contains($0) }
        let failures = (unchanged + changed.map(\.path)).parallelMap { path -> OutputError? in
            let target = FileSystem.join(previous.path, path)
            guard unlink(target) == 0 || errno == ENOENT else { return OutputError(path: path, reason: errnoText()) }
            if gone.contains(path) {
                // And so are the folders that leaves empty.
                var folder = OutputLocation.split(target).parent
                while folder.count > previous.path.count, rmdir(folder) == 0 { folder = OutputLocation.split(folder).parent }
                return nil
            }
            if let failure = makeParents(of: path, in: previous.path) { return failure }
            if let bytes = newFiles[path] { return bytes.withUnsafeBytes { writeFile(target, $0, display: path) } }
            return link(FileSystem.join(output, path), target) == 0 ? nil
                : OutputError(path: path, reason: "could not link it into the new site: \(errnoText())")
        }
        // The previous site is left unrecorded: the next update removes it.
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        PhaseClock.mark("update: previous site brought forward (\(relinked.count) linked, \(changed.count) written)")
        try swap(previous.path, into: output)
        PhaseClock.mark("update: swapped")
        // Not recorded (a full disk): the next update of several files links a whole tree.
        _ = previous.record(pending: changed.map(\.path))
        return (changed.map(\.path).sorted(), relinked.sorted())
    }

    /// Deletes a folder and everything in it (or a file or link), files on all cores. Foundation's
    /// removeItem took 30 s for a 10,000-page site here under load; this takes a fraction of that.
    static func removeTree(_ path: String) {
        guard FileSystem.kind(ofLinkAt: path) == .directory else {
            unlink(path)
            return
        }
        var folders: [String] = []
        var files: [String] = []
        var pending = [path]
        while let folder = pending.popLast() {
            folders.append(folder)
            for (name, kind) in FileSystem.listDirectoryWithKinds(folder) ?? [] {
                let child = FileSystem.join(folder, name)
                if kind == .directory { pending.append(child) } else { files.append(child) }
            }
        }
        _ = files.parallelMap { unlink($0) }
        // Each folder was listed before its subfolders: reversed, subfolders go first.
        for folder in folders.reversed() { rmdir(folder) }
    }

    /// Creates the folders above `path` inside `root`; safe from many threads at once.
    static func makeParents(of path: String, in root: String) -> OutputError? {
        let display = path
        var path = path
        // On bytes, split at "/" as the file system does: a String split by Character and a String
        // built per folder cost a one-edit rebuild ~10 k instructions a file, for each of the site's
        // 20,000 files it links. Empty components (`a//b`) are skipped; the last one is the file.
        return path.withUTF8 { bytes -> OutputError? in
            var components: [Range<Int>] = []
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "/") {
                if index > start { components.append(start..<index) }
                start = index + 1
            }
            var directory = Array(root.utf8)
            directory.reserveCapacity(directory.count + bytes.count + 2)
            for component in components.dropLast() {
                directory.append(UInt8(ascii: "/"))
                directory.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[component]))
                directory.append(0)
                let made = directory.withUnsafeBufferPointer {
                    mkdir(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), 0o755)
                }
                directory.removeLast()
                guard made == 0 || errno == EEXIST else { return OutputError(path: display, reason: errnoText()) }
            }
            return nil
        }
    }

    /// Refuses to replace a non-empty folder that medsite did not write (say `--output ~/Documents`).
    static func checkReplaceable(_ output: String) throws(OutputError) {
        switch FileSystem.kind(ofLinkAt: output) {
        case .missing: return
        case .directory:
            let entries = FileSystem.listDirectory(output) ?? []
            if entries.isEmpty || entries.contains(markerName) { return }
            throw OutputError(path: output, reason: "the folder exists and was not written by medsite; refusing to replace it (empty it or choose another --output)")
        default:
            throw OutputError(path: output, reason: "exists and is not a folder")
        }
    }

    /// Staging folders and temporary files of builds that were killed before they finished. Only
    /// called by the holder of the build lock (BuildLock), so no other build of this output runs.
    static func removeLeftovers(of output: String) {
        let location = OutputLocation(output)
        for entry in FileSystem.listDirectory(location.parent) ?? []
        where entry.hasPrefix(location.siblingPrefix + "staging-") || entry.hasPrefix(location.siblingPrefix + "tmp-") {
            removeTree(FileSystem.join(location.parent, entry))
        }
    }

    /// The marker's first lines; the rest lists every file the build wrote, one per line.
    static let markerHeading = "Written by medsite. This folder is replaced on every build: put files of your own in Content/.\nFiles:\n"

    /// Refuses to replace an Output/ holding files its last build did not write (a `CNAME` or
    /// `.well-known/` added by hand): replacing it would delete them without a word. Their place is
    /// Content/, from which they are published (docs/editors.md). An Output/ from a medsite that
    /// did not list its files is replaced as before.
    static func checkNothingUnknown(in output: String) throws(OutputError) {
        guard let marker = FileSystem.readText(FileSystem.join(output, markerName)),
              let listStart = marker.range(of: "\nFiles:\n") else { return }
        let listed = Set(marker[listStart.upperBound...].split(separator: "\n").map(String.init))
        let unknown = BuildCache.files(under: output, includeLinks: true).filter { !listed.contains($0) && $0 != journalName }
        guard !unknown.isEmpty else { return }
        let shown = unknown.prefix(5).joined(separator: ", ") + (unknown.count > 5 ? " and \(unknown.count - 5) more" : "")
        throw OutputError(path: output, reason: "it holds \(unknown.count == 1 ? "a file" : "\(unknown.count) files") medsite did not write (\(shown)), which this build would delete. Files of your own belong in \(ContentScanner.folderName)/, which publishes them (CNAME and .well-known/ included): move them there, or delete them, and build again")
    }

    /// Links the previous site's file when it holds exactly these bytes, else writes them.
    static func writeOrLink(_ path: String, _ bytes: UnsafeRawBufferPointer, previous: String?,
                            display: String) -> (failure: OutputError?, linked: Bool) {
        if let previous, FileSystem.hasContent(previous, equalTo: bytes), link(previous, path) == 0 { return (nil, true) }
        return (writeFile(path, bytes, display: display), false)
    }

    static func writeFile(_ path: String, _ bytes: UnsafeRawBufferPointer, display: String) -> OutputError? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return OutputError(path: display, reason: errnoText()) }
        var closed = false
        defer { if !closed { close(descriptor) } }
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return OutputError(path: display, reason: errnoText())
            }
            offset += written
        }
        closed = true
        // Some file systems report a full disk only when the file is closed.
        return close(descriptor) == 0 ? nil : OutputError(path: display, reason: errnoText())
    }

    static func swap(_ staging: String, into output: String) throws(OutputError) {
        if FileSystem.kind(ofLinkAt: output) == .missing {
            guard rename(staging, output) == 0 else { throw OutputError(path: output, reason: errnoText()) }
            return
        }
        guard medsite_exchange_paths(staging, output) == 0 else {
            throw OutputError(path: output, reason: "could not swap in the new site: \(errnoText())")
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
