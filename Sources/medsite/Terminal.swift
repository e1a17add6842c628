import Dispatch
import Foundation
import MedsiteCore

#if canImport(Glibc)
import Glibc
#endif

enum Terminal {
    static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}
