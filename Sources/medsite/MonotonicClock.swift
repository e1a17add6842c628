import Foundation
import MedsiteCore

enum MonotonicClock {
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
    static func seconds(since start: UInt64) -> Double { Double(now() - start) / 1e9 }
}
