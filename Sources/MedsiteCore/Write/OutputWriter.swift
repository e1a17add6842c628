import CMedsiteSystem
import Foundation
import Synchronization
import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// What goes into one file of Output/.
public enum OutputContent: Sendable {
    case text(String)
    case bytes([UInt8])
    /// Copy of a source file (images, PDFs under Content/), read at write time.
    case copy(fromPath: String)
}

public struct OutputFile: Sendable {
    /// Relative to Output/: `pml-treatment/index.html`.
    public let path: String
    public let content: OutputContent
    public init(path: String, content: OutputContent) {
        self.path = path
        self.content = content
    }
}

public struct OutputError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}

/// Publishes a site atomically: everything is written into a staging folder beside Output/, which
/// then takes Output/'s place in one `renameat2(RENAME_EXCHANGE)`. A failed or killed build leaves
/// the previous Output/ complete and untouched; there is never a moment with half a site.
public enum OutputWriter {
    /// Marks a folder as medsite's, so medsite never replaces a folder it did not write.
    public static let markerName = ".medsite-output"
    /// Present in Output/ while an incremental update runs: a build that finds it republishes the
    /// whole site atomically, since a killed update may have left pages from two builds.
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

    /// Replaces a few files of a published site in place, each atomically (written beside it, then
    /// renamed over it), so every page is always complete. Used by one-edit rebuilds, where staging
    /// and swapping a 10,000-folder site would cost a second of file-system time for one page.
    /// Files whose bytes did not change are left alone. Returns the paths it rewrote.
    public static func update(_ files: [OutputFile], in output: String) throws(OutputError) -> [String] {
        let journal = FileSystem.join(output, journalName)
        let descriptor = open(journal, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputError(path: journal, reason: errnoText()) }
        close(descriptor)
        let results = files.parallelMap { file -> Result<String?, OutputError> in
            let target = FileSystem.join(output, file.path)
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
            return bytes.withUnsafeBytes { buffer in
                if FileSystem.hasContent(target, equalTo: buffer) { return .success(nil) }
                let directory = (target as NSString).deletingLastPathComponent
                if !FileSystem.isDirectory(directory) {
                    do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
                    catch { return .failure(OutputError(path: file.path, reason: "could not create its folder")) }
                }
                let temporary = FileSystem.join(directory, ".medsite-tmp-\(getpid())-" + (target as NSString).lastPathComponent)
                if let failure = writeFile(temporary, buffer, display: file.path) { return .failure(failure) }
                guard rename(temporary, target) == 0 else {
                    let failure = OutputError(path: file.path, reason: errnoText())
                    unlink(temporary)
                    return .failure(failure)
                }
                return .success(file.path)
            }
        }
        var written: [String] = []
        for result in results {
            switch result {
            case .success(let path): if let path { written.append(path) }
            case .failure(let error): throw error // the journal stays: the next build republishes everything
            }
        }
        unlink(journal)
        return written
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

    /// Staging folders of builds that were killed before they finished.
    static func removeLeftovers(in parent: String, name: String) {
        let prefix = ".\(name).staging-"
        for entry in FileSystem.listDirectory(parent) ?? [] where entry.hasPrefix(prefix) {
            let pid = Int32(entry.dropFirst(prefix.count)) ?? 0
            if pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH) { // not a build still running (EPERM: alive, another user's)
                try? FileManager.default.removeItem(atPath: FileSystem.join(parent, entry))
            }
        }
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
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return OutputError(path: display, reason: errnoText())
            }
            offset += written
        }
        return nil
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

/// A site being published: files are written into a staging folder beside Output/ as soon as they
/// are rendered (so a build never holds every page in memory), then `commit` swaps it in with one
/// `renameat2(RENAME_EXCHANGE)`. A failed or killed build leaves the previous Output/ untouched.
public final class StagedSite: Sendable {
    let output: String
    let staging: String
    /// The current site, whose files are hard-linked when a new file has the same bytes (they keep
    /// their mtime, so rsync and CDN uploads stay small).
    let previous: String?
    /// Every path written, so the build cache can stamp them without listing the folders.
    private let written = Mutex<[String]>([])

    /// The paths written so far, sorted.
    var writtenPaths: [String] { written.withLock { $0.sorted() } }

    public init(output: String) throws(OutputError) {
        let output = output.hasSuffix("/") && output.count > 1 ? String(output.dropLast()) : output
        let parent = (output as NSString).deletingLastPathComponent.isEmpty ? "." : (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        try OutputWriter.checkReplaceable(output)
        OutputWriter.removeLeftovers(in: parent, name: name)
        self.output = output
        staging = FileSystem.join(parent, ".\(name).staging-\(getpid())")
        guard mkdir(staging, 0o755) == 0 else { throw OutputError(path: staging, reason: OutputWriter.errnoText()) }
        previous = FileSystem.kind(ofLinkAt: output) == .directory ? output : nil
    }

    /// Writes one file; safe to call from many threads for different paths.
    public func write(_ file: OutputFile) -> OutputError? {
        var directory = staging
        for component in file.path.split(separator: "/").dropLast() {
            directory += "/" + component
            guard mkdir(directory, 0o755) == 0 || errno == EEXIST else {
                return OutputError(path: file.path, reason: OutputWriter.errnoText())
            }
        }
        let target = FileSystem.join(staging, file.path)
        let old = previous.map { FileSystem.join($0, file.path) }
        written.withLock { $0.append(file.path) }
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

    /// Adds medsite's marker and makes the staged site Output/. After the swap the staging path
    /// holds the previous site, which is removed.
    public func commit() throws(OutputError) {
        if let failure = write(OutputFile(path: OutputWriter.markerName,
                                          content: .text("Written by medsite. This folder is replaced on every build.\n"))) {
            throw failure
        }
        try OutputWriter.swap(staging, into: output)
        discard()
    }

    /// Removes the staging folder (a failed build's, or the previous site after a swap).
    public func discard() {
        try? FileManager.default.removeItem(atPath: staging)
    }
}
