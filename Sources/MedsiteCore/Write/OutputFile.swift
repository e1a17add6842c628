import CMedsiteSystem
import Foundation
import Synchronization
import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

public struct OutputFile: Sendable {
    /// Relative to Output/: `pml-treatment/index.html`.
    public let path: String
    public let content: OutputContent
    public init(path: String, content: OutputContent) {
        self.path = path
        self.content = content
    }
}
