import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1 channel with one handler added right after the request decoder, where the
/// request target is still as the client sent it.
///
/// Hummingbird's conversion to swift-http-types keeps only the path of an absolute-form target
/// (`GET http://evil.example/ HTTP/1.1`) and the `Host` header as the authority, so the preview would
/// answer it as `/`. `AbsoluteFormTarget` makes the target's authority the request's `Host`, as
/// RFC 9112 §3.2.2 says a server must, so the host check in `PreviewResponder` sees `evil.example`.
struct PreviewHTTPChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value
    let http1: HTTP1Channel

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        http1.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let decoder = try channel.pipeline.syncOperations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try channel.pipeline.syncOperations.addHandler(AbsoluteFormTarget(), position: .after(decoder))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}
