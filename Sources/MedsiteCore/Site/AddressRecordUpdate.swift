import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MedsiteBase
import MedsiteParse

/// After a published build: `published-addresses.txt` lists every address the build published, and
/// keeps the ones that disappeared while `address-vanished` was not an error (they are reported
/// again until an alias or `retired:` settles them); retired ones are dropped. Written atomically (a
/// temporary file renamed over it), only when its text changes. Only `medsite build` calls this,
/// after Output/ is in place.
enum AddressRecordUpdate {
    /// What writing it said (a note when it started the record, a warning when it could not be
    /// written), and the text written, nil when the record was left as it was.
    /// `existingSite`: the site was published before; starting its record is then worth saying.
    static func write(produced: [String: String], state: AddressRecord.State, settings: SiteSettings, siteDirectory: String,
                      existingSite: Bool) -> (diagnostics: [Diagnostic], written: String?) {
        var record = AddressRecord()
        switch state {
        case .unusable: return ([], nil)
        case .absent: break
        case .loaded(let loaded):
            for (address, entry) in loaded.entries where !settings.retiredAddresses.contains(address) {
                record.entries[address] = AddressRecord.Entry(address: address, source: entry.source)
            }
        }
        for (address, source) in produced { record.entries[address] = AddressRecord.Entry(address: address, source: source) }
        let text = record.encoded
        let path = FileSystem.join(siteDirectory, AddressRecord.fileName)
        if case .loaded = state, FileSystem.readText(path) == text { return ([], nil) }
        let temporary = path + ".tmp-\(getpid())"
        let failure = Array(text.utf8).withUnsafeBytes { OutputWriter.writeFile(temporary, $0, display: AddressRecord.fileName) }
        if failure == nil, rename(temporary, path) == 0 {
            guard case .absent = state, existingSite else { return ([], text) }
            let count = record.entries.count
            return ([Diagnostic(file: AddressRecord.fileName, position: .start, rule: .addressRecordStarted,
                                message: "started the record of published addresses: \(count) address\(count == 1 ? "" : "es") recorded",
                                fix: "commit \(AddressRecord.fileName) with the content; from now on an address that disappears without an alias stops the build")], text)
        }
        let reason = failure?.reason ?? String(cString: strerror(errno))
        unlink(temporary)
        return ([Diagnostic(file: AddressRecord.fileName, position: .start, severity: .warning, rule: .addressRecordInvalid,
                            message: "the site was published, but \(AddressRecord.fileName) could not be written: \(reason)",
                            fix: "make the site folder writable and build again")], nil)
    }
}
