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
        FileHandle.standardError.write(Data(String(format: "medsite: %8.1f ms  %@\n", milliseconds, phase()).utf8))
    }
}
