import CMedsiteSystem
import Foundation
import Synchronization
import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

public struct OutputError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}
