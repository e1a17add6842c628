#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MedsiteCore

/// Watches medsite.yml, Content/, Templates/ and Snippets/ with inotify and reports changed paths in batches.
///
/// Editors save in many ways: in place (IN_CLOSE_WRITE), by writing a temporary file and renaming it
/// over the original (IN_MOVED_TO), by deleting and recreating (IN_DELETE + IN_CREATE). All of them
/// end up as the original path in a batch. A batch closes after `quietMilliseconds` without events
/// (bursts from one save arrive within a few milliseconds), or after half a second at the latest.
final class ContentWatcher: @unchecked Sendable {
    struct Change: Hashable, Sendable {
        /// Relative to the site folder: `Content/pml.md`, `medsite.yml`, `Templates/article.mustache`.
        let path: String
        let isDirectory: Bool
    }

    struct Batch: Sendable {
        var changes: Set<Change> = []
        /// The kernel dropped events: the only safe answer is a full rebuild.
        var overflowed = false
        var isEmpty: Bool { changes.isEmpty && !overflowed }
    }

    let siteDirectory: String
    let quietMilliseconds: Int32
    private let inotify: Int32
    private let stopPipe: [Int32]
    /// Watch descriptor → folder relative to the site (`` for the site folder itself).
    private var folders: [Int32: String] = [:]
    private var thread: Thread?

    static let watchedTopLevel: Set<String> = ["medsite.yml", "Content", "Templates", SnippetLibrary.folderName]
    private static let fileEvents = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB)
    private static let folderEvents = fileEvents | UInt32(IN_DELETE_SELF | IN_ONLYDIR)

    struct SetupError: Error, CustomStringConvertible {
        let description: String
    }

    init(siteDirectory: String, quietMilliseconds: Int32 = 30) throws {
        self.siteDirectory = siteDirectory
        self.quietMilliseconds = quietMilliseconds
        inotify = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard inotify >= 0 else { throw SetupError(description: "inotify is not available: \(String(cString: strerror(errno)))") }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            close(inotify)
            throw SetupError(description: "could not create a pipe: \(String(cString: strerror(errno)))")
        }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        stopPipe = fds
        addWatch(relative: "")
        for folder in ["Content", "Templates", SnippetLibrary.folderName] { addWatchRecursively(relative: folder) }
    }

    deinit {
        close(inotify)
        close(stopPipe[0])
        close(stopPipe[1])
    }

    /// Starts the watching thread; `onBatch` runs on it, so batches are handled one at a time and
    /// events arriving meanwhile wait in the kernel queue for the next batch.
    func start(onBatch: @escaping @Sendable (Batch) -> Void) {
        let thread = Thread { [self] in self.run(onBatch: onBatch) }
        thread.name = "medsite-watcher"
        self.thread = thread
        thread.start()
    }

    func stop() {
        var byte: UInt8 = 1
        _ = write(stopPipe[1], &byte, 1)
    }

    private func addWatch(relative: String) {
        let absolute = relative.isEmpty ? siteDirectory : siteDirectory + "/" + relative
        let mask = relative.isEmpty ? Self.fileEvents | UInt32(IN_ONLYDIR) : Self.folderEvents
        let descriptor = inotify_add_watch(inotify, absolute, mask)
        if descriptor >= 0 { folders[descriptor] = relative }
    }

    /// Watches a folder and every folder below it (hidden ones excepted, as ContentScanner skips them).
    private func addWatchRecursively(relative: String) {
        var pending = [relative]
        while let folder = pending.popLast() {
            let absolute = siteDirectory + "/" + folder
            guard FileSystem.kind(ofLinkAt: absolute) == .directory else { continue }
            addWatch(relative: folder)
            for entry in FileSystem.listDirectoryWithKinds(absolute) ?? [] where entry.kind == .directory && !entry.name.hasPrefix(".") {
                pending.append(folder + "/" + entry.name)
            }
        }
    }

    private func run(onBatch: @Sendable (Batch) -> Void) {
        var batch = Batch()
        var batchStarted: UInt64 = 0
        while true {
            var fds = [pollfd(fd: inotify, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: stopPipe[0], events: Int16(POLLIN), revents: 0)]
            let waitingForQuiet = !batch.isEmpty
            let ready = poll(&fds, 2, waitingForQuiet ? quietMilliseconds : -1)
            if ready < 0 && errno == EINTR { continue }
            if fds[1].revents != 0 { return }
            if ready > 0, fds[0].revents != 0 {
                if batch.isEmpty { batchStarted = DispatchTime.now().uptimeNanoseconds }
                readEvents(into: &batch)
                let elapsed = (DispatchTime.now().uptimeNanoseconds - batchStarted) / 1_000_000
                if elapsed < 500 { continue }
            }
            if !batch.isEmpty {
                onBatch(batch)
                batch = Batch()
            }
        }
    }

    private func readEvents(into batch: inout Batch) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(inotify, $0.baseAddress, $0.count) }
            if count <= 0 { return }
            var offset = 0
            while offset + 16 <= count {
                let (descriptor, mask, length) = buffer.withUnsafeBytes { raw in
                    (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                     raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                let nameBytes = buffer[(offset + 16)..<(offset + 16 + length)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset += 16 + length
                handle(descriptor: descriptor, mask: mask, name: name, batch: &batch)
            }
        }
    }

    private func handle(descriptor: Int32, mask: UInt32, name: String, batch: inout Batch) {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 { batch.overflowed = true; return }
        if mask & UInt32(IN_IGNORED) != 0 { folders.removeValue(forKey: descriptor); return }
        guard let folder = folders[descriptor] else { return }
        let isDirectory = mask & UInt32(IN_ISDIR) != 0
        if mask & UInt32(IN_DELETE_SELF) != 0 {
            batch.changes.insert(Change(path: folder, isDirectory: true))
            return
        }
        guard !name.isEmpty else { return }
        if folder.isEmpty && !Self.watchedTopLevel.contains(name) { return }
        let path = folder.isEmpty ? name : folder + "/" + name
        if isDirectory && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 && !name.hasPrefix(".") {
            // A new folder may already hold files: watch it (and below) and let the rebuild scan it.
            addWatchRecursively(relative: path)
        }
        batch.changes.insert(Change(path: path, isDirectory: isDirectory))
    }
}
