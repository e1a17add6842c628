import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import MedsiteCore

/// How to run the preview.
public struct PreviewConfiguration: Sendable {
    public var build: BuildOptions
    public var host: String
    /// 0 picks a free port (tests); `PreviewServer.port` tells which.
    public var port: Int
    public var maxEventStreams: Int
    public var debounceMilliseconds: Int32
    public var keepAliveSeconds: Double

    public init(build: BuildOptions, host: String = "127.0.0.1", port: Int = 8080, maxEventStreams: Int = 64,
                debounceMilliseconds: Int32 = 30, keepAliveSeconds: Double = 15) {
        self.build = build
        self.host = host
        self.port = port
        self.maxEventStreams = maxEventStreams
        self.debounceMilliseconds = debounceMilliseconds
        self.keepAliveSeconds = keepAliveSeconds
    }
}
