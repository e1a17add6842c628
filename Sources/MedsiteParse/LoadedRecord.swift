import MedsiteBase

/// A file medsite writes into the site folder and reads back (`review-ledger.yml`,
/// `published-addresses.txt`) as one run found it: what parsing it gave, and its text's digest (nil
/// when it is absent or not UTF-8), which the build cache's key covers. The digest, not the text,
/// is kept: the text would be held for the whole build, and hashing it here runs on the record's
/// own thread beside the scan of Content/.
public struct LoadedRecord<State: Sendable>: Sendable {
    public let state: State
    public let diagnostics: [Diagnostic]
    public let digest: ContentDigest?

    /// Reads `fileName` in `siteDirectory`: `absent` when there is none, `unreadable`'s diagnostic
    /// when it is not UTF-8 text, else what `parse` makes of it.
    static func read(_ fileName: String, siteDirectory: String, absent: State, unreadable: (State, Diagnostic),
                     parse: (String) -> (State, [Diagnostic])) -> LoadedRecord {
        let path = FileSystem.join(siteDirectory, fileName)
        guard FileSystem.exists(path) else { return LoadedRecord(state: absent, diagnostics: [], digest: nil) }
        guard let text = FileSystem.readText(path) else {
            return LoadedRecord(state: unreadable.0, diagnostics: [unreadable.1], digest: nil)
        }
        let (state, diagnostics) = parse(text)
        return LoadedRecord(state: state, diagnostics: diagnostics, digest: ContentHash.digest(text))
    }
}
