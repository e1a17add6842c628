import MedsiteBase
import MedsiteParse
import MedsiteValidate

/// A page ready to write: its path under Output/ and its bytes.
public struct RenderedPage: Sendable {
    public let path: String
    /// The page as written to Output/: UTF-8 bytes, as the renderer wrote them (never made a String on
    /// the way, which would check every byte of it again).
    public let bytes: [UInt8]
    public var html: String { String(decoding: bytes, as: UTF8.self) }
    /// Safety blocks medsite had to insert because the template left them out.
    public let inserted: [String]

    package init(path: String, html: String, inserted: [String]) {
        self.init(path: path, bytes: Array(html.utf8), inserted: inserted)
    }

    package init(path: String, bytes: [UInt8], inserted: [String]) {
        self.path = path
        self.bytes = bytes
        self.inserted = inserted
    }
}
