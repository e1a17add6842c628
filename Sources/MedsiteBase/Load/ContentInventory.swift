import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `Content/` holds: Markdown articles and other files (images, PDFs) to copy.
public struct ContentInventory: Sendable {
    public var articles: [SourceFile] = []
    public var assets: [SourceFile] = []
    public var diagnostics: [Diagnostic] = []

    package init() {}
}
