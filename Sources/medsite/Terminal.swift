import Dispatch
import Foundation
import MedsiteCore

#if canImport(Glibc)
import Glibc
#endif

/// How output looks: colour only for a person at a terminal, and never when NO_COLOR is set
/// (https://no-color.org), so logs, pipes and CI stay plain text.
struct TerminalStyle: Sendable {
    let colour: Bool

    static let plain = TerminalStyle(colour: false)

    /// Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not `dumb`.
    static func forStandardOutput(environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalStyle {
        TerminalStyle(colour: Terminal.standardOutputIsTerminal
                      && (environment["NO_COLOR"] ?? "").isEmpty
                      && environment["TERM"] != "dumb")
    }

    func paint(_ text: String, _ sgr: String) -> String {
        colour ? "\u{1B}[\(sgr)m\(text)\u{1B}[0m" : text
    }

    func bold(_ text: String) -> String { paint(text, "1") }
    func dim(_ text: String) -> String { paint(text, "2") }

    func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: return paint("error", "1;31")
        case .warning: return paint("warning", "1;33")
        case .note: return paint("note", "1;36")
        }
    }

    /// Colours plain report text: diagnostic lines (`file:line:col: severity: [rule] message — fix`)
    /// and the summary line (`Built 212 pages in 0.31 s · 0 errors · 3 warnings`). Any other line,
    /// and everything when colour is off, is returned unchanged, so one formatter serves pipes and
    /// terminals alike.
    func colourize(_ text: String) -> String {
        guard colour else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { colourizeLine(String($0)) }.joined(separator: "\n")
    }

    private func colourizeLine(_ line: String) -> String {
        for level in Severity.allCases {
            guard let marker = line.range(of: ": \(level.rawValue): ["),
                  let close = line[marker.upperBound...].firstIndex(of: "]") else { continue }
            let rule = line[line.index(before: marker.upperBound)...close]
            var rest = String(line[line.index(after: close)...])
            if let dash = rest.range(of: " — ") {
                rest = rest[..<dash.lowerBound] + dim(" — ") + rest[dash.upperBound...]
            }
            return bold(line[..<marker.lowerBound] + ":") + " " + severity(level) + ": " + dim(String(rule)) + rest
        }
        let parts = line.components(separatedBy: " · ")
        guard parts.count > 1, parts.contains(where: { $0.hasSuffix(" error") || $0.hasSuffix(" errors") }) else { return line }
        return parts.enumerated().map { index, part in
            if index == 0 { return bold(part) }
            if part.hasPrefix("0 ") { return part }
            if part.hasSuffix(" error") || part.hasSuffix(" errors") { return paint(part, "1;31") }
            if part.hasSuffix(" warning") || part.hasSuffix(" warnings") { return paint(part, "1;33") }
            return part
        }.joined(separator: " · ")
    }
}

enum Terminal {
    static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}

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
