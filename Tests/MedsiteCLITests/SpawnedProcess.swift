import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process the test controls directly (posix_spawn + wait4), unlike Foundation's Process:
/// it can be SIGKILLed at any moment, bounded by a deadline, and its own peak memory is known.
final class SpawnedProcess {
    enum Ending: Equatable {
        case exited(Int32)
        case signaled(Int32)
    }

    let pid: pid_t
    private(set) var ending: Ending?
    /// Peak resident memory of the child in KiB (ru_maxrss), once it has ended.
    private(set) var peakMemoryKiB = 0
    let outputPath: String

    /// Starts `executable` with stdout and stderr going to a temporary file.
    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        outputPath = NSTemporaryDirectory() + "medsite-spawn-" + UUID().uuidString + ".log"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child = pid_t()
        var status = posix_spawn(&child, executable, &actions, nil, argv, envp)
        // A binary the test has just copied can be briefly "busy": a process another test forks at
        // that moment inherits the copy's write descriptor until it execs. Retry, as Go's tests do.
        var busyRetries = 0
        while status == ETXTBSY && busyRetries < 250 {
            busyRetries += 1
            usleep(20_000)
            status = posix_spawn(&child, executable, &actions, nil, argv, envp)
        }
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO) }
        pid = child
    }

    /// Reaps the child if it has ended; true when it has.
    @discardableResult
    func poll(blocking: Bool = false) -> Bool {
        if ending != nil { return true }
        var status: Int32 = 0
        var usage = rusage()
        let result = wait4(pid, &status, blocking ? 0 : WNOHANG, &usage)
        guard result == pid else { return false }
        peakMemoryKiB = usage.ru_maxrss
        // WIFEXITED / WTERMSIG by hand: the C macros are not imported.
        ending = status & 0x7F == 0 ? .exited((status >> 8) & 0xFF) : .signaled(status & 0x7F)
        return true
    }

    func kill() {
        if !poll() { _ = Glibc.kill(pid, SIGKILL) }
        poll(blocking: true)
    }

    /// Waits for the end, killing the child after `seconds`; returns nil when it had to be killed.
    func wait(atMost seconds: Double) -> Ending? {
        let deadline = Date().addingTimeInterval(seconds)
        while !poll() {
            if Date() > deadline {
                kill()
                return nil
            }
            usleep(2_000)
        }
        return ending
    }

    var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
}
