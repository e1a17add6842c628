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
    /// When several did, a new tree is made of hard links to every other file of Output/ plus the new
    /// files, and swapped in with one `renameat2(RENAME_EXCHANGE)`, as a full build is; at 10,000
    /// pages that costs the linking of 10,000 files (docs/performance.md). A failure or a kill
    /// before the rename or swap leaves Output/ as it was, and nothing of this build inside it.
    /// Returns the paths rewritten; `swapped` when the whole tree was exchanged (every file then has
    /// a new ctime, so the caller stamps them all again).
    public static func update(_ files: [OutputFile], in output: String) throws(OutputError) -> (written: [String], swapped: Bool) {
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
        guard let only = changed.first else { return ([], false) }
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
            guard rename(temporary, target) == 0 else {
                let failure = OutputError(path: only.path, reason: errnoText())
                unlink(temporary)
                throw failure
            }
            return ([only.path], false)
        }
        // Several pages: a whole new tree, swapped in at once.
        PhaseClock.mark("update: \(changed.count) pages changed")
        let staging = location.uniqueSibling("staging")
        guard mkdir(staging, 0o755) == 0 else { throw OutputError(path: staging, reason: errnoText()) }
        let newFiles = Dictionary(changed.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        let existing = BuildCache.files(under: output, includeLinks: true)
        let jobs = existing.filter { newFiles[$0] == nil } + changed.map(\.path)
        PhaseClock.mark("update: Output/ listed (\(existing.count) files)")
        let failures = jobs.parallelMap { path -> OutputError? in
            if let failure = makeParents(of: path, in: staging) { return failure }
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
        // The staging path now holds the previous site.
        PhaseClock.mark("update: swapped")
        removeTree(staging)
        PhaseClock.mark("update: previous tree removed")
        return (changed.map(\.path).sorted(), true)
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
        var directory = root
        for component in path.split(separator: "/").dropLast() {
            directory += "/" + component
            guard mkdir(directory, 0o755) == 0 || errno == EEXIST else { return OutputError(path: path, reason: errnoText()) }
        }
        return nil
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
                            display: String) -> OutputError? {
        if let previous, FileSystem.hasContent(previous, equalTo: bytes), link(previous, path) == 0 { return nil }
        return writeFile(path, bytes, display: display)
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
