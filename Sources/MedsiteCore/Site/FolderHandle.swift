import CMedsiteSystem
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// An open folder, for looking files up relative to it (`fstatat`) from many threads.
final class FolderHandle: Sendable {
    let descriptor: Int32

    init?(_ path: String) {
        descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
    }

    deinit { close(descriptor) }
}
