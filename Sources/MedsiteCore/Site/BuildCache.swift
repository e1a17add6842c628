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

/// The build cache: a rebuild redoes only what changed.
///
/// The key hashes what every page may depend on: this medsite binary, the options (day, --strict,
/// drafts), medsite.yml, and the bytes (not mtimes, so a CI checkout with fresh mtimes still hits)
/// of every file under `inputFolders` (Content/, Templates/, Snippets/) except the articles: a
/// changed snippet rebuilds the site, which re-renders every page that includes it. Articles are
/// hashed one by one: after a build the cache stores each article's hash, its diagnostics, its
/// summary and what other pages see of it (`SiteFacts`), plus the size, mtime and inode of every
/// file in Output/. Then:
/// - same key, same articles, Output/ untouched: the stored report is returned, nothing is parsed,
///   rendered or written (`reusableReport`);
/// - same key, some articles edited without changing what other pages see of them (body text):
///   only those are parsed, validated and rendered (`IncrementalBuild`);
/// - anything else runs the full pipeline (whose writer then hard-links unchanged files, keeping
///   their mtimes).
///
/// Reading every input would cost a 10,000-article rebuild more than the rebuild itself, so a file
/// whose stat (size, mtime, inode, ctime) is unchanged keeps its stored hash, as git's index does;
/// stamps from the last second before the cache was written are not trusted (an edit within the
/// same clock tick keeps the mtime).
///
/// Kept in `<site>/.medsite-cache/` or `--cache DIR`, so CI can keep it between runs. Only a
/// published build is stored: a build with errors always runs in full and reports them again.
struct BuildCache {
    static let folderName = ".medsite-cache"
    static let formatVersion = "medsite-build-cache 6"
    /// Site folders whose files a build reads, besides medsite.yml (Content/ first: its files come
    /// from the scanner). A feature that reads another folder of the site (say `Static/`) must add
    /// it here, or a no-op rebuild would miss its changes.
    static let inputFolders = [ContentScanner.folderName, Theme.folderName, SnippetLibrary.folderName]

    let file: String
    let key: String
    /// The key before the review ledger and the address record are added: a build that writes them
    /// stores its result under the key of what it wrote, so the next build (which reads them) reuses it.
    let keyWithoutLedger: String
    /// The hashes of `review-ledger.yml` and `published-addresses.txt` as this build read them
    /// (nil: absent or unreadable), and their stamps, stored so the next build hashes them only
    /// when they changed (3 MB at 10,000 articles).
    let reviewLedger: ContentDigest?
    let addressRecord: ContentDigest?
    let records: [StoredBuild.InputEntry]
    let output: String
    /// Every input file's stamp and hash, as the next build's shortcut.
    let inputs: [StoredBuild.InputEntry]
    /// Each article's path, the hash of its bytes and its size, in `inventory.articles` order (positions, not
    /// look-ups: a rebuild at 10,000 articles compares all of them). Empty when there is no previous
    /// build with this key: the full build then takes each article's hash from its parse
    /// (`Article.sourceDigest`).
    let articleDigests: [(path: String, digest: ContentDigest, size: Int)]
    /// The last stored build, when it was made with this same key.
    let previous: StoredBuild?
    /// Whether Output/ is as `previous` left it, when checked while the cache was read.
    private let previousOutputUntouched: Bool?
    /// `build.bin` as read (without its delta), when `previous` came from it.
    private let base: (build: StoredBuild, checksum: UInt64)?

    static func file(for options: BuildOptions) -> String {
        FileSystem.join(options.resolvedCacheDirectory, "build.bin")
    }

    static func deltaFile(besides file: String) -> String {
        FileSystem.join(OutputLocation.split(file).parent, StoredBuildDelta.fileName)
    }

    /// Beyond this many changed entries a delta is folded into a new `build.bin`.
    static func deltaLimit(articles: Int) -> Int { max(256, articles / 20) }

    /// The stored build as read from the cache file, and, for a run that publishes, whether
    /// Output/ is still as that build left it.
    struct LoadedBuild: Sendable {
        /// `build.bin` with `build.delta` applied (when it fits).
        let stored: StoredBuild
        /// `build.bin` alone, and its checksum: what the next delta is written against.
        let base: StoredBuild
        let baseChecksum: UInt64
        /// nil when not checked (`check` never looks at Output/).
        let outputUntouched: Bool?
    }

    /// Starts reading the stored build on another thread, so decoding it (and stamping Output/'s
    /// files against it, when `checkingOutput`) overlaps the scan of Content/. The check is of
    /// whatever build the file holds: it counts only if that build turns out to have this build's key.
    static func startLoading(_ options: BuildOptions, checkingOutput: Bool) -> BackgroundValue<LoadedBuild?>? {
        guard options.useCache else { return nil }
        let file = Self.file(for: options)
        let output = options.resolvedOutputDirectory
        return BackgroundValue {
            guard case .success(let bytes) = FileSystem.read(file),
                  let base = StoredBuild.decode(bytes, expectingKey: nil) else { return nil }
            let checksum = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: $0.count - 8, as: UInt64.self)) }
            var stored = base
            if case .success(let deltaBytes) = FileSystem.read(Self.deltaFile(besides: file)),
               let delta = StoredBuildDelta.decode(deltaBytes), delta.baseChecksum == checksum,
               let applied = delta.applied(to: base) {
                stored = applied
            }
            return LoadedBuild(stored: stored, base: base, baseChecksum: checksum,
                               outputUntouched: checkingOutput ? Self.outputIsUntouched(stored, output: output) : nil)
        }
    }

    init?(options: BuildOptions, settingsText: String, inventory: ContentInventory, records: SiteRecords,
          loading: BackgroundValue<LoadedBuild?>?) {
        guard options.useCache, let loading else { return nil }
        file = Self.file(for: options)
        output = options.resolvedOutputDirectory
        let loaded = loading.value
        let stored = loaded?.stored
        var hash = ContentHash()
        hash.add(Self.formatVersion)
        hash.add(Self.executableIdentity)
        hash.add("\(options.today.iso) strict=\(options.strict) drafts=\(options.includeDrafts)")
        hash.add(settingsText)
        for diagnostic in inventory.diagnostics { hash.add(diagnostic.formatted) }
        // Every file a build reads: the articles and other files the scanner found in Content/ (what
        // it ignores or refuses is not read; refusals are in its diagnostics, hashed above), and
        // everything under Templates/, hidden files and links included.
        let site = options.siteDirectory
        let contentFiles = (inventory.articles.map { ($0, true) } + inventory.assets.map { ($0, false) })
            .sorted { $0.0.relativePath < $1.0.relativePath }
        let otherFiles = Self.inputFolders.dropFirst().flatMap { folder in
            Self.files(under: FileSystem.join(site, folder), includeLinks: true).map { folder + "/" + $0 }
        }
        let paths = contentFiles.map(\.0.relativePath) + otherFiles
        // Whether each path is an article's, by position (articles keep their order among them).
        let isArticle = contentFiles.map(\.1) + Array(repeating: false, count: otherFiles.count)
        // Stored in the same order: look entries up by position, by name only when the lists differ.
        let storedInputs = stored?.inputs ?? []
        var known: [String: StoredBuild.InputEntry] = [:]
        if storedInputs.count != paths.count || !zip(storedInputs, paths).allSatisfy({ $0.path == $1 }) {
            for entry in storedInputs { known[entry.path] = entry }
        }
        let trustedBefore = (stored?.savedAt ?? 0) - 1
        let storedByPath = known
        let positional = known.isEmpty
        // Paths relative to the open site folder: the kernel then walks two components, not eight.
        guard let siteFolder = FolderHandle(site) else { return nil }
        // Each file hashed on its own core unless its stamp vouches for the stored hash. Articles are
        // only stamped at first: their hashes matter only if a previous build has this same key.
        let entries = Array(paths.indices).parallelMap { index -> StoredBuild.InputEntry? in
            let path = paths[index]
            guard let stamp = Self.stamp(path, followLinks: true, in: siteFolder) else { return nil }
            let previous = positional ? (index < storedInputs.count ? storedInputs[index] : nil) : storedByPath[path]
            if let entry = previous, entry.stamp == stamp, stamp.modifiedSeconds < trustedBefore { return entry }
            if isArticle[index] { return .init(path: path, stamp: stamp, digest: nil) }
            guard case .success(let bytes) = FileSystem.read(FileSystem.join(site, path)) else { return nil }
            return .init(path: path, stamp: stamp, digest: bytes.withUnsafeBytes { ContentHash.digest($0) })
        }
        var inputs: [StoredBuild.InputEntry] = []
        for (index, entry) in entries.enumerated() {
            guard let entry else { return nil } // an unreadable file: let the pipeline report it
            inputs.append(entry)
            if !isArticle[index], let digest = entry.digest {
                hash.add(entry.path)
                hash.add(digest)
            }
        }
        keyWithoutLedger = hash.value.hex + "-\(inputs.count - inventory.articles.count)"
        var recordEntries: [StoredBuild.InputEntry] = []
        func digest(_ name: String, loaded digest: ContentDigest?, stamp: FileStamp?) -> ContentDigest? {
            guard let digest, let stamp else { return nil }
            recordEntries.append(.init(path: name, stamp: stamp, digest: digest))
            return digest
        }
        reviewLedger = digest(ReviewLedger.fileName, loaded: records.ledger.loaded.digest, stamp: records.ledger.stamp)
        addressRecord = digest(AddressRecord.fileName, loaded: records.addresses.loaded.digest, stamp: records.addresses.stamp)
        self.records = recordEntries
        key = Self.key(keyWithoutLedger, reviewLedger: reviewLedger, addressRecord: addressRecord)
        previous = stored?.key == key ? stored : nil
        previousOutputUntouched = previous == nil ? nil : loaded?.outputUntouched
        base = previous == nil ? nil : loaded.map { ($0.base, $0.baseChecksum) }
        // Without a previous build to compare with, the full build hashes each article as it parses
        // it (`Article.sourceDigest`): reading all of them here as well cost a cold build a third read.
        if previous != nil {
            let unhashed = inputs.indices.filter { inputs[$0].digest == nil }
            let hashed = unhashed.map { inputs[$0] }.parallelMap { entry -> StoredBuild.InputEntry? in
                guard case .success(let bytes) = FileSystem.read(FileSystem.join(site, entry.path)) else { return nil }
                return .init(path: entry.path, stamp: entry.stamp, digest: bytes.withUnsafeBytes { ContentHash.digest($0) })
            }
            for (index, entry) in zip(unhashed, hashed) {
                guard let entry else { return nil }
                inputs[index] = entry
            }
        }
        var digests: [(path: String, digest: ContentDigest, size: Int)] = []
        if previous != nil {
            digests.reserveCapacity(inventory.articles.count)
            for (index, entry) in inputs.enumerated() where isArticle[index] {
                guard let digest = entry.digest else { return nil }
                digests.append((entry.path, digest, entry.stamp.size))
            }
        }
        self.inputs = inputs
        articleDigests = digests
    }

    /// The review ledger decides `changed-since-review`, and the address record `address-vanished`
    /// (and which drafts keep their address), so both are part of the key.
    static func key(_ keyWithoutLedger: String, reviewLedger: ContentDigest?, addressRecord: ContentDigest?) -> String {
        var hash = ContentHash()
        hash.add(keyWithoutLedger)
        for (name, digest) in [("ledger", reviewLedger), ("addresses", addressRecord)] {
            if let digest {
                hash.add(name)
                hash.add(digest)
            } else {
                hash.add("no " + name)
            }
        }
        return hash.value.hex
    }

    /// The previous build's report, when its inputs were exactly these and (for a build) Output/ is
    /// as it left it. `check` reuses it without looking at Output/.
    func reusableReport(write: Bool) -> BuildReport? {
        guard let previous, previous.articles.count == articleDigests.count,
              zip(previous.articles, articleDigests).allSatisfy({ $0.path == $1.path && $0.digest == $1.digest }) else { return nil }
        if write { guard previousOutputIsUntouched() else { return nil } }
        var report = previous.report
        report.published = write
        return report
    }

    /// True when every file the previous build wrote is still there as it wrote it, and no update
    /// was interrupted (checked while the cache was read, unless this run does not publish).
    func previousOutputIsUntouched() -> Bool {
        guard let previous else { return false }
        return previousOutputUntouched ?? Self.outputIsUntouched(previous, output: output)
    }

    static func outputIsUntouched(_ stored: StoredBuild, output: String) -> Bool {
        guard stored.output == output, !FileSystem.exists(FileSystem.join(output, OutputWriter.journalName)) else { return false }
        guard let folder = FolderHandle(output) else { return false }
        let unchanged = stored.outputs.parallelMap { entry in
            Self.stamp(entry.path, in: folder) == entry.stamp
        }
        return unchanged.allSatisfy { $0 }
    }

    /// Records a published build. A cache that cannot be written only costs the next build its shortcut.
    /// `outputs` nil: stamp every file now in Output/.
    /// `articleDigests`: each article's hash as it was built, for those `init` did not read.
    /// `paragraphs`: every article's long paragraphs (`SharedParagraphIndex`), written beside it.
    /// `asDelta`: write only what changed since `build.bin` (a one-edit rebuild), unless that is
    /// over `deltaLimit` entries.
    func save(_ stored: StoredBuild, outputs: [StoredBuild.OutputEntry]? = nil, articleDigests built: [String: ContentDigest] = [:],
              writtenReviewLedger: String? = nil, writtenAddressRecord: String? = nil, paragraphs: SharedParagraphIndex? = nil,
              asDelta: Bool = false) {
        var stored = stored
        if writtenReviewLedger != nil || writtenAddressRecord != nil {
            stored.key = Self.key(keyWithoutLedger, reviewLedger: writtenReviewLedger.map(ContentHash.digest) ?? reviewLedger,
                                  addressRecord: writtenAddressRecord.map(ContentHash.digest) ?? addressRecord)
        } else {
            stored.key = key
        }
        // A record this build wrote is hashed again by the next build: a stamp taken after writing
        // could belong to an edit made since.
        stored.records = records.filter { entry in
            entry.path == ReviewLedger.fileName ? writtenReviewLedger == nil : writtenAddressRecord == nil
        }
        stored.output = output
        stored.inputs = inputs
        for index in stored.inputs.indices where stored.inputs[index].digest == nil {
            guard let digest = built[stored.inputs[index].path] else { return }
            stored.inputs[index].digest = digest
        }
        stored.savedAt = Int(time(nil))
        guard let outputs = outputs ?? stamps(ofOutputs: Self.files(under: output)) else { return }
        stored.outputs = outputs
        if var paragraphs {
            paragraphs.key = stored.key
            paragraphs.identity = SharedParagraphIndex.identity(of: stored.articles.map(\.digest))
            paragraphs.write(besides: file)
        }
        let directory = OutputLocation.split(file).parent
        let deltaFile = Self.deltaFile(besides: file)
        func replace(_ path: String, with data: UnsafeRawBufferPointer) -> Bool {
            let temporary = path + ".tmp-\(getpid())"
            guard OutputWriter.writeFile(temporary, data, display: temporary) == nil else { return false }
            guard rename(temporary, path) == 0 else {
                unlink(temporary)
                return false
            }
            return true
        }
        if asDelta, let base, let delta = StoredBuildDelta(from: base.build, baseChecksum: base.checksum, to: stored),
           delta.changes <= Self.deltaLimit(articles: stored.articles.count) {
            // A delta that cannot be written is removed: `build.bin` alone then describes an older
            // build, which is safe (see StoredBuildDelta), only slower.
            if !delta.encoded().withUnsafeBytes({ replace(deltaFile, with: $0) }) { unlink(deltaFile) }
            return
        }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // The old delta goes once the new base is in place: it names the old base's checksum, so
        // one left behind by a kill is never applied to the new one.
        guard stored.withEncoded({ replace(file, with: $0) }) else { return }
        unlink(deltaFile)
        unlink(FileSystem.join(directory, "build.tsv")) // the text format medsite wrote before 5
    }

    /// The stamps of these files in Output/; nil if one is missing.
    func stamps(ofOutputs paths: [String]) -> [StoredBuild.OutputEntry]? {
        guard let folder = FolderHandle(output) else { return nil }
        let stamps = paths.parallelMap { Self.stamp($0, in: folder) }
        var entries: [StoredBuild.OutputEntry] = []
        entries.reserveCapacity(paths.count)
        for (path, stamp) in zip(paths, stamps) {
            guard let stamp else { return nil }
            entries.append(.init(path: path, stamp: stamp))
        }
        return entries
    }

    /// Size, modification time, inode and change time: a file replaced or edited changes at least
    /// one. The ctime matters for Output/: a page edited by hand in place, its size kept and its
    /// mtime set back (`touch -d`), still has a new ctime, which no user can set.
    static func stamp(_ path: String, followLinks: Bool = false, in directory: FolderHandle? = nil) -> FileStamp? {
        var info = stat()
        let flags = followLinks ? 0 : AT_SYMLINK_NOFOLLOW
        guard fstatat(directory?.descriptor ?? AT_FDCWD, path, &info, flags) == 0,
              info.st_mode & S_IFMT == S_IFREG else { return nil }
        #if canImport(Glibc)
        let modified = info.st_mtim, changed = info.st_ctim
        #else
        let modified = info.st_mtimespec, changed = info.st_ctimespec
        #endif
        return FileStamp(size: Int(info.st_size), modifiedSeconds: Int(modified.tv_sec), modifiedNanoseconds: Int(modified.tv_nsec),
                         inode: Int(info.st_ino), changedSeconds: Int(changed.tv_sec), changedNanoseconds: Int(changed.tv_nsec))
    }

    /// A new medsite binary may build differently, so the key holds what this one is: its version
    /// and its GNU build-id (a hash of the program the linker wrote into it, read from memory at
    /// no cost), or else the SHA-256 of its file. Not its path, size or mtime: a reinstalled
    /// identical binary keeps its cache, and a different one never shares it.
    static let executableIdentity: String = {
        var buildID = [UInt8](repeating: 0, count: 64)
        let length = medsite_build_id(&buildID, buildID.count)
        if length >= 8 {
            return "medsite \(MedsiteVersion.current) build-id " + buildID[..<length].map { String(format: "%02x", $0) }.joined()
        }
        let path = FileSystem.realPath("/proc/self/exe") ?? CommandLine.arguments.first ?? ""
        guard case .success(let bytes) = FileSystem.read(path) else { return "medsite \(MedsiteVersion.current) unknown \(path)" }
        return "medsite \(MedsiteVersion.current) sha256 " + bytes.withUnsafeBytes { ContentHash.digest($0) }.hex
    }()

    /// Regular files (and, with `includeLinks`, symbolic links) under a folder, relative and sorted;
    /// hidden files included (Output/'s marker is hidden).
    static func files(under root: String, includeLinks: Bool = false) -> [String] {
        var result: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let directory = relative.isEmpty ? root : FileSystem.join(root, relative)
            for (name, kind) in FileSystem.listDirectoryWithKinds(directory) ?? [] {
                let path = relative.isEmpty ? name : relative + "/" + name
                switch kind {
                case .directory: pending.append(path)
                case .regular: result.append(path)
                // Hashed through the link: re-pointing a link changes the bytes under its name.
                case .symbolicLink where includeLinks: result.append(path)
                default: continue
                }
            }
        }
        return result.sorted()
    }
}
