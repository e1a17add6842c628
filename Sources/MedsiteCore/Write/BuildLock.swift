import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps two builds of one output folder from running at once: an exclusive `flock` on
/// `.Output.lock` beside Output/, held from before the build cache is read until after it is saved.
/// The kernel drops it when the process ends however it ends (SIGKILL included), and it works
/// across containers that share the folder (each build pid 1 in its own pid namespace).
/// A build suspended with Ctrl-Z keeps it, so no other build can publish or re-stamp the cache under it.
final class BuildLock {
    private let descriptor: Int32

    /// Takes the lock. When another build holds it: with `wait`, tells `notice` and waits for it to
    /// end; without, fails at once.
    init(output: String, wait: Bool, notice: (@Sendable (String) -> Void)?) throws(OutputError) {
        let location = OutputLocation(output)
        let path = location.lockPath
        // `--output public/site` in a fresh checkout: make the folders above it, as Hugo does.
        if !FileSystem.isDirectory(location.parent) {
            try? FileManager.default.createDirectory(atPath: location.parent, withIntermediateDirectories: true)
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else {
            // A folder this user may not write: the build cannot publish either, and says so when
            // it tries (after reporting the content's own problems); there is nothing to guard.
            if [EACCES, EPERM, EROFS].contains(errno) {
                self.descriptor = -1
                return
            }
            throw OutputError(path: path, reason: "could not create the build lock beside the output folder: \(OutputWriter.errnoText())")
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                let reason = OutputWriter.errnoText()
                close(descriptor)
                throw OutputError(path: path, reason: "could not lock the output folder: \(reason)")
            }
            guard wait else {
                close(descriptor)
                throw OutputError(path: location.path, reason: "another build of this site is running and writing to this output folder; nothing was changed (build again when it has finished, or leave out --no-wait to wait for it)")
            }
            notice?("waiting for another build of this site to finish…")
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let reason = OutputWriter.errnoText()
                    close(descriptor)
                    throw OutputError(path: path, reason: "could not lock the output folder: \(reason)")
                }
            }
        }
        self.descriptor = descriptor
        // No other build of this output runs now: whatever staging folder is left was a killed build's.
        OutputWriter.removeLeftovers(of: output)
    }

    deinit { if descriptor >= 0 { close(descriptor) } }
}
