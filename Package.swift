// swift-tools-version: 6.1
import PackageDescription

// The pipeline is one SwiftPM target per stage, each depending only on the stages before it, so the
// compiler keeps the order (docs/maintainers.md has the picture):
//   MedsiteBase ← MedsiteParse ← MedsiteValidate ← MedsiteRender ← MedsiteCore ← MedsitePreview, MedsiteLinkCheck, medsite
let package = Package(
    name: "medsite",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "medsite", targets: ["medsite"]),
        .library(name: "MedsiteCore", targets: ["MedsiteCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        // SHA-256 for the build cache's content hashes (a hash there decides what is rebuilt).
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        // Already resolved for Hummingbird; named so the preview can add a handler before its request conversion.
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        // `medsite check --external`: the HTTP client that checks sources and external links (MedsiteLinkCheck only).
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
    ],
    targets: [
        // cmark 0.30 from the system (Debian: libcmark-dev), found through pkg-config.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // The few system calls Swift's Glibc module does not expose (atomic directory exchange).
        .target(name: "CMedsiteSystem"),
        // What every stage shares: diagnostics, the rule catalogue (ids, severities, explanations),
        // file access with the input limits (Load), hashing (SHA-256), JSON, HTML escaping, dates, parallelMap.
        .target(name: "MedsiteBase", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // Bytes → Article: front matter (Yams), typed FrontMatter, site settings, cmark document.
        .target(
            name: "MedsiteParse",
            dependencies: ["MedsiteBase", "CCmark", .product(name: "Yams", package: "Yams")]
        ),
        // Content rules over an Article, the severity policy, the review calendar, links between articles.
        .target(name: "MedsiteValidate", dependencies: ["MedsiteParse"]),
        // Article → HTML: the theme (Mustache), page contexts, site pages, the safety-block guarantee.
        .target(
            name: "MedsiteRender",
            dependencies: ["MedsiteValidate", .product(name: "Mustache", package: "swift-mustache")],
            exclude: ["DefaultTheme"],
            plugins: ["DefaultThemePlugin"]
        ),
        // The built-in theme: Templates/ compiled into MedsiteRender at build time (DefaultTheme.files).
        .plugin(name: "DefaultThemePlugin", capability: .buildTool(), dependencies: ["DefaultThemeEmbedder"]),
        .executableTarget(name: "DefaultThemeEmbedder", path: "Plugins/DefaultThemeEmbedder"),
        // The build: SiteBuilder runs the stages over a site, the build cache and incremental path,
        // the atomic Output/ writer, reports, scaffolding. Knows nothing of the CLI or HTTP.
        .target(name: "MedsiteCore", dependencies: ["MedsiteRender", "CMedsiteSystem"]),
        // `medsite serve`: live preview over HTTP (Hummingbird). Only this module knows HTTP.
        .target(
            name: "MedsitePreview",
            dependencies: [
                "MedsiteCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // `medsite check --external`: sources and external links checked over the network
        // (AsyncHTTPClient). Never part of a build; only this module knows the HTTP client.
        .target(
            name: "MedsiteLinkCheck",
            dependencies: [
                "MedsiteCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Thin command-line front end: one file per subcommand.
        .executableTarget(
            name: "medsite",
            dependencies: [
                "MedsiteCore",
                "MedsitePreview",
                "MedsiteLinkCheck",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // libFuzzer harness over parse → validate → render (`make fuzz`, docs/safety.md); a plain
        // build makes a tool that replays saved inputs through the same pipeline.
        .executableTarget(
            name: "medsite-fuzz",
            dependencies: ["MedsiteCore"]
        ),
        .testTarget(
            name: "MedsiteCoreTests",
            // @testable imports of every stage: the tests reach into each one.
            dependencies: ["MedsiteCore", "MedsiteBase", "MedsiteParse", "MedsiteValidate", "MedsiteRender"],
            exclude: ["Fixtures"]
        ),
        // Runs the real `medsite` binary: exit codes, output formats, files written.
        .testTarget(
            name: "MedsiteCLITests",
            dependencies: ["medsite", "MedsiteCore"]
        ),
        // Starts the real preview server on a free port and talks HTTP to it.
        .testTarget(
            name: "MedsitePreviewTests",
            dependencies: ["MedsitePreview", "MedsiteCore"]
        ),
        // Checks links against a scripted HTTP server on 127.0.0.1 (SwiftNIO), never the internet.
        .testTarget(
            name: "MedsiteLinkCheckTests",
            dependencies: [
                "MedsiteLinkCheck", "MedsiteCore", "medsite",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
