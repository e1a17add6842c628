import MedsiteCore

#if canImport(Glibc)
import Glibc
#endif

/// The fuzzed pipeline: the bytes as an article (decode → front-matter split → YAML → cmark →
/// validate → render), the same bytes as medsite.yml, and the splitter on its own.
enum FuzzPipeline {
    static let settingsText = """
    title: Fuzz Health
    base_url: https://health.example.org/
    disclaimers:
      general: "This information does not replace advice from your doctor."
    default_disclaimer: general
    """
    static let settings = SiteSettings.parse(settingsText).0!
    static let theme = Theme.load(siteDirectory: "/nonexistent-medsite-fuzz").0!
    static let today = CalendarDate(iso: "2026-11-23")!

    static func run(_ bytes: [UInt8]) {
        let (page, diagnostics) = SingleArticle.run(bytes, settings: settings, theme: theme, today: today)
        for diagnostic in diagnostics {
            // Every diagnostic must point inside the file and say something.
            precondition(diagnostic.position.line >= 1 && diagnostic.position.column >= 1 && !diagnostic.message.isEmpty,
                         "bad diagnostic: \(diagnostic.formatted)")
        }
        if let page {
            // The safety blocks are guaranteed on every rendered page, whatever the input.
            precondition(page.html.contains("data-medsite=\"disclaimer\""), "page without its disclaimer")
        }
        if let text = FrontMatterSplitter.decodeText(bytes, file: "Content/article.md").0 {
            if let split = FrontMatterSplitter.split(text, file: "Content/article.md").0 {
                precondition(split.bodyLineOffset >= 2, "body starts before the closing ---")
            }
            _ = SiteSettings.parse(text)
        }
    }
}

/// libFuzzer calls this for every input (built with -sanitize=fuzzer: `make fuzz`).
@_cdecl("LLVMFuzzerTestOneInput")
public func medsiteFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzPipeline.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

#if MEDSITE_LIBFUZZER
/// libFuzzer's driver (compiler-rt, LLVM 11+).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// SwiftPM links executables with `main` aliased to `<module>_main`, which would hide libFuzzer's
/// own `main`; so this is the entry point, and it hands over to libFuzzer's driver.
@_cdecl("medsite_fuzz_main")
func medsiteFuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in medsiteFuzzOneInput(data, size) }
}
#else
/// Without libFuzzer: runs saved inputs (files or folders of files) through the same pipeline, so
/// a crash found by the fuzzer can be replayed and kept as a regression test.
@main
struct FuzzReplay {
    static func main() {
        var count = 0
        for argument in CommandLine.arguments.dropFirst() {
            for path in files(at: argument) {
                guard case .success(let bytes) = FileSystem.read(path) else {
                    print("medsite-fuzz: cannot read \(path)")
                    exit(2)
                }
                FuzzPipeline.run(bytes)
                count += 1
            }
        }
        print("medsite-fuzz: \(count) inputs replayed without a crash")
    }

    static func files(at path: String) -> [String] {
        guard FileSystem.isDirectory(path) else { return [path] }
        return (FileSystem.listDirectory(path) ?? []).filter { !$0.hasPrefix(".") }.map { FileSystem.join(path, $0) }
    }
}
#endif
