import Dispatch
import Foundation
import MedsiteCore

#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress display for long builds: `Checking  4,312 / 10,000 articles  [########............]  3 s`.
///
/// Only used when stdout is a terminal. It stays silent for the first half second, so quick
/// builds print nothing but their result, and it erases itself before the result is printed.
final class TerminalProgress: BuildProgressObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var stage: BuildStage?
    private var total = 0
    private var done = 0
    private var drawn = false
    private var lastLine = ""
    private var finished = false
    private let started = MonotonicClock.now()
    /// Seconds before anything is shown. MEDSITE_PROGRESS_DELAY overrides it (tests use 0).
    private let delay: Double
    private let queue = DispatchQueue(label: "medsite.progress")
    private var timer: DispatchSourceTimer?

    init(delay: Double) {
        self.delay = delay
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + .milliseconds(100), repeating: .milliseconds(100))
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
        self.timer = timer
    }

    /// A progress display for a terminal, or nil when stdout is not one (then nothing is counted).
    static func forStandardOutput(environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalProgress? {
        guard Terminal.standardOutputIsTerminal, environment["TERM"] != "dumb" else { return nil }
        let delay = environment["MEDSITE_PROGRESS_DELAY"].flatMap(Double.init) ?? 0.5
        return TerminalProgress(delay: delay)
    }

    func stageStarted(_ stage: BuildStage, total: Int) {
        lock.lock()
        self.stage = stage
        self.total = total
        self.done = 0
        lock.unlock()
        // Drawn with this stage's own values: a stage over before the queue runs still shows once.
        queue.async { [self] in draw(showing: (stage, total, 0)) }
    }

    func itemFinished() {
        lock.lock()
        done += 1
        lock.unlock()
    }

    /// Stops the display and erases its line, so the build's own output starts on a clean line.
    func finish() {
        queue.sync {
            timer?.cancel()
            timer = nil
            finished = true
            if drawn { write("\r\u{1B}[2K") }
        }
    }

    private func draw(showing shown: (stage: BuildStage, total: Int, done: Int)? = nil) {
        guard !finished, MonotonicClock.seconds(since: started) >= delay else { return }
        lock.lock()
        let current = (stage, total, min(done, total))
        lock.unlock()
        guard let (stage, total, done) = shown ?? current.0.map({ ($0, current.1, current.2) }) else { return }
        var line = "\(stage.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0))"
        if total > 0 {
            let noun = "articles"
            let width = 20
            let filled = done * width / total
            line += "\(Self.grouped(done)) / \(Self.grouped(total)) \(noun)  ["
                + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
        } else {
            line += "Output/ …"
        }
        // Elapsed seconds keep a long stage visibly alive; unchanged lines are not redrawn.
        line += "  \(Int(MonotonicClock.seconds(since: started))) s"
        guard line != lastLine else { return }
        lastLine = line
        write("\r\u{1B}[2K" + line)
        drawn = true
    }

    private func write(_ text: String) {
        // Straight to the file descriptor: printed lines are flushed per line on a terminal.
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// 10000 → "10,000".
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
