import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 14: what reaches Output/ besides validated articles, and what a build does with paths,
/// links and files it did not write. Each test runs the real binary.
@Suite struct PublishSafetyTests {
    static let settings = GeneratedSite.settings(title: "Health A")

    static func article(dose: String = "10 mg") -> String {
        """
        ---
        title: "Paracetamol"
        description: "How to take paracetamol safely."
        last_reviewed: 2026-04-07
        reviewed_by: "Dr Amelia Hart, MD FRCP"
        sources:
          - title: "Paracetamol for adults"
            url: "https://www.nhs.uk/medicines/paracetamol-for-adults/"
            publisher: "NHS"
        ---
        ## How much to take

        Take \(dose) twice a day with water, or as your doctor tells you.

        """
    }

    static func makeSite(_ extra: [String: String] = [:]) throws -> String {
        try MedsiteProcess.makeSite(["medsite.yml": settings, "Content/paracetamol.md": article()].merging(extra) { $1 })
    }

    static func build(_ site: String, _ more: [String] = []) throws -> MedsiteProcess.Result {
        try MedsiteProcess.run(["build", "--site", site, "--now", "2026-11-23"] + more)
    }

    static func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    // MARK: item 1: only files a patient site needs are copied, and never over a generated page

    @Test func pagesScriptsAndScriptedImagesInContentAreRefused() throws {
        let cases: [(path: String, text: String)] = [
            ("Content/info/dosage.html", "<h1>Paracetamol: take 8 tablets at once</h1><script>alert(1)</script>"),
            ("Content/conditions/common-cold/index.html", "<h1>Not reviewed</h1>"),
            ("Content/images/onload.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"),
            ("Content/images/slash.svg", "<svg/onload=alert(1)>"),
            ("Content/images/script.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<circle r=\"4\"/>\n<svg:script>alert(1)</svg:script></svg>"),
            ("Content/images/link.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"jav&#x09;ascript&#58;alert(1)\"><text>x</text></a></svg>"),
            ("Content/images/html.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><div>x</div></foreignObject></svg>"),
            ("Content/scripts/app.js", "alert(1)"),
            ("Content/feed.xml", "<?xml version=\"1.0\"?><x/>"),
        ]
        for (path, text) in cases {
            let site = try Self.makeSite([path: text])
            defer { try? FileManager.default.removeItem(atPath: site) }
            let result = try Self.build(site, ["--strict"])
            #expect(result.status == 1, "\(path): \(result.stdout)")
            let line = result.stdout.split(separator: "\n").first { $0.hasPrefix(path + ":") } ?? ""
            #expect(line.contains("error: [unsafe-file]") && line.contains(" — "), "\(path): \(result.stdout)")
            #expect(!FileManager.default.fileExists(atPath: site + "/Output"), "\(path) must not be published")
        }
        // The SVG line is where the script is.
        let site = try Self.makeSite([cases[4].path: cases[4].text])
        defer { try? FileManager.default.removeItem(atPath: site) }
        #expect(try Self.build(site).stdout.contains("Content/images/script.svg:3:1: error: [unsafe-file]"))
    }

    @Test func picturesDocumentsAndHostFilesArePublishedAndOthersAreNamed() throws {
        let picture = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><title>Hand washing – one (step)</title><circle cx=\"5\" cy=\"5\" r=\"4\" fill=\"#005eb8\"/></svg>"
        let files = ["Content/images/hands.svg": picture, "Content/images/hands.png": "\u{89}PNG",
                     "Content/leaflets/paracetamol.pdf": "%PDF-1.4", "Content/CNAME": "health.example.org\n",
                     "Content/.well-known/security.txt": "Contact: mailto:security@example.org\n"]
        let site = try Self.makeSite(files)
        defer { try? FileManager.default.removeItem(atPath: site) }
        let result = try Self.build(site)
        #expect(result.status == 0, "\(result.stdout)")
        for path in files.keys {
            let published = site + "/Output/" + path.dropFirst("Content/".count)
            #expect(Self.read(published) == files[path], "\(path) is published as it is")
        }
        // A Word document is neither published nor skipped without a word.
        try "PK".write(toFile: site + "/Content/leaflets/paracetamol.docx", atomically: true, encoding: .utf8)
        let refused = try Self.build(site)
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("Content/leaflets/paracetamol.docx:1:1: error: [unsupported-file]"), "\(refused.stdout)")
    }

    @Test func aCopiedFileNeverTakesTheAddressOfAGeneratedFile() throws {
        for path in ["Content/robots.txt", "Content/assets/style.css.png", "Content/paracetamol", "Content/robots.txt/x.png",
                     "Content/ROBOTS.TXT"] {
            let site = try Self.makeSite([path: "x"])
            defer { try? FileManager.default.removeItem(atPath: site) }
            let result = try Self.build(site)
            #expect(result.status == 1, "\(path): \(result.stdout)")
            #expect(result.stdout.contains(path + ":1:1: error: ["), "\(path): \(result.stdout)")
            #expect(!FileManager.default.fileExists(atPath: site + "/Output"), "\(path)")
        }
    }

    // MARK: item 7: Content/ itself a link out of the site

    @Test func contentThatLinksOutOfTheSiteIsNotRead() throws {
        let site = try MedsiteProcess.makeSite(["medsite.yml": Self.settings])
        let elsewhere = try MedsiteProcess.makeSite(["paracetamol.md": Self.article(), "credentials.txt": "password=hunter2"])
        defer { for folder in [site, elsewhere] { try? FileManager.default.removeItem(atPath: folder) } }
        try FileManager.default.createSymbolicLink(atPath: site + "/Content", withDestinationPath: elsewhere)
        let result = try Self.build(site)
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stdout.contains("Content:1:1: error: [unreadable-file]") && result.stdout.contains("outside the site"), "\(result.stdout)")
        #expect(!FileManager.default.fileExists(atPath: site + "/Output/credentials.txt"))

        // A link to a folder inside the site is still followed.
        let inside = try MedsiteProcess.makeSite(["medsite.yml": Self.settings, "Articles/paracetamol.md": Self.article()])
        defer { try? FileManager.default.removeItem(atPath: inside) }
        try FileManager.default.createSymbolicLink(atPath: inside + "/Content", withDestinationPath: "Articles")
        #expect(try Self.build(inside).status == 0)
    }

    // MARK: item 9: any --output path, and outputs that would nest with the site

    @Test func anyOutputPathBuildsOrIsRefusedClearly() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(atPath: site) }
        for output in ["o", "x/", "p/q", "./r", "o"] {
            let result = try MedsiteProcess.run(["build", "--now", "2026-11-23", "--output", output], in: site)
            #expect(result.status == 0, "--output \(output): \(result.status) \(result.stdout)\(result.stderr)")
            #expect(Self.read(site + "/" + output + "/paracetamol/index.html")?.contains("10 mg") == true, "--output \(output)")
        }
        for output in [".", "./", "..", "/", "Content", "Content/public", "Content/", site, site + "/Content/x/y", "medsite.yml"] {
            let result = try MedsiteProcess.run(["build", "--now", "2026-11-23", "--output", output], in: site)
            #expect(result.status == 2, "--output \(output): \(result.status) \(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("[output-failed]"), "--output \(output): \(result.stdout)")
            #expect(!FileManager.default.fileExists(atPath: site + "/Content/public"))
        }
        #expect(FileManager.default.fileExists(atPath: site + "/medsite.yml"), "the site is still there")
        #expect(!FileManager.default.fileExists(atPath: site + "/.medsite.yml.lock"), "nothing made beside a refused output")
    }

    // MARK: item 5: Output/ edited by hand, and files put there

    @Test func aPageEditedByHandWithItsTimeRestoredIsRepaired() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(atPath: site) }
        #expect(try Self.build(site).status == 0)
        let page = site + "/Output/paracetamol/index.html"
        let original = try #require(Self.read(page))
        var before = stat()
        stat(page, &before)
        // Same size, same inode, mtime set back: only the ctime tells.
        let edited = original.replacingOccurrences(of: "Take 10 mg", with: "Take 90 mg")
        let handle = try #require(FileHandle(forWritingAtPath: page))
        handle.write(Data(edited.utf8))
        try handle.close()
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, page, &times, 0) == 0)
        var after = stat()
        stat(page, &after)
        #expect(after.st_ino == before.st_ino && after.st_size == before.st_size && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
        let result = try Self.build(site)
        #expect(result.status == 0)
        #expect(Self.read(page) == original, "the hand-edited page is repaired: \(Self.read(page)?.contains("90 mg") == true ? "still 90 mg" : "?")")
    }

    @Test func filesPutInOutputAreNeverDeletedWithoutAWord() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(atPath: site) }
        #expect(try Self.build(site).status == 0)
        try "health.example.org\n".write(toFile: site + "/Output/CNAME", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: site + "/Output/.well-known", withIntermediateDirectories: true)
        try "Contact: x\n".write(toFile: site + "/Output/.well-known/security.txt", atomically: true, encoding: .utf8)
        try GeneratedSite.setTitle("Health B", site: site) // a full build: Output/ would be replaced
        let refused = try Self.build(site)
        #expect(refused.status == 2, "\(refused.stdout)")
        #expect(refused.stdout.contains("CNAME") && refused.stdout.contains(".well-known/security.txt")
                && refused.stdout.contains("Content/"), "\(refused.stdout)")
        #expect(Self.read(site + "/Output/CNAME") == "health.example.org\n")
        // Where they belong: Content/, which publishes them.
        try FileManager.default.moveItem(atPath: site + "/Output/CNAME", toPath: site + "/Content/CNAME")
        try FileManager.default.createDirectory(atPath: site + "/Content/.well-known", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: site + "/Output/.well-known/security.txt", toPath: site + "/Content/.well-known/security.txt")
        let built = try Self.build(site)
        #expect(built.status == 0, "\(built.stdout)")
        #expect(Self.read(site + "/Output/CNAME") == "health.example.org\n")
        #expect(Self.read(site + "/Output/.well-known/security.txt") == "Contact: x\n")
    }

    // MARK: item 13: the cache key names what the binary is, not where it lies

    @Test func aReinstalledIdenticalBinaryKeepsTheCache() throws {
        let site = try Self.makeSite()
        let bin = NSTemporaryDirectory() + "medsite-bin-" + UUID().uuidString
        defer { for folder in [site, bin] { try? FileManager.default.removeItem(atPath: folder) } }
        try FileManager.default.createDirectory(atPath: bin + "/a", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: bin + "/b", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: MedsiteProcess.binary, toPath: bin + "/a/medsite")
        func build(_ binary: String) throws -> (status: Int32, outputInode: UInt) {
            let process = try SpawnedProcess(binary, ["build", "--site", site, "--now", "2026-11-23"])
            let ending = process.wait(atMost: 120)
            var info = stat()
            stat(site + "/Output", &info)
            return (ending == .exited(0) ? 0 : 1, UInt(info.st_ino))
        }
        let first = try build(bin + "/a/medsite")
        sleep(1) // stamps from the cache's last second are not trusted
        let again = try build(bin + "/a/medsite")
        #expect(first.status == 0 && again.status == 0)
        #expect(again.outputInode == first.outputInode, "a no-op rebuild does not republish")
        // Reinstalled: another path, inode and mtime, the same bytes.
        try FileManager.default.copyItem(atPath: bin + "/a/medsite", toPath: bin + "/b/medsite")
        try FileManager.default.removeItem(atPath: bin + "/a")
        let reinstalled = try build(bin + "/b/medsite")
        #expect(reinstalled.status == 0)
        #expect(reinstalled.outputInode == first.outputInode, "the reinstalled binary reuses the cache")
    }

    // MARK: item 4: an edit crafted to keep the cache's hash is still published

    @Test func anEditCraftedToKeepTheOldHashIsPublished() throws {
        let original = Array(Self.article(dose: "10 mg").utf8)
        // Align "10 mg twice a day with" on 8-byte words, as the old hash read them.
        let at = try #require(Self.offset(of: Array("Take 10 mg".utf8), in: original)) + 5
        let padded = Array(original[..<(at - 5)]) + [UInt8](repeating: 0x20, count: (8 - at % 8) % 8) + Array(original[(at - 5)...])
        let start = at + (8 - at % 8) % 8
        let forged = try #require(OldContentHash.collision(in: padded, at: start, newFirstWord: Array("90 mg TW".utf8)))
        #expect(forged != padded && forged.count == padded.count)
        #expect(OldContentHash.digest(forged) == OldContentHash.digest(padded), "the two texts collided under the old hash")
        let text = try #require(String(validating: forged, as: UTF8.self))
        #expect(text.contains("Take 90 mg TW"))

        let site = try Self.makeSite(["Content/paracetamol.md": String(decoding: padded, as: UTF8.self)])
        defer { try? FileManager.default.removeItem(atPath: site) }
        #expect(try Self.build(site).status == 0)
        #expect(Self.read(site + "/Output/paracetamol/index.html")?.contains("Take 10 mg twice") == true)
        try text.write(toFile: site + "/Content/paracetamol.md", atomically: true, encoding: .utf8)
        let rebuilt = try Self.build(site)
        #expect(rebuilt.status == 0, "\(rebuilt.stdout)")
        let page = Self.read(site + "/Output/paracetamol/index.html") ?? ""
        #expect(page.contains("Take 90 mg TW") && !page.contains("Take 10 mg"), "the edited dose is published")
    }

    static func offset(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        haystack.indices.first { haystack[$0...].starts(with: needle) }
    }
}

/// The 64-bit hash the build cache used before SHA-256 (multiply-xorshift over 8-byte words), kept
/// here to show it could be steered: every step is invertible, so a changed word can be paid for by
/// two crafted words after it.
enum OldContentHash {
    static let step: UInt64 = 0x9E37_79B9_7F4A_7C15

    static func mix(_ x: UInt64) -> UInt64 {
        var x = x
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }

    static func word(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
    }

    static func wordBytes(_ word: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * UInt64($0))) } }

    /// The state after the whole words before `end` (a multiple of 8).
    static func state(_ bytes: [UInt8], upTo end: Int) -> UInt64 {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D ^ UInt64(bytes.count)
        for offset in stride(from: 0, to: end, by: 8) { state = mix(state ^ word(bytes, offset)) &+ step }
        return state
    }

    static func digest(_ bytes: [UInt8]) -> UInt64 {
        let whole = bytes.count / 8 * 8
        var state = self.state(bytes, upTo: whole)
        var tail: UInt64 = 0
        for (shift, byte) in bytes[whole...].enumerated() { tail |= UInt64(byte) << (8 * UInt64(shift)) }
        state = mix(state ^ tail ^ 0xA5)
        return state
    }

    /// `bytes` with the word at `start` replaced by `newFirstWord` and the next two words chosen so
    /// the hash is unchanged; every byte printable ASCII, so it is a valid article.
    static func collision(in bytes: [UInt8], at start: Int, newFirstWord: [UInt8]) -> [UInt8]? {
        let before = state(bytes, upTo: start)
        let s1 = mix(before ^ word(bytes, start)) &+ step
        let s2 = mix(s1 ^ word(bytes, start + 8)) &+ step
        let target = s2 ^ word(bytes, start + 16) // what the third word must meet
        let t1 = mix(before ^ word(newFirstWord, 0)) &+ step
        var random: UInt64 = 14
        func printable(_ word: UInt64) -> Bool { wordBytes(word).allSatisfy { (0x21...0x7E).contains($0) && $0 != 0x5C && $0 != 0x60 && $0 != 0x3C } }
        for _ in 0..<5_000_000 {
            random = random &* 6364136223846793005 &+ 1442695040888963407
            let middle = wordBytes((0..<8).reduce(UInt64(0)) { $0 | UInt64(0x41 + (random >> (8 * UInt64($1)) & 0xFF) % 26) << (8 * UInt64($1)) })
            let t2 = mix(t1 ^ word(middle, 0)) &+ step
            let third = t2 ^ target
            guard printable(third) else { continue }
            var forged = bytes
            forged.replaceSubrange(start..<(start + 24), with: newFirstWord + middle + wordBytes(third))
            return forged
        }
        return nil
    }
}
