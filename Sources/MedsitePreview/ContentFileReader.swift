#if canImport(Glibc)
import Glibc
#endif
import MedsiteCore

/// Reads a Content/ file for the preview, refusing it unless the file actually opened is inside
/// Content/.
///
/// The scanner vetted each file when the site was built, but a file (or a folder above it) can be
/// swapped for a symbolic link to `/etc/passwd` in the moments before the rebuild notices. So the
/// check is made on the open file itself: the kernel's name for the descriptor
/// (`/proc/self/fd/N`, the real path with every link resolved) must lie inside Content/'s real path
/// as resolved when the server started. Checking a path and then opening it would leave a gap for
/// another swap; checking the descriptor leaves none. Links that stay inside Content/ keep working,
/// as they do in `medsite build`.
struct ContentFileReader: Sendable {
    enum Refusal: Error, Equatable {
        /// The file now leads outside Content/ (a link swapped in) or is not a regular file.
        case outsideContent
        case unreadable(String)
    }

    /// Content/'s real path, resolved once at start so a later swap of Content/ itself is caught too.
    let contentRoot: String?

    init(siteDirectory: String) {
        contentRoot = FileSystem.realPath(FileSystem.join(siteDirectory, ContentScanner.folderName))
    }

    func read(_ absolutePath: String) -> Result<[UInt8], Refusal> {
        guard let contentRoot else { return .failure(.outsideContent) }
        // O_NONBLOCK: a file swapped for a FIFO must not hang the request; fstat refuses it below.
        let descriptor = open(absolutePath, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        guard let opened = Self.path(of: descriptor), opened.hasPrefix(contentRoot + "/") else { return .failure(.outsideContent) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return .failure(.outsideContent) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(String(cString: strerror(errno))))
            }
            if count == 0 { return .success(bytes) }
            bytes.append(contentsOf: buffer[..<count])
        }
    }

    /// The path the kernel has for an open descriptor; nil when /proc is not mounted (then nothing is
    /// served from Content/ rather than something unchecked).
    static func path(of descriptor: Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/fd/\(descriptor)", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let path = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // A file deleted after it was opened reads as "/path (deleted)": not a file of the site now.
        return path.hasSuffix(" (deleted)") ? nil : path
    }
}
