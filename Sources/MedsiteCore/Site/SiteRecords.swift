import MedsiteBase
import MedsiteParse

/// The site's machine-written records (`review-ledger.yml`, `published-addresses.txt`), each read
/// and parsed on a thread of its own while the main thread loads the theme and scans Content/
/// (at 10,000 articles they are 3 MB of text between them). Each is stamped before it is read: the
/// build cache trusts the hash it stored for a record only while that stamp is unchanged.
struct SiteRecords: Sendable {
    struct Read<State: Sendable>: Sendable {
        let loaded: LoadedRecord<State>
        /// nil when the file is absent.
        let stamp: FileStamp?
    }

    private let ledgerLoad: BackgroundValue<Read<ReviewLedger.State>>
    private let addressLoad: BackgroundValue<Read<AddressRecord.State>>

    var ledger: Read<ReviewLedger.State> { ledgerLoad.value }
    var addresses: Read<AddressRecord.State> { addressLoad.value }

    init(siteDirectory: String) {
        ledgerLoad = Self.start(ReviewLedger.fileName, in: siteDirectory, ReviewLedger.read)
        addressLoad = Self.start(AddressRecord.fileName, in: siteDirectory, AddressRecord.read)
    }

    private static func start<State>(_ fileName: String, in siteDirectory: String,
                                     _ read: @escaping @Sendable (String) -> LoadedRecord<State>) -> BackgroundValue<Read<State>> {
        BackgroundValue {
            let stamp = BuildCache.stamp(FileSystem.join(siteDirectory, fileName), followLinks: true)
            return Read(loaded: read(siteDirectory), stamp: stamp)
        }
    }
}
