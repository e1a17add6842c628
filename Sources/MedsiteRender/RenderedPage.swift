import MedsiteBase
import MedsiteParse
import MedsiteValidate

/// A page ready to write: its path under Output/ and its bytes.
public struct RenderedPage: Sendable {
    public let path: String
    public let html: String
    /// Safety blocks medsite had to insert because the template left them out.
    public let inserted: [String]

    package init(path: String, html: String, inserted: [String]) {
        self.path = path
        self.html = html
        self.inserted = inserted
    }
}
