import Foundation

/// `MEDSITE_TIMINGS=1 medsite build` prints when each phase of a build ends, to standard error, so
/// a slow phase can be found without a profiler (as `hugo --templateMetrics` does for templates).
package enum PhaseClock {
    package static let enabled = ProcessInfo.processInfo.environment["MEDSITE_TIMINGS"] != nil
    private static let start = DispatchTime.now().uptimeNanoseconds

    package static func mark(_ phase: @autoclosure () -> String) {
        guard enabled else { return }
        let origin = start  // first use sets it, so it must be read before the clock
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - origin) / 1_000_000
        FileHandle.standardError.write(Data(String(format: "medsite: %8.1f ms  %@%@\n", milliseconds, phase(), memory).utf8))
    }

    /// Resident memory now and at its highest so far (Linux's VmRSS and VmHWM), to see which
    /// phase sets a build's peak.
    private static var memory: String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "" }
        func kilobytes(_ key: String) -> Int? {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }) else { return nil }
            return Int(line.split(separator: " ").dropFirst().first ?? "")
        }
        guard let now = kilobytes("VmRSS"), let peak = kilobytes("VmHWM") else { return "" }
        return String(format: "  (RSS %.0f MB, peak %.0f MB)", Double(now) / 1024, Double(peak) / 1024)
    }
}
