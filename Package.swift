// swift-tools-version: 6.1
import PackageDescription

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
        // The pipeline: load → parse → validate → render → write. Knows nothing of the CLI or HTTP.
        .target(
            name: "MedsiteCore",
            dependencies: [
                "CCmark",
                "CMedsiteSystem",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // `medsite serve`: live preview over HTTP (Hummingbird). Only this module knows HTTP.
        .target(
            name: "MedsitePreview",
            dependencies: [
                "MedsiteCore",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // Thin command-line front end: one file per subcommand.
        .executableTarget(
            name: "medsite",
            dependencies: [
                "MedsiteCore",
                "MedsitePreview",
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
            dependencies: ["MedsiteCore"],
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
    ],
    swiftLanguageModes: [.v6]
)
