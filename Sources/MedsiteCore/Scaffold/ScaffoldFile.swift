#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// One file a scaffold command creates, by path relative to the folder it writes into.
public struct ScaffoldFile: Sendable, Hashable {
    public let path: String
    public let text: String
    /// A convenience (like `.gitignore`) that is left alone, not refused, when the folder has one.
    public let keepsExisting: Bool

    public init(path: String, text: String, keepsExisting: Bool = false) {
        self.path = path
        self.text = text
        self.keepsExisting = keepsExisting
    }
}
