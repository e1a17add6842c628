import CMedsiteSystem
import Foundation
import Synchronization
import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// What goes into one file of Output/.
public enum OutputContent: Sendable {
    case text(String)
    case bytes([UInt8])
    /// Copy of a source file (images, PDFs under Content/), read at write time.
    case copy(fromPath: String)
}
