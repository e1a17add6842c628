import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin POSIX file access: no Foundation bridging on the hot path, and errors as values.
public enum FileSystem {
    public enum Kind { case regular, directory, symbolicLink, other, missing }

    /// `a/b/c` → (`a/b`, `c`); `c` → (`.`, `c`); `/c` → (`/`, `c`). By hand: Foundation's
    /// NSString path methods crash on a one-character path (`--output o` exited with SIGILL).
    package static func splitPath(_ path: String) -> (parent: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let parent = String(path[..<slash])
        return (parent.isEmpty ? "/" : parent, String(path[path.index(after: slash)...]))
    }

    public static func join(_ base: String, _ name: String) -> String {
        base.hasSuffix("/") ? base + name : base + "/" + name
    }

    public static func kind(ofLinkAt path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
    private static let typeOffset = MemoryLayout<dirent>.offset(of: \dirent.d_type)!

    /// Sorted entry names, without `.` and `..`; nil when the folder cannot be read.
    public static func listDirectory(_ path: String) -> [String]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            // Read d_name in place: copying `entry.pointee` reads a full 256-byte name, past the end of
            // a short record at the end of glibc's buffer (AddressSanitizer: heap-buffer-overflow).
            let name = String(cString: (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self))
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Names and kinds (symbolic links not followed), sorted by name. The kind comes from readdir's
    /// d_type where the file system gives it: a 10,000-article rebuild would otherwise spend a third
    /// of its time in lstat.
    public static func listDirectoryWithKinds(_ path: String) -> [(name: String, kind: Kind)]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var entries: [(name: String, kind: Kind)] = []
        while let entry = readdir(directory) {
            let name = String(cString: (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self))
            if name == "." || name == ".." { continue }
            let type = (UnsafeRawPointer(entry) + typeOffset).load(as: UInt8.self)
            let kind: Kind
            switch Int32(type) {
            case Int32(DT_REG): kind = .regular
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_LNK): kind = .symbolicLink
            default: kind = self.kind(ofLinkAt: join(path, name)) // DT_UNKNOWN, devices, FIFOs
            }
            entries.append((name, kind))
        }
        return entries.sorted { $0.name < $1.name }
    }

    public struct ReadError: Error, Sendable { public let reason: String }

    /// The whole file; refuses anything but a regular file.
    public static func read(_ path: String) -> Result<[UInt8], ReadError> {
        // O_NONBLOCK: opening a FIFO (say a link to one, or a file swapped for one mid-build) must not
        // wait forever for a writer; fstat below then refuses it. Reads of regular files ignore the flag.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return .failure(ReadError(reason: String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(ReadError(reason: String(cString: strerror(errno)))) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(ReadError(reason: "not a regular file")) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while true {
            // The file may have grown since fstat: past its size, read through a small buffer until EOF
            // (growing the array by 64 KB per file zero-filled 650 MB for a 10,000-article site).
            var spare: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
            let count = filled < bytes.count
                ? bytes.withUnsafeMutableBytes { Glibc_read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
                : withUnsafeMutableBytes(of: &spare) { buffer in
                    let count = Glibc_read(descriptor, buffer.baseAddress!, buffer.count)
                    if count > 0 { bytes.append(contentsOf: buffer[..<count]) }
                    return count
                }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(ReadError(reason: String(cString: strerror(errno))))
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeSubrange(filled...)
        return .success(bytes)
    }

    /// Asks the kernel, from a thread of its own, to start reading these files into memory. With a
    /// cold page cache (a fresh machine, or memory reclaimed since the last build) each small file
    /// otherwise costs the worker reading it a wait on the disk, one file at a time per core.
    /// `MEDSITE_NO_PREFETCH=1` turns it off, to measure what it buys.
    package static func prefetch(_ paths: [String]) {
        #if canImport(Glibc)
        guard getenv("MEDSITE_NO_PREFETCH") == nil else { return }
        // A thread of its own, not a Dispatch worker: the parse workers should have all the cores.
        Thread.detachNewThread {
            for path in paths {
                let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
                guard descriptor >= 0 else { continue }
                _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_WILLNEED)
                close(descriptor)
            }
        }
        #endif
    }

    public static func readText(_ path: String) -> String? {
        guard case .success(let bytes) = read(path) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }
}

@inline(__always)
private func Glibc_read(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
