import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds every file under `Content/`, in a stable (sorted) order.
///
/// Hidden files and editor backups (`.x.swp`, `x~`) are ignored. Symbolic links are followed only
/// when they point inside `Content/`: a link to `/etc/passwd` must never end up published.
public enum ContentScanner {
    public static let folderName = "Content"

    public static func scan(siteDirectory: String) -> ContentInventory {
        var inventory = ContentInventory()
        let contentRoot = FileSystem.join(siteDirectory, folderName)
        guard FileSystem.isDirectory(contentRoot) else {
            inventory.diagnostics.append(Diagnostic(file: folderName, position: .start, rule: .unreadableFile,
                                                    message: "there is no \(folderName)/ folder in the site",
                                                    fix: "create \(folderName)/ and put the articles (*.md) in it; `medsite init` makes a site"))
            return inventory
        }
        let realRoot = FileSystem.realPath(contentRoot) ?? contentRoot
        // Content/ itself a link out of the site would publish whatever it points at (links inside
        // Content/ are held to Content/ the same way below).
        if FileSystem.kind(ofLinkAt: contentRoot) == .symbolicLink {
            let realSite = FileSystem.realPath(siteDirectory) ?? siteDirectory
            guard realRoot.hasPrefix(realSite == "/" ? "/" : realSite + "/"), realRoot != realSite else {
                inventory.diagnostics.append(Diagnostic(file: folderName, position: .start, rule: .unreadableFile,
                                                        message: "\(folderName)/ is a symbolic link to \(realRoot), outside the site folder, so it is not read",
                                                        fix: "put the articles in a real \(folderName)/ folder inside the site (copy them, or use a git submodule)"))
                return inventory
            }
        }
        var pending = [""]
        while let relative = pending.popLast() {
            let directory = relative.isEmpty ? contentRoot : FileSystem.join(contentRoot, relative)
            guard let entries = FileSystem.listDirectoryWithKinds(directory) else {
                inventory.diagnostics.append(Diagnostic(file: displayPath(relative), position: .start, rule: .unreadableFile,
                                                        message: "the folder could not be read", fix: "check its permissions"))
                continue
            }
            var subdirectories: [String] = []
            for (name, listedKind) in entries where !isIgnored(name) || (relative.isEmpty && name == ContentFilePolicy.wellKnownFolder) {
                let contentPath = relative.isEmpty ? name : relative + "/" + name
                let absolute = FileSystem.join(directory, name)
                var kind = listedKind
                if kind == .symbolicLink {
                    guard let target = FileSystem.realPath(absolute), target == realRoot || target.hasPrefix(realRoot + "/") else {
                        inventory.diagnostics.append(Diagnostic(
                            file: displayPath(contentPath), position: .start, rule: .unreadableFile,
                            message: "this symbolic link points outside \(folderName)/ (or nowhere), so it is not followed",
                            fix: "copy the file into \(folderName)/ instead of linking to it"))
                        continue
                    }
                    kind = FileSystem.isDirectory(target) ? .directory : .regular
                    if kind == .directory {
                        inventory.diagnostics.append(Diagnostic(
                            file: displayPath(contentPath), position: .start, severity: .warning, rule: .unreadableFile,
                            message: "this symbolic link to a folder inside \(folderName)/ is not followed (its files are already there)",
                            fix: "remove the link"))
                        continue
                    }
                }
                switch kind {
                case .directory: subdirectories.append(contentPath)
                case .regular:
                    let file = SourceFile(relativePath: displayPath(contentPath), contentPath: contentPath, absolutePath: absolute)
                    if name.hasSuffix(".md") && !contentPath.hasPrefix(wellKnownPrefix) {
                        inventory.articles.append(file)
                    } else if let refusal = ContentFilePolicy.refusal(file) {
                        inventory.diagnostics.append(refusal)
                    } else {
                        inventory.assets.append(file)
                    }
                case .missing:
                    inventory.diagnostics.append(Diagnostic(file: displayPath(contentPath), position: .start, rule: .unreadableFile,
                                                            message: "the file disappeared while medsite was reading the site",
                                                            fix: "build again once nothing is moving files in \(folderName)/"))
                default:
                    inventory.diagnostics.append(Diagnostic(file: displayPath(contentPath), position: .start, rule: .unreadableFile,
                                                            message: "this is not a regular file", fix: "remove it from \(folderName)/"))
                }
            }
            pending.append(contentsOf: subdirectories.reversed())
        }
        inventory.articles.sort { $0.contentPath < $1.contentPath }
        inventory.assets.sort { $0.contentPath < $1.contentPath }
        return inventory
    }

    static func displayPath(_ contentPath: String) -> String {
        contentPath.isEmpty ? folderName : folderName + "/" + contentPath
    }

    package static func isIgnored(_ name: String) -> Bool {
        // A name has one of these prefixes or suffixes as Characters only if it has it as bytes:
        // the byte tests spare most names the Character comparisons (10,000 names a scan).
        let utf8 = name.utf8
        if let first = utf8.first, first == UInt8(ascii: ".") || first == UInt8(ascii: "#"), name.hasPrefix(".") || name.hasPrefix("#") {
            return true
        }
        if let last = utf8.last, last == UInt8(ascii: "~") || last == UInt8(ascii: "p"), name.hasSuffix("~") || name.hasSuffix(".swp") {
            return true
        }
        return ContentFilePolicy.ignoredNames.contains(name)
    }

    private static let wellKnownPrefix = ContentFilePolicy.wellKnownFolder + "/"
}
