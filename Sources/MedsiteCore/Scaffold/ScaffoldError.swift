#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// Why a scaffold could not be written. `existing` lists the files that are already there.
public struct ScaffoldError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let existing: [String]

    public var description: String { message }
}
