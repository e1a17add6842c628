import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import MedsiteCore

/// The port the server bound, delivered once from `onServerRunning` (or the error from `run`).
final class BoundPort: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Int, PreviewServerError>?
    private var waiter: CheckedContinuation<Int, Error>?

    func resolve(_ value: Result<Int, PreviewServerError>) {
        let waiter: CheckedContinuation<Int, Error>? = lock.withLock {
            guard result == nil else { return nil }
            result = value
            defer { self.waiter = nil }
            return self.waiter
        }
        waiter?.resume(with: value.mapError { $0 })
    }

    func value() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let ready: Result<Int, PreviewServerError>? = lock.withLock {
                if result == nil { waiter = continuation }
                return result
            }
            if let ready { continuation.resume(with: ready.mapError { $0 }) }
        }
    }
}
