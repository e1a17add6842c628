import Foundation
import Testing
@testable import MedsiteCore

/// Images get `width` and `height` from their file's header, so the page does not jump as they load.
@Suite struct ImageSizeTests {
    static func png(width: UInt32, height: UInt32) -> [UInt8] {
        func be(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8((value >> $0) & 0xFF) } }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + be(13) + Array("IHDR".utf8) + be(width) + be(height)
            + [8, 6, 0, 0, 0] + [0, 0, 0, 0]
    }

    static let gif: [UInt8] = Array("GIF89a".utf8) + [0x40, 0x01, 0xF0, 0x00] + [0, 0, 0]

    /// SOI, an APP0 segment to skip, then SOF2 (progressive) with height 480 and width 640.
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF\0".utf8) + Array(repeating: 0, count: 9)
        + [0xFF, 0xC2, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x03] + Array(repeating: 0, count: 9)

    static func webp(chunk: String, payload: [UInt8]) -> [UInt8] {
        Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBP".utf8) + Array(chunk.utf8) + [0, 0, 0, 0] + payload
            + Array(repeating: 0, count: 16)
    }

    @Test func everyFormatsHeaderGivesItsSize() throws {
        #expect(ImageSize.parse(Self.png(width: 640, height: 120), kind: .png) == ImageSize(width: 640, height: 120))
        #expect(ImageSize.parse(Self.gif, kind: .gif) == ImageSize(width: 320, height: 240))
        #expect(ImageSize.parse(Self.jpeg, kind: .jpeg) == ImageSize(width: 640, height: 480))
        // Lossy: frame tag, start code 9D 01 2A, then 14-bit width and height (little-endian).
        let lossy = Self.webp(chunk: "VP8 ", payload: [0, 0, 0, 0x9D, 0x01, 0x2A, 0x20, 0x03, 0x58, 0x02])
        #expect(ImageSize.parse(lossy, kind: .webp) == ImageSize(width: 800, height: 600))
        // Lossless: signature 2F, then width-1 and height-1 in 14 bits each: 100 × 50.
        let bits: UInt32 = 99 | (49 << 14)
        let lossless = Self.webp(chunk: "VP8L", payload: [0x2F] + [0, 8, 16, 24].map { UInt8((bits >> $0) & 0xFF) })
        #expect(ImageSize.parse(lossless, kind: .webp) == ImageSize(width: 100, height: 50))
        // Extended: flags and reserved bytes, then 24-bit width-1 and height-1: 1920 × 1080.
        let extended = Self.webp(chunk: "VP8X", payload: [0, 0, 0, 0, 0x7F, 0x07, 0x00, 0x37, 0x04, 0x00])
        #expect(ImageSize.parse(extended, kind: .webp) == ImageSize(width: 1920, height: 1080))
        let svg = Array(#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="120px" height='80'></svg>"#.utf8)
        #expect(ImageSize.parse(svg, kind: .svg) == ImageSize(width: 120, height: 80))
        let viewBox = Array(#"<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 300 150"/>"#.utf8)
        #expect(ImageSize.parse(viewBox, kind: .svg) == ImageSize(width: 300, height: 150))
    }

    @Test func brokenOrHostileHeadersGiveNoSizeAndNeverCrash() {
        let inputs: [[UInt8]] = [[], Array("png".utf8), Array(Self.png(width: 0, height: 10)), Array(Self.png(width: 640, height: 120).prefix(20)),
                                 [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x00], [0xFF, 0xD8, 0xFF, 0xE0, 0xFF, 0xFF], Array(Self.jpeg.prefix(25)),
                                 Array("RIFF\0\0\0\0WEBPVP8X".utf8), Array("<svg width='1e400' height='3'>".utf8), Array("<svg>".utf8),
                                 Array(Self.png(width: 0xFFFF_FFFF, height: 0xFFFF_FFFF))]
        for bytes in inputs {
            for kind in [ImageSize.Kind.png, .gif, .jpeg, .webp, .svg] {
                #expect(ImageSize.parse(bytes, kind: kind) == nil, "\(bytes.prefix(16)) as \(kind)")
            }
        }
    }

    @Test func pagesGiveImagesTheirSizeAndLoadAllButTheFirstLazily() throws {
        let body = "## What causes it?\n\n![A red rash on the chest](rash.png)\n\n![A close view of the blisters](pictures/blisters.gif)\n\n"
            + "![The rash on an arm, not measured](arm.jpg)\n"
        let site = try TestSite(files: ["Content/pml.md": TestSite.article(body: body), "Content/arm.jpg": "not a JPEG"])
        try site.write("Content/rash.png", bytes: Self.png(width: 640, height: 120))
        try site.write("Content/pictures/blisters.gif", bytes: Self.gif)
        let report = site.build()
        #expect(!report.diagnostics.contains { $0.severity == .error }, "\(report.diagnostics)")
        let page = try #require(site.read("Output/pml/index.html"))
        #expect(page.contains(#"<img width="640" height="120" src="../rash.png" alt="A red rash on the chest""#), "\(page)")
        #expect(page.contains(#"<img width="320" height="240" loading="lazy" src="../pictures/blisters.gif""#))
        // A file whose header cannot be read gets no size, not a wrong one.
        #expect(page.contains(#"<img loading="lazy" src="../arm.jpg""#))

        // An image replaced by one of another size: the next build (here the one-edit path) uses the new size.
        try site.write("Content/rash.png", bytes: Self.png(width: 300, height: 200))
        #expect(site.build().published)
        #expect(site.read("Output/pml/index.html")?.contains(#"<img width="300" height="200" src="../rash.png""#) == true)
    }
}
