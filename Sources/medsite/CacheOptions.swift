import ArgumentParser
import MedsiteCore

/// `--cache DIR` and `--no-cache`, shared by `build` and `check`.
struct CacheOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The cache folder: the build cache, and check --external's results (keep it between CI runs). Default: DIR/.medsite-cache.", valueName: "dir"))
    var cache: String?

    @Flag(name: .long, help: "Ignore the build cache: parse, validate and render every article again.")
    var noCache = false

    func apply(to options: inout BuildOptions) {
        options.cacheDirectory = cache
        options.useCache = !noCache
    }
}
