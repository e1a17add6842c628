import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import MedsiteCore

public enum PreviewServerError: Error, CustomStringConvertible {
    case portInUse(host: String, port: Int)
    case cannotListen(host: String, port: Int, reason: String)
    case watcher(String)

    public var description: String {
        switch self {
        case .portInUse(let host, let port):
            return "port \(port) on \(host) is already in use: stop the other server, or choose another port with --port"
        case .cannotListen(let host, let port, let reason):
            return "cannot listen on \(host):\(port): \(reason)"
        case .watcher(let reason): return "cannot watch the site for changes: \(reason)"
        }
    }
}
