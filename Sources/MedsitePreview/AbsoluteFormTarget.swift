import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Rewrites `GET scheme://authority/path HTTP/1.1` to `GET /path` with `Host: authority`.
/// Any other target that is not a path (`ftp://…`, `*`, `name`), which the conversion would also
/// turn into a path, is marked with `unsupportedTargetHeader` for the responder to refuse (400).
final class AbsoluteFormTarget: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    static let unsupportedTargetHeader = "x-medsite-unsupported-target"

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data) else {
            context.fireChannelRead(data)
            return
        }
        // Only this handler may set the mark.
        head.headers.remove(name: Self.unsupportedTargetHeader)
        if !head.uri.hasPrefix("/") {
            if let (authority, path) = Self.split(head.uri) {
                head.uri = path
                head.headers.replaceOrAdd(name: "Host", value: authority)
            } else {
                head.headers.add(name: Self.unsupportedTargetHeader, value: "1")
            }
        }
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    /// `http://127.0.0.1:8080/pml/?x` → (`127.0.0.1:8080`, `/pml/?x`); nil for anything else.
    static func split(_ target: String) -> (authority: String, path: String)? {
        let lowered = target.lowercased()
        guard let scheme = ["http://", "https://"].first(where: { lowered.hasPrefix($0) }) else { return nil }
        let rest = target.dropFirst(scheme.count)
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = String(rest[..<end])
        var path = String(rest[end...])
        if path.isEmpty || path.hasPrefix("?") { path = "/" + path }
        return (authority, path)
    }
}
