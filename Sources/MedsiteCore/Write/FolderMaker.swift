import Synchronization

/// Makes the folders above the files written into a tree of medsite's own (a staging folder), each
/// folder once: `mkdir` on a folder that exists fails with EEXIST, but it is still a system call
/// into the file system, for every folder above every file (every search result file is in
/// `search/doc/`). Safe from many threads at once.
final class FolderMaker: Sendable {
    let root: String
    /// Folders (relative to `root`) known to exist: made here, or found to exist.
    private let made = Mutex<Set<Substring>>([])

    init(root: String) {
        self.root = root
    }

    func makeParents(of path: String) -> OutputError? {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return nil }
        let parent = path[..<slash]
        if made.withLock({ $0.contains(parent) }) { return nil }
        if let failure = OutputWriter.makeParents(of: path, in: root) { return failure }
        made.withLock { _ = $0.insert(parent) }
        return nil
    }
}
