import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// Checks one address the way a careful link checker does: HEAD first, GET when HEAD is refused or
/// fails; redirects followed one by one (so each hop is seen and a loop is caught); one retry of a
/// 429 or 5xx answer after the wait the site asks for, within reason; every request under the
/// per-host and overall limits.
struct LinkProbe: Sendable {
    let client: HTTPClient
    let settings: LinkCheckSettings
    let limiter: RequestLimiter
    let lookups: HostLookups

    /// What one request (or its retry) got.
    enum Answer: Sendable {
        case status(Int, location: String?, retryAfter: String?)
        case failure(Failure)
    }

    enum Failure: Sendable {
        case timeout
        case refused
        case secureConnection(String)
        case other(String)
        case invalidAddress
    }

    func check(_ address: String) async -> LinkCheckResult {
        let now = settings.now()
        func result(_ verdict: LinkCheckResult.Verdict, _ reason: String, status: Int? = nil) -> LinkCheckResult {
            LinkCheckResult(verdict: verdict, status: status, reason: reason, checkedAt: now)
        }
        var current = address
        var visited = [address]
        var movedTo: String?
        var followingPermanentMoves = true
        while true {
            guard let target = WebAddress(current) else {
                return result(.unavailable,
                              visited.count == 1 ? "it is not an address medsite can ask for (check for spaces or stray characters)"
                                  : "it redirects to '\(Self.shortened(current))', which is not a web address medsite can follow")
            }
            switch await lookups.lookUp(target.host) {
            case .found: break
            case .noSuchHost: return result(.dead, "there is no site called \(target.host)" + Self.after(visited))
            case .failed(let why): return result(.unavailable, "the name \(target.host) could not be looked up (\(why))" + Self.after(visited))
            }
            let (answer, attempts) = await ask(target)
            let status: Int
            let location: String?
            switch answer {
            case .failure(let failure):
                let reason = describe(failure, target: target) + Self.after(visited)
                return result(failure.isDead ? .dead : .unavailable, reason)
            case .status(let code, let redirect, _):
                (status, location) = (code, redirect)
            }
            if [301, 302, 303, 307, 308].contains(status) {
                guard let location, let next = WebAddress.resolve(location, against: current) else {
                    return result(.unavailable, "the site answered \(Self.phrase(status)) without saying where to" + Self.after(visited), status: status)
                }
                if visited.contains(next) {
                    return result(.dead, "its redirects go round in a circle (\((visited + [next]).map(Self.shortened).joined(separator: " → ")))", status: status)
                }
                if visited.count > settings.maxRedirects {
                    return result(.dead, "it redirects more than \(settings.maxRedirects) times without reaching a page", status: status)
                }
                let permanent = status == 301 || status == 308 || WebAddress.isSecureUpgrade(from: current, to: next)
                if followingPermanentMoves, permanent { movedTo = next } else { followingPermanentMoves = false }
                visited.append(next)
                current = next
                continue
            }
            let after = Self.after(visited)
            switch status {
            case 200..<300:
                guard let movedTo else { return result(.ok, "the site answered \(Self.phrase(status))", status: status) }
                var moved = result(.moved, "it redirects permanently to \(movedTo)", status: status)
                moved.movedTo = movedTo
                moved.isSecureUpgrade = WebAddress.isSecureUpgrade(from: address, to: movedTo)
                return moved
            case 404, 410:
                return result(.dead, "the site answered \(Self.phrase(status))" + after, status: status)
            case 401, 403:
                return result(.unavailable, "the site refused medsite's request (\(Self.phrase(status))); some sites turn programs away but let browsers in" + after, status: status)
            case 429:
                return result(.unavailable, "the site asked medsite to slow down (\(Self.phrase(status)))"
                                  + (attempts > 1 ? ", also when asked again" : ", and to wait longer than medsite waits") + after, status: status)
            case 500..<600:
                return result(.unavailable, "the site answered \(Self.phrase(status))" + (attempts > 1 ? ", twice" : "") + after, status: status)
            default:
                return result(.unavailable, "the site answered \(Self.phrase(status))" + after, status: status)
            }
        }
    }

    /// HEAD, then GET when HEAD is refused or breaks; a 429 or 5xx is asked once more after a wait.
    /// Returns the answer and how many times it was asked (1 or 2).
    func ask(_ target: WebAddress) async -> (Answer, Int) {
        var answer = await request(target, method: .HEAD)
        switch answer {
        case .status(let code, _, _) where code >= 400 && code != 429:
            answer = await request(target, method: .GET) // 405, 403, 501, or a server that answers HEAD wrongly
        case .failure(.other):
            answer = await request(target, method: .GET)
        default:
            break
        }
        guard case .status(let code, _, let retryAfter) = answer, code == 429 || code >= 500,
              let wait = retryWait(retryAfter) else { return (answer, 1) }
        if wait > 0 { try? await Task.sleep(nanoseconds: UInt64(wait * 1e9)) }
        return (await request(target, method: .GET), 2)
    }

    /// Seconds to wait before the retry, or nil when the site asks for longer than `maxRetryWait`.
    func retryWait(_ retryAfter: String?) -> Double? {
        guard let retryAfter = retryAfter?.trimmingCharacters(in: .whitespaces), !retryAfter.isEmpty else {
            return min(settings.defaultRetryWait, settings.maxRetryWait)
        }
        let seconds: Double
        if let value = Double(retryAfter) {
            seconds = value
        } else if let date = Self.httpDate(retryAfter) {
            seconds = date.timeIntervalSince1970 - Double(settings.now())
        } else {
            return min(settings.defaultRetryWait, settings.maxRetryWait)
        }
        return seconds > settings.maxRetryWait ? nil : max(0, seconds)
    }

    /// One request, holding a slot for its host.
    func request(_ target: WebAddress, method: HTTPMethod) async -> Answer {
        await limiter.withSlot(for: target.hostKey) {
            var request = HTTPClientRequest(url: target.requestURL)
            request.method = method
            request.headers.add(name: "User-Agent", value: LinkCheckSettings.userAgent)
            request.headers.add(name: "Accept", value: "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8")
            do {
                let response = try await client.execute(request, timeout: .milliseconds(Int64(settings.timeout * 1000)))
                // The body is never read: dropping the response closes the stream (and its connection).
                return .status(Int(response.status.code), location: response.headers.first(name: "Location"),
                               retryAfter: response.headers.first(name: "Retry-After"))
            } catch {
                return .failure(Self.failure(from: error))
            }
        }
    }

    static func failure(from error: any Error) -> Failure {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout, .writeTimeout:
                return .timeout
            case .invalidURL, .emptyHost, .emptyScheme:
                return .invalidAddress
            case .remoteConnectionClosed:
                return .other("the site closed the connection without answering")
            default:
                return .other(String(describing: error))
            }
        }
        if let error = error as? NIOConnectionError {
            if error.connectionErrors.contains(where: { isRefusal($0.error) }) { return .refused }
            if let only = error.connectionErrors.first { return failure(from: only.error) }
            return .other(String(describing: error))
        }
        if isRefusal(error) { return .refused }
        if let error = error as? ChannelError, case .connectTimeout = error { return .timeout }
        let type = String(reflecting: Swift.type(of: error))
        if type.contains("NIOSSL") || type.contains("BoringSSL") || type.contains("TLS") {
            return .secureConnection(String(describing: error))
        }
        return .other(String(describing: error))
    }

    static func isRefusal(_ error: any Error) -> Bool {
        guard let error = error as? IOError else { return false }
        return error.errnoCode == ECONNREFUSED
    }

    func describe(_ failure: Failure, target: WebAddress) -> String {
        switch failure {
        case .timeout: "the site did not answer within \(Self.seconds(settings.timeout)) (--timeout)"
        case .refused: "\(target.hostKey) refused the connection (no web server is there)"
        case .secureConnection(let detail): "the secure (https) connection failed: \(detail)"
        case .other(let detail): "the request failed: \(detail)"
        case .invalidAddress: "it is not an address medsite can ask for"
        }
    }

    /// ` (after redirecting to …)`, when the answer came from elsewhere than the address written.
    static func after(_ visited: [String]) -> String {
        visited.count > 1 ? " (after redirecting to \(shortened(visited.last!)))" : ""
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    static func phrase(_ status: Int) -> String {
        let reason = HTTPResponseStatus(statusCode: status).reasonPhrase
        return reason.isEmpty ? "\(status)" : "\(status) \(reason)"
    }

    static func shortened(_ url: String) -> String {
        url.count <= 90 ? url : String(url.prefix(60)) + "…" + String(url.suffix(25))
    }

    /// `Retry-After` as an HTTP date (RFC 9110: IMF-fixdate).
    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}

extension LinkProbe.Failure {
    /// Nothing is there: a refused connection. A timeout or a TLS failure may pass.
    var isDead: Bool {
        if case .refused = self { return true }
        return false
    }
}
