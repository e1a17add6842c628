#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// Writes new files only: `init` and `new` never replace a file an editor may have worked on.
public enum ScaffoldWriter {
    /// Writes every file, or none when any of them already exists (all of those are named).
    /// Files are opened with O_EXCL, so a file that appears meanwhile is not overwritten either.
    /// Returns the files written (an existing `keepsExisting` file is kept and left out).
    @discardableResult
    public static func createAll(_ files: [ScaffoldFile], in directory: String) throws(ScaffoldError) -> [ScaffoldFile] {
        func exists(_ file: ScaffoldFile) -> Bool { FileSystem.kind(ofLinkAt: FileSystem.join(directory, file.path)) != .missing }
        let existing = files.filter { !$0.keepsExisting && exists($0) }.map(\.path)
        if !existing.isEmpty {
            throw ScaffoldError(
                message: "refusing to overwrite \(existing.count == 1 ? "a file that already exists" : "\(existing.count) files that already exist"): "
                    + existing.map { FileSystem.join(directory, $0) }.joined(separator: ", "),
                existing: existing)
        }
        let written = files.filter { !($0.keepsExisting && exists($0)) }
        for file in written {
            try create(FileSystem.join(directory, file.path), text: file.text)
        }
        return written
    }

    static func create(_ path: String, text: String) throws(ScaffoldError) {
        let parent = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !parent.isEmpty { try makeDirectories(parent) }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("cannot create \(path)") }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write \(path)")
            }
            written += result
        }
    }

    /// The first `limit` bytes of a regular file (fewer when it is shorter); nil when it cannot be read.
    static func readPrefix(_ path: String, limit: Int) -> [UInt8]? {
        // O_NONBLOCK: a FIFO named like an article must not hang `medsite new`.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: limit)
        var filled = 0
        while filled < limit {
            let count = bytes.withUnsafeMutableBytes { buffer in read(descriptor, buffer.baseAddress! + filled, limit - filled) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            filled += count
        }
        return Array(bytes[..<filled])
    }

    /// `mkdir -p`: each missing folder on the way is created; an existing file in the way is an error.
    static func makeDirectories(_ path: String) throws(ScaffoldError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current = current.isEmpty ? "/" + component : current + "/" + component
            if component == "." { continue }
            switch FileSystem.kind(ofLinkAt: current) {
            case .directory: continue
            case .symbolicLink where FileSystem.isDirectory(current): continue
            case .missing:
                if mkdir(current, 0o755) != 0 && errno != EEXIST { throw failure("cannot create the folder \(current)") }
            default:
                throw ScaffoldError(message: "\(current) is in the way: it is a file, not a folder", existing: [current])
            }
        }
    }

    private static func failure(_ what: String) -> ScaffoldError {
        ScaffoldError(message: "\(what): \(String(cString: strerror(errno)))", existing: [])
    }
}
